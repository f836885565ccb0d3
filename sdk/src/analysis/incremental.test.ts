// Incremental analysis must be invisible: after any sequence of edits, analyzing the
// document gives exactly what analyzing the same text from scratch gives. The same check on
// Nomad's own jobs is test/incremental-corpus.test.ts (it needs the corpus).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, Body } from "../hcl/ast.js";
import { type Analysis, analyzeDocument } from "./analyze.js";

const group = (i: number) => `  group "g${i}" {
    count = 2
    network {
      port "http" {}
    }
    service {
      name = "svc-${i}"
      port = "http"
      check {
        type     = "http"
        interval = "10s"
        timeout  = "2s"
      }
    }
    task "app" {
      driver = "docker"
      config {
        image = "nginx:1.27"
        ports = ["http"]
      }
      env {
        PORT = "\${NOMAD_PORT_http}-\${var.region}"
      }
    }
  }
`;
const job = (groups: number) =>
  `variable "region" {\n  default = "eu"\n}\njob "big" {\n  datacenters = ["dc1"]\n${Array.from({ length: groups }, (_, i) => group(i)).join("")}}\n`;

/** Symbol owners compared by place: the bodies are copies, not the same objects. */
const comparable = (a: Analysis) => ({
  kind: a.kind,
  ast: a.ast,
  diagnostics: a.diagnostics,
  symbols: a.symbols.map((s) => ({ ...s, owner: s.owner?.range })),
});

let fresh = 0;
const fromScratch = (text: string) => analyzeDocument(`file:///scratch-${fresh++}.nomad.hcl`, text);

/** Applies edits one by one to the same document and compares each result with a fresh analysis. */
function checkEdits(start: string, edits: Array<{ at: number; remove: number; insert: string }>): void {
  const uri = `file:///edited-${fresh++}.nomad.hcl`;
  let text = start;
  let previous = analyzeDocument(uri, text);
  for (const { at, remove, insert } of edits) {
    const from = Math.floor(at * text.length);
    text = text.slice(0, from) + insert + text.slice(from + remove);
    previous = analyzeDocument(uri, text, {}, previous);
    expect(comparable(previous)).toEqual(comparable(fromScratch(text)));
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

describe("incremental analysis", () => {
  it("equals a whole-file analysis after edits anywhere in a job", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => checkEdits(job(6), edits)),
      { numRuns: 40 },
    );
  });

  it("equals a whole-file analysis after typing inside one group", () => {
    const uri = `file:///typing-${fresh++}.nomad.hcl`;
    let text = job(20);
    let previous = analyzeDocument(uri, text);
    const blocks = (body: Body) => body.items.filter((i): i is Block => i.type === "Block");
    const firstGroup = (a: Analysis) =>
      blocks(blocks(a.ast.body).find((b) => b.blockType === "job")?.body ?? a.ast.body)[0];
    const untouched = firstGroup(previous);
    let reused = 0;
    const at = text.indexOf("svc-3") + 4;
    for (const [i, ch] of [..."ab\n  x = 1\n"].entries()) {
      text = text.slice(0, at + i) + ch + text.slice(at + i);
      previous = analyzeDocument(uri, text, {}, previous);
      expect(comparable(previous)).toEqual(comparable(fromScratch(text)));
      if (firstGroup(previous) === untouched) reused++;
    }
    // "a" and "b" keep the file valid, so only the edited group was parsed again: a group
    // before it is the very same node. The newline inside the string needs the whole file.
    expect(reused).toBe(2);
  });
});
