import fc from "fast-check";
import { analyzeDocument } from "nomadkit/analysis";
import { parse } from "nomadkit/hcl";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFiles, readCorpus } from "./harness/corpus.js";
import { applyMutation, corpusMutation } from "./harness/corpus-mutations.js";
import { type Oracle, startOracle } from "./harness/oracle.js";

const files = corpusFiles();
const read = readCorpus;

/**
 * jobspec2 rejects this one only because file("/root/.ssh/id_rsa") reads a file that is
 * not on the machine; we don't read the file system, so it gets no error from us.
 */
const NEEDS_FILE_SYSTEM = new Set(["demo_csi_kadalu-csi_controller.nomad"]);

/**
 * jobspec2 parses these, but the agent refuses them: they are Nomad's own e2e inputs for
 * exactly that (a count outside the scaling min…max). We must report the rule's error.
 */
const SERVER_REJECTS = new Map([
  ["e2e_scaling_input_namespace_default_2.nomad.hcl", "scaling-bounds"],
  ["e2e_scaling_input_namespace_default_3.nomad.hcl", "scaling-bounds"],
]);

/**
 * jobspec2, run here without -var, rejects a job that uses a variable with no default. The
 * value comes when the job is run, so we warn instead (unset-variable): check the warning.
 */
const unsetVariables = (error: string): string[] | undefined => {
  const lines = error.split("\n").filter((l) => l.trim() !== "");
  const names = lines.map((l) => /Unset variable "([^"]+)"/.exec(l)?.[1]);
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
};

const isJobFile = (source: string) =>
  parse(source).file.body.items.some((i) => i.type === "Block" && i.blockType === "job");

const errorsOf = (f: string, source: string) =>
  analyzeDocument(f, source)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${f}:${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`);

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";

describe.skipIf(!oracle || files.length === 0)(
  `lint the Nomad corpus${oracle ? "" : ` (skipped: ${skipReason})`}`,
  () => {
    const o = oracle as Oracle;
    afterAll(() => o.close());

    it("gives no error on a job jobspec2 accepts and an error on one it rejects", async () => {
      const wrong: string[] = [];
      let accepted = 0;
      let rejected = 0;
      let unset = 0;
      for (const f of files) {
        const source = read(f);
        if (!isJobFile(source)) continue;
        const verdict = await o.parse(source, f);
        const errors = errorsOf(f, source);
        const serverRule = SERVER_REJECTS.get(f);
        if (verdict.ok && serverRule) {
          accepted++;
          if (!errors.some((e) => e.includes(`: ${serverRule}: `)))
            wrong.push(`${f}: the agent refuses it but we gave no ${serverRule} error`);
          wrong.push(...errors.filter((e) => !e.includes(`: ${serverRule}: `)));
        } else if (verdict.ok || NEEDS_FILE_SYSTEM.has(f)) {
          accepted++;
          wrong.push(...errors);
        } else if (unsetVariables(verdict.error)) {
          rejected++;
          unset++;
          const warned = analyzeDocument(f, source)
            .diagnostics.filter((d) => d.code === "unset-variable" && d.severity === "warning")
            .map((d) => /variable "([^"]+)"/.exec(d.message)?.[1]);
          for (const name of unsetVariables(verdict.error) ?? [])
            if (!warned.includes(name))
              wrong.push(`${f}: jobspec2 says variable "${name}" is unset but we gave no warning`);
        } else {
          rejected++;
          if (errors.length === 0)
            wrong.push(`${f}: jobspec2 rejects it (${verdict.error}) but we found no error`);
        }
      }
      console.log(
        `lint corpus: ${accepted} accepted and ${rejected} rejected job files checked (${unset} only for unset variables)`,
      );
      expect(accepted).toBeGreaterThan(150);
      expect(rejected).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
    });

    it("gives no error on the other Nomad files HCL1 reads", async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const f of files) {
        const source = read(f);
        if (isJobFile(source)) continue;
        const kind = analyzeDocument(f, source).kind;
        if (kind === "other" || kind === "job") continue;
        if (!(await o.hcl1(source)).ok) continue;
        checked++;
        wrong.push(...errorsOf(f, source));
      }
      console.log(`lint corpus: ${checked} agent, volume, ACL and node pool files checked`);
      expect(checked).toBeGreaterThan(40);
      expect(wrong).toEqual([]);
    });
  },
);

describe.skipIf(files.length === 0)("analyzeDocument on mutated corpus files", () => {
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
