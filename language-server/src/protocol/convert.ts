// Parser ranges (1-based lines and columns) ⇄ LSP ranges (0-based); both count columns in
// UTF-16 units, so only the base changes.
import type { AnalysisDiagnostic } from "nomadkit/analysis";
import type { Range as HclRange } from "nomadkit/hcl";
import { type Diagnostic, DiagnosticSeverity, type Range } from "vscode-languageserver";

export function toRange(range: HclRange): Range {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function toDiagnostic(d: AnalysisDiagnostic): Diagnostic {
  return {
    range: toRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "nomadkit",
    message: d.message,
    ...(d.suggestions ? { data: { suggestions: d.suggestions } } : {}),
  };
}
