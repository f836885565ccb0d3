// Analysis of Nomad files, shared by `nomadkit lint` and the language server: file kind,
// parse in the right mode, decode and check against the schema, symbols, and the schema
// binding completion and hover read.

export { functionNames } from "../jobspec/functions.js";
export { newer, parseVersion } from "../rules/index.js";
export { type Analysis, type AnalysisSettings, analyzeDocument } from "./analyze.js";
export {
  type BodySchema,
  type BoundBlock,
  blocksAt,
  childSchema,
  driverName,
  fieldOf,
  JOB_FILE_BLOCKS,
  namedFields,
  plainString,
  structOf,
  VARIABLE_ATTRIBUTES,
  walkBlocks,
} from "./binding.js";
export { type AnalysisDiagnostic, type Severity, suggestionFromMessage } from "./diagnostic.js";
export { contains, stringContentRange, walkExpression, walkFileExpressions } from "./expressions.js";
export { detectFileKind, type FileKind, fileKinds, kindOverride, parseModeFor } from "./file-kind.js";
export { rootSchemaOf, schemaKeyFor } from "./kind-binding.js";
export {
  collectSymbols,
  occurrencesOf,
  type SymbolKind,
  type SymbolOccurrence,
  symbolAt,
} from "./references.js";
export {
  collectRuntimeReferences,
  groupAt,
  linkedAt,
  linkedOccurrences,
  type RuntimeNameAt,
  type RuntimeReference,
  runtimeNameAt,
} from "./runtime-references.js";
