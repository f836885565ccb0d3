// The one diagnostic shape the CLI and the language server share. Ranges are the parser's
// (1-based lines and columns); the server and `lint --format json` convert to LSP's 0-based.
import type { Range } from "../hcl/ast.js";

export type Severity = "error" | "warning" | "information" | "hint";

export interface AnalysisDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable id: "syntax", "unknown-attribute", "bad-enum", "undeclared-port", … */
  code: string;
  message: string;
  /** Replacements a quick fix may offer (from "did you mean", enum values, …). */
  suggestions?: string[];
}

/** Collects diagnostics from the checks. */
export class Findings {
  readonly list: AnalysisDiagnostic[] = [];

  add(
    severity: Severity,
    code: string,
    message: string,
    range: Range | undefined,
    suggestions?: string[],
  ): void {
    if (!range) return; // nodes without a place come from code, never from a document
    this.list.push({ range, severity, code, message, ...(suggestions?.length ? { suggestions } : {}) });
  }
  error(code: string, message: string, range: Range | undefined, suggestions?: string[]): void {
    this.add("error", code, message, range, suggestions);
  }
  warning(code: string, message: string, range: Range | undefined, suggestions?: string[]): void {
    this.add("warning", code, message, range, suggestions);
  }
}

/** `Did you mean "x"?` hints carry the name; quick fixes read it back from the message. */
export function suggestionFromMessage(message: string): string | undefined {
  return /Did you mean "([^"]+)"\?/.exec(message)?.[1];
}
