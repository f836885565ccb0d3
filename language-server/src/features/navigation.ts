// Go to definition and find references for the names a file declares itself: variables,
// locals, and per group its ports, volumes and tasks (see analysis/references.ts).
import { type Analysis, occurrencesOf, symbolAt } from "nomadkit/analysis";
import type { Location } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

export function definition(analysis: Analysis, offset: number): Location[] {
  const symbol = symbolAt(analysis.symbols, offset);
  if (!symbol) return [];
  return occurrencesOf(analysis.symbols, symbol)
    .filter((s) => s.declaration)
    .map((s) => ({ uri: analysis.uri, range: toRange(s.range) }));
}

export function references(analysis: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(analysis.symbols, offset);
  if (!symbol) return [];
  return occurrencesOf(analysis.symbols, symbol)
    .filter((s) => includeDeclaration || !s.declaration)
    .map((s) => ({ uri: analysis.uri, range: toRange(s.range) }));
}
