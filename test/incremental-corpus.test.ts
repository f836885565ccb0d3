// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the edits are HCL source, where ${ is HCL syntax.
// Incremental analysis on Nomad's own jobs: after random edits inside groups, analyzing the
// edited document gives exactly what analyzing the same text from scratch gives. The
// synthetic-job half of this check sits beside the code (sdk/src/analysis/incremental.test.ts);
// this half needs the corpus, so it lives here with the other corpus tests.
import fc from "fast-check";
import { type Analysis, analyzeDocument } from "nomadkit/analysis";
import { describe, expect, it } from "vitest";
import { corpusFiles, corpusSkipNote, readCorpus } from "./harness/corpus.js";

const jobs = corpusFiles()
  .map((f) => readCorpus(f))
  .filter((t) => /^\s*group\s/m.test(t) && /^job\s/m.test(t))
  .slice(0, 40);

/** Symbol owners compared by place: the bodies are copies, not the same objects. */
const comparable = (a: Analysis) => ({
  kind: a.kind,
  ast: a.ast,
  diagnostics: a.diagnostics,
  symbols: a.symbols.map((s) => ({ ...s, owner: s.owner?.range })),
});

let fresh = 0;

function checkEdits(start: string, edits: Array<{ at: number; remove: number; insert: string }>): void {
  const uri = `file:///corpus-edited-${fresh++}.nomad.hcl`;
  let text = start;
  let previous = analyzeDocument(uri, text);
  for (const { at, remove, insert } of edits) {
    const from = Math.floor(at * text.length);
    text = text.slice(0, from) + insert + text.slice(from + remove);
    const scratch = analyzeDocument(`file:///corpus-scratch-${fresh++}.nomad.hcl`, text);
    previous = analyzeDocument(uri, text, {}, previous);
    expect(comparable(previous)).toEqual(comparable(scratch));
  }
}

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.constantFrom(
    "",
    "x",
    "1",
    "\n",
    '"',
    "{",
    "}",
    "=",
    " ",
    "prot",
    "port",
    "${",
    "var.",
    "nod.",
    // Edits that make or unmake rule findings (in this group or, by name, in others).
    "\ncount = -1\n",
    "\nleader = true\n",
    "\nupdate {\ncanary = 5\n}\n",
    '\ngroup "g1" {\n}\n',
  ),
});

describe.skipIf(jobs.length === 0)(`incremental analysis on corpus jobs${corpusSkipNote()}`, () => {
  it("finds corpus jobs with groups to edit", () => {
    expect(jobs.length).toBeGreaterThanOrEqual(20);
  });

  it("equals a whole-file analysis on corpus jobs edited inside groups", () => {
    for (const [i, text] of jobs.entries()) {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => checkEdits(text, edits)),
        { numRuns: 5, seed: i },
      );
    }
  });
});
