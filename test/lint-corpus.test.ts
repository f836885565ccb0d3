import fc from "fast-check";
import { analyzeDocument } from "nomadkit/analysis";
import { parse } from "nomadkit/hcl";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFiles, corpusSkipNote, readCorpus } from "./harness/corpus.js";
import { applyMutation, corpusMutation } from "./harness/corpus-mutations.js";
import { type Agent, startAgent } from "./harness/nomad-agent.js";
import { nomadBinary } from "./harness/nomad-binary.js";
import { type NomadVerdict, NomadVerdicts } from "./harness/nomad-verdicts.js";

const files = corpusFiles();
const read = readCorpus;

/** The variables Nomad's parser says are unset (it parses without -var). */
const unsetVariables = (error: string): string[] =>
  [...error.matchAll(/Unset variable "([^"]+)"/g)].map((m) => m[1] as string);

const isJobFile = (source: string) =>
  parse(source).file.body.items.some((i) => i.type === "Block" && i.blockType === "job");

const errorsOf = (f: string, source: string) =>
  analyzeDocument(f, source)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${f}:${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`);

// The job verdicts come from a real agent: `PUT /v1/jobs/parse`, then `PUT /v1/validate/job`
// (what `nomad job validate` does), so a job jobspec2 parses but the server refuses counts.
const binary = await nomadBinary();
const agentStarted = "skip" in binary ? binary : await startAgent();
const agent: Agent | undefined = "skip" in agentStarted ? undefined : agentStarted;
const nomadVerdicts = agent && !("skip" in binary) ? new NomadVerdicts(binary.path, agent) : undefined;
const agentSkip = "skip" in agentStarted ? agentStarted.skip : "";
afterAll(async () => {
  nomadVerdicts?.close();
  await agent?.stop();
});

/**
 * Where our lint disagrees with the agent on a job file. A refusal with a line needs our
 * error there (a diagnostic, where Nomad failed a file-system function we never evaluate); a
 * refusal for unset variables needs our unset-variable warning for each (the values come
 * when the job is run, so we warn); the server's validation, which names no line, needs
 * an error from us.
 */
function disagreements(f: string, source: string, verdict: NomadVerdict): string[] {
  const diagnostics = analyzeDocument(f, source).diagnostics;
  const errors = errorsOf(f, source);
  if (verdict.ok) return errors;
  const first = verdict.error.split("\n")[0] ?? "";
  if (verdict.line !== undefined) {
    const functionCall = /Error in function call|Call to function "\w+" failed/.test(verdict.error);
    const there = diagnostics.filter(
      (d) => d.range.start.line === verdict.line && (functionCall || d.severity === "error"),
    );
    return there.length > 0
      ? []
      : [`${f}:${verdict.line}: the agent refuses it (${first}) but we say nothing there`];
  }
  const unset = unsetVariables(verdict.error);
  if (unset.length > 0) {
    const warned = diagnostics
      .filter((d) => d.code === "unset-variable" && d.severity === "warning")
      .map((d) => /variable "([^"]+)"/.exec(d.message)?.[1]);
    return unset
      .filter((name) => !warned.includes(name))
      .map((name) => `${f}: the agent says variable "${name}" is unset but we gave no warning`);
  }
  return errors.length > 0 ? [] : [`${f}: the agent refuses it (${verdict.error}) but we found no error`];
}

// Agent configs, ACL policies, volume and node pool specs are compared with the real Nomad in
// kinds-corpus.test.ts.
describe.skipIf(!nomadVerdicts || files.length === 0)(
  `lint the Nomad corpus${agentSkip ? ` (skipped: ${agentSkip})` : corpusSkipNote()}`,
  () => {
    it("gives no error on a job the agent accepts and an error where it refuses one", async () => {
      const wrong: string[] = [];
      let accepted = 0;
      let refused = 0;
      let byServer = 0;
      let unset = 0;
      for (const f of files) {
        const source = read(f);
        if (!isJobFile(source)) continue;
        const verdict = await (nomadVerdicts as NomadVerdicts).verdict("job", f, source);
        if (verdict.ok) accepted++;
        else {
          refused++;
          if (verdict.line === undefined && unsetVariables(verdict.error).length === 0) byServer++;
          if (unsetVariables(verdict.error).length > 0) unset++;
        }
        wrong.push(...disagreements(f, source, verdict));
      }
      console.log(
        `lint corpus: ${accepted} job files the agent accepts, ${refused} it refuses (${unset} for unset variables, ${byServer} by the server's validation)`,
      );
      expect(accepted).toBeGreaterThan(150);
      expect(refused).toBeGreaterThan(0);
      expect(byServer).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
    }, 300_000);
  },
);

describe.skipIf(files.length === 0)(`analyzeDocument on mutated corpus files${corpusSkipNote()}`, () => {
  const sources = files.map((f) => ({ f, text: read(f) })).filter((s) => s.text.length < 20_000);

  it("never throws and answers each mutated file within a second", () => {
    let slowest = 0;
    fc.assert(
      fc.property(corpusMutation(sources.length), (m) => {
        const { f, text } = sources[m.file] as { f: string; text: string };
        const mutated = applyMutation(text, m);
        const t0 = performance.now();
        analyzeDocument(f, mutated);
        const took = performance.now() - t0;
        slowest = Math.max(slowest, took);
        expect(took).toBeLessThan(1000);
      }),
      // 10,000 cases in CI, fewer on a developer machine; FUZZ_RUNS overrides either.
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 10_000 : 1_000)),
        seed: Number(process.env.FUZZ_SEED ?? 42),
      },
    );
    console.log(`fuzz: slowest analysis ${slowest.toFixed(1)} ms`);
  });
});
