// Test helper: a source with one "|" marking the cursor → the text without it, its
// offset and LSP position, and the analysis.
import { type Analysis, analyzeDocument } from "nomadkit/analysis";

export function atCursor(marked: string, uri = "file:///t.nomad.hcl") {
  const offset = marked.indexOf("|");
  if (offset < 0) throw new Error("bug: no | cursor marker in the test source");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split("\n");
  const line = before.length - 1;
  const character = before[before.length - 1]?.length ?? 0;
  const analysis: Analysis = analyzeDocument(uri, text);
  return { text, offset, line, character, analysis };
}
