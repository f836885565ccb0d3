// HCL AST ⇄ API JSON for Nomad jobs, driven by the generated schema.

export { type ApiObject, type DecodeOptions, type DecodeResult, decodeJob } from "./decode.js";
export type { JobspecDiagnostic } from "./diagnostics.js";
export { encodeJob } from "./encode.js";
