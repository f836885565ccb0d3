// Decode problems as values with a place: every one carries the narrowest range we know
// (an attribute's name, a block's header, the bad value) and a stable code tools can match.
import { closest, distance } from "fastest-levenshtein";
import type { Range } from "../hcl/ast.js";

export interface JobspecDiagnostic {
  message: string;
  range: Range;
  severity: "error" | "warning";
  /** A short stable id: "unknown-attribute", "wrong-type", "missing-required", … */
  code: string;
}

const ORIGIN: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** Collects diagnostics; nodes built in code have no range, so the file start stands in. */
export class Diagnostics {
  readonly list: JobspecDiagnostic[] = [];

  error(code: string, message: string, range: Range | undefined): void {
    this.list.push({ code, message, range: range ?? ORIGIN, severity: "error" });
  }

  warning(code: string, message: string, range: Range | undefined): void {
    this.list.push({ code, message, range: range ?? ORIGIN, severity: "warning" });
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === "error").length;
  }
}

/** ` Did you mean "x"?` when a known name is close enough to be a typo, else "". */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const names = [...candidates];
  if (names.length === 0) return "";
  const best = closest(name, names);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(name, best) <= limit ? ` Did you mean "${best}"?` : "";
}

/** The warning for a field Nomad still reads but has deprecated, with what to write instead. */
export function deprecatedMessage(field: { hcl: string; deprecated?: string }): string {
  return `"${field.hcl}" is deprecated: ${field.deprecated ?? ""}`;
}
