// Diagnostics as you type: each change restarts a short timer per document, so a burst of
// keystrokes costs one analysis, published for the version it was computed from.
import type { Analysis } from "nomadkit/analysis";
import type { Diagnostic } from "vscode-languageserver";
import { toDiagnostic } from "../protocol/convert.js";

export function diagnosticsOf(analysis: Analysis): Diagnostic[] {
  return analysis.diagnostics.map(toDiagnostic);
}

export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(private readonly delayMs: number) {}

  schedule(key: string, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, this.delayMs),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }
}
