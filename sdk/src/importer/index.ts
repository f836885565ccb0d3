// HCL job files → nomadkit TypeScript that synthesizes back to the same jobs.

export { environmentOfFile, importEnvironments } from "./environments.js";
export {
  decodeSource,
  type ImportError,
  type ImportedJob,
  type ImportOptions,
  type ImportResult,
  type ImportSource,
  importAsModule,
  importJobFiles,
} from "./import-files.js";
