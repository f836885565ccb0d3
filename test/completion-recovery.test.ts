// Completion after a break above, measured through the real language server over stdio on
// Nomad's own job files: a line the user is still writing near the top of a group (an
// unclosed string, an unclosed one-line block, an unclosed constraint, a missing value) must
// not cost completion in the last task of the file.
import { type LanguageServerProcess, startLanguageServer } from "@nomadkit/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusFiles, corpusSkipNote, readCorpus } from "./harness/corpus.js";

const BREAKS: Record<string, (indent: string) => string> = {
  "an unclosed string in a one-line block": (i) => `${i}meta { owner = "abc }`,
  "an unclosed string": (i) => `${i}meta {\n${i}  owner = "abc\n${i}}`,
  "an unclosed constraint": (i) => `${i}constraint {\n${i}  attribute = "\${attr.kernel.name}"`,
  "a missing value": (i) => `${i}meta {\n${i}  owner =\n${i}}`,
};

interface Probe {
  name: string;
  /** The file with `break` after the first group's opening line and a blank line to type on in the last task. */
  text: (brk: (indent: string) => string) => string;
  /** The blank line's place, after the break's lines are in. */
  cursor: (brk: (indent: string) => string) => { line: number; character: number };
}

/** Job files with a group and a task opened on lines of their own, indented by two per level. */
function probes(): Probe[] {
  const out: Probe[] = [];
  for (const name of corpusFiles()) {
    const lines = readCorpus(name).split("\n");
    const group = lines.findIndex((l) => /^\s*group\s+"[^"]+"\s*\{\s*$/.test(l));
    const task = lines.findLastIndex((l) => /^\s*task\s+"[^"]+"\s*\{\s*$/.test(l));
    if (group < 0 || task <= group) continue;
    const groupIndent = (lines[group] ?? "").length - (lines[group] ?? "").trimStart().length;
    const taskIndent = (lines[task] ?? "").length - (lines[task] ?? "").trimStart().length;
    if (taskIndent !== groupIndent + 2 || lines.some((l) => l.includes("\t"))) continue;
    const inGroup = " ".repeat(groupIndent + 2);
    const inTask = " ".repeat(taskIndent + 2);
    const build = (brk: (indent: string) => string) => [
      ...lines.slice(0, group + 1),
      ...brk(inGroup).split("\n"),
      ...lines.slice(group + 1, task + 1),
      inTask,
      ...lines.slice(task + 1),
    ];
    out.push({
      name,
      text: (brk) => build(brk).join("\n"),
      cursor: (brk) => ({ line: task + 1 + brk(inGroup).split("\n").length, character: inTask.length }),
    });
  }
  return out;
}

const all = corpusFiles().length > 0 ? probes() : [];

describe.skipIf(all.length === 0)(`completion below a break, on Nomad's job files${corpusSkipNote()}`, () => {
  let server: LanguageServerProcess;
  let version = 0;

  beforeAll(async () => {
    server = await startLanguageServer();
  }, 60_000);

  afterAll(() => server.stop());

  /** The labels the server offers at the probe's blank line in the last task. */
  async function labelsAt(probe: Probe, brk: (indent: string) => string): Promise<string[]> {
    const uri = `file:///corpus/${version++}/${probe.name.replace(/\.(nomad|hcl)+$/, "")}.nomad.hcl`;
    await server.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "nomad", version: 1, text: probe.text(brk) },
    });
    const result = (await server.conn.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: probe.cursor(brk),
    })) as Array<{ label: string }> | { items: Array<{ label: string }> } | null;
    await server.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return items.map((i) => i.label);
  }

  it.each(Object.keys(BREAKS))("%s costs no completion in the last task", async (what) => {
    const brk = BREAKS[what] as (indent: string) => string;
    let kept = 0;
    const lost: string[] = [];
    for (const probe of all) {
      // What the same spot offers below a finished line in the same place.
      const clean = await labelsAt(probe, (i) => `${i}meta {\n${i}  owner = "abc"\n${i}}`);
      const labels = await labelsAt(probe, brk);
      if (clean.length > 0 && labels.join() === clean.join()) kept++;
      else lost.push(probe.name);
    }
    console.log(
      `${what}: task completion kept in ${kept} of ${all.length} files${lost.length ? `; lost in ${lost.slice(0, 5).join(", ")}` : ""}`,
    );
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(kept / all.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
