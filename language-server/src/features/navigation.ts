// Go to definition and find references for the names a file declares itself: variables,
// locals, and per group its ports, volumes, tasks and upstreams (see analysis/references.ts),
// including the runtime names built from a port or upstream (`${NOMAD_PORT_http}`).
import { type Analysis, linkedAt } from "nomadkit/analysis";
import type { Location } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

export function definition(analysis: Analysis, offset: number): Location[] {
  const linked = linkedAt(analysis.symbols, analysis.ast, offset);
  if (!linked) return [];
  return linked.occurrences
    .filter((s) => s.declaration)
    .map((s) => ({ uri: analysis.uri, range: toRange(s.range) }));
}

export function references(analysis: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const linked = linkedAt(analysis.symbols, analysis.ast, offset);
  if (!linked) return [];
  return linked.occurrences
    .filter((s) => includeDeclaration || !s.declaration)
    .map((s) => ({ uri: analysis.uri, range: toRange(s.range) }));
}
