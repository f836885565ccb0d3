import { analyzeDocument } from "nomadkit/analysis";
import { describe, expect, it } from "vitest";
import { foldingRanges } from "./folding.js";
import { formatDocument } from "./formatting.js";
import { semanticTokens } from "./semantic-tokens.js";
import { documentSymbols } from "./symbols.js";

const source = 'job "web" {\n  group "api" {\n    task "app" {\n      driver = "docker"\n    }\n  }\n}\n';

describe("outline, folding, formatting and tokens", () => {
  const analysis = analyzeDocument("file:///w.nomad.hcl", source);

  it("outlines blocks and attributes as a tree", () => {
    const [job] = documentSymbols(analysis);
    expect(job?.name).toBe('job "web"');
    expect(job?.children?.[0]?.name).toBe('group "api"');
    expect(job?.children?.[0]?.children?.[0]?.children?.map((c) => c.name)).toEqual(["driver"]);
  });

  it("folds every multi-line block up to its closing brace", () => {
    expect(foldingRanges(analysis).map((r) => [r.startLine, r.endLine])).toEqual([
      [0, 5],
      [1, 4],
      [2, 3],
    ]);
  });

  it("formats as nomad fmt does, and leaves formatted text alone", () => {
    expect(formatDocument(source)).toEqual([]);
    const edits = formatDocument('job "web" {\ntype="batch"\n}\n');
    expect(edits[0]?.newText).toBe('job "web" {\n  type = "batch"\n}\n');
  });

  it("marks blocks, attributes and references", () => {
    const a = analyzeDocument("file:///w.nomad.hcl", 'job "w" {\n  meta {\n    a = var.x\n  }\n}\n');
    expect(semanticTokens(a).map((t) => [t.line, t.character, t.length, t.type])).toEqual([
      [0, 0, 3, 0],
      [1, 2, 4, 0],
      [2, 4, 1, 1],
      [2, 8, 3, 2],
    ]);
  });
});
