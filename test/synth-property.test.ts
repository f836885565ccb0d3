// Differential property test: synth must accept only what Nomad accepts. Random job apps
// (fixed seed) go through synth; every app it accepts must pass the real agent's
// /v1/validate/job and jobspec2's reading of our HCL must equal our JSON; every app it
// rejects must be reported with construct paths, never a stack trace. Cases it found are
// kept as fixtures in test/fixtures/found.ts.
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { type SynthResult, synthesize } from "nomadkit";
import { NomadClient } from "nomadkit/api";
import { afterAll, describe, expect, it } from "vitest";
import { fixtures as acceptedFound, rejectedFixtures } from "./fixtures/found.js";
import { type Agent, startAgent } from "./harness/nomad-agent.js";
import { type Oracle, startOracle } from "./harness/oracle.js";
import { buildApp, type RandomJob, randomJob } from "./harness/random-app.js";

const RUNS = 400;
const SEED = 20261129;

const startedOracle = await startOracle();
const oracle: Oracle | undefined = "skip" in startedOracle ? undefined : startedOracle;
const startedAgent = await startAgent();
const agent: Agent | undefined = "skip" in startedAgent ? undefined : startedAgent;
const skip = [startedOracle, startedAgent]
  .map((s) => ("skip" in s ? s.skip : ""))
  .filter(Boolean)
  .join("; ");

afterAll(async () => {
  await oracle?.close();
  await agent?.stop();
});

interface Outcome {
  index: number;
  spec: RandomJob;
  result?: SynthResult;
  thrown?: string;
}

describe.skipIf(!oracle || !agent)(
  `synth accepts only what Nomad accepts${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    it(`${RUNS} random apps: accepted ones validate and agree with jobspec2, rejected ones name a construct`, async () => {
      const specs = fc.sample(randomJob, { seed: SEED, numRuns: RUNS });
      const outcomes: Outcome[] = specs.map((spec, index) => {
        try {
          return { index, spec, result: synthesize(buildApp(spec, `job-${index}`)) };
        } catch (err) {
          return { index, spec, thrown: err instanceof Error ? (err.stack ?? err.message) : String(err) };
        }
      });
      const failures: string[] = [];
      const show = (o: Outcome) => `app ${o.index}: ${JSON.stringify(o.spec)}`;

      // Rejected: every problem at a construct path, no stack traces.
      const rejected = outcomes.filter((o) => o.thrown || (o.result?.problems.length ?? 0) > 0);
      for (const o of rejected) {
        if (o.thrown) {
          failures.push(`${show(o)}\n  synth threw: ${o.thrown}`);
          continue;
        }
        for (const p of o.result?.problems ?? []) {
          if (!/^(job|app) "/.test(p.path) || /\n\s+at |TypeError|ReferenceError/.test(p.message))
            failures.push(
              `${show(o)}\n  problem without a construct path or with a stack: ${p.path}: ${p.message}`,
            );
        }
      }

      // Accepted: the agent validates each job, and jobspec2 reads our HCL as our JSON.
      const accepted = outcomes.filter((o) => o.result && o.result.problems.length === 0);
      const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
      const o = oracle as Oracle;
      // A few requests at a time: the agent refuses over 100 connections from one address.
      const work = accepted.flatMap((out) => (out.result?.jobs ?? []).map((job) => ({ out, job })));
      await inBatches(work, 8, async ({ out, job }) => {
        const [validated, parsed, ours] = await Promise.all([
          nomad.jobs.validate(job.payload.Job),
          o.parse(job.hcl, `${job.id}.nomad.hcl`),
          o.canonicalize(job.payload),
        ]);
        const errors = [...(validated.data.ValidationErrors ?? []), validated.data.Error].filter(Boolean);
        if (errors.length > 0) failures.push(`${show(out)}\n  the agent refused: ${errors.join("; ")}`);
        if (!parsed.ok)
          failures.push(`${show(out)}\n  jobspec2 refused our HCL: ${parsed.error}\n${job.hcl}`);
        else if (!ours.ok) failures.push(`${show(out)}\n  api.Job refused our JSON: ${ours.error}`);
        else {
          try {
            expect(ours.job).toEqual(parsed.job);
          } catch (err) {
            failures.push(`${show(out)}\n  JSON and jobspec2 disagree: ${String(err).slice(0, 1500)}`);
          }
        }
      });

      // SYNTH_PROPERTY_REPORT=<file> writes every failure, for triage.
      if (process.env.SYNTH_PROPERTY_REPORT)
        writeFileSync(process.env.SYNTH_PROPERTY_REPORT, failures.join("\n\n"));
      console.log(
        `synth-property: ${outcomes.length} apps, ${accepted.length} accepted, ${rejected.length} rejected, ${failures.length} failures`,
      );
      expect(accepted.length).toBeGreaterThan(RUNS / 10);
      expect(rejected.length).toBeGreaterThan(RUNS / 10);
      expect(failures.slice(0, 8).join("\n\n")).toBe("");
    }, 120_000);

    it.each(
      Object.entries(rejectedFixtures),
    )("found case %s: synth refuses it by its rule, and so does the agent", async (_name, {
      rule,
      build,
    }) => {
      const app = build();
      const refused = synthesize(app);
      expect(refused.problems.map((p) => p.rule)).toContain(rule);
      // The same job without synth's checks: the payload jobPayload would have built.
      const { jobPayload } = await import("../sdk/src/synth/job-payload.js");
      const { Problems } = await import("../sdk/src/synth/problems.js");
      const job = app.jobs[0];
      if (!job) throw new Error("the fixture has no job");
      // Types differ between the src and dist copies of the construct classes; the object is the same.
      const payload = jobPayload(job as never, new Problems());
      const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
      const { data } = await nomad.jobs.validate(payload.Job);
      expect(data.Error, "the agent refuses it too").not.toBe("");
    });

    it.each(
      Object.entries(acceptedFound),
    )("found case %s: synth and the agent accept it", async (_name, build) => {
      const result = synthesize(build());
      expect(result.problems).toEqual([]);
      const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
      for (const job of result.jobs) {
        const { data } = await nomad.jobs.validate(job.payload.Job);
        expect(data.Error).toBe("");
      }
    });
  },
);

/** Runs `fn` over the items, `size` at a time. */
async function inBatches<T>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
