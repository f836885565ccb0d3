// Selection ranges: grow from the word under the cursor to its attribute, then each
// enclosing block, out to the whole file.
import { type Analysis, blocksAt, contains, walkExpression } from "nomadkit/analysis";
import type { Range as HclRange } from "nomadkit/hcl";
import type { SelectionRange } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

export function selectionRange(analysis: Analysis, offset: number): SelectionRange {
  const ranges: HclRange[] = [];
  if (analysis.ast.range) ranges.push(analysis.ast.range);
  const path = blocksAt(analysis.ast, offset);
  for (const b of path) {
    if (b.block.range) ranges.push(b.block.range);
    if (b.block.body.range) ranges.push(b.block.body.range);
  }
  const body = path[path.length - 1]?.block.body ?? analysis.ast.body;
  for (const item of body.items) {
    if (item.type !== "Attribute" || !contains(item.range, offset) || !item.range) continue;
    ranges.push(item.range);
    if (contains(item.nameRange, offset) && item.nameRange) ranges.push(item.nameRange);
    walkExpression(item.value, (e) => {
      if (contains(e.range, offset) && e.range) ranges.push(e.range);
    });
  }
  // Outermost first; drop repeats so each step grows the selection.
  let parent: SelectionRange | undefined;
  let last = "";
  for (const r of ranges) {
    const key = `${r.start.offset}:${r.end.offset}`;
    if (key === last) continue;
    last = key;
    parent = { range: toRange(r), ...(parent ? { parent } : {}) };
  }
  return parent ?? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
