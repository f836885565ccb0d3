// HCL2 for Nomad files: parse (error-tolerant, with ranges), format (as `nomad fmt`), print (AST → text).
export * from "./ast.js";
export type { HclDiagnostic } from "./diagnostics.js";
export { format } from "./format.js";
export { type ParseOptions, type ParseResult, parse } from "./parser.js";
export { print } from "./printer.js";
