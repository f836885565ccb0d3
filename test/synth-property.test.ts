// Differential property test: synth must accept exactly what Nomad accepts. Random job apps
// (test/harness/random-app.ts) go through synth, with a fresh seed each run:
// - every app synth accepts must pass the real agent's /v1/validate/job, and jobspec2's
//   reading of our HCL must equal our JSON (so HCL escaping is checked against Nomad's parser);
// - every app synth rejects is reported at construct paths, never with a stack trace, and the
//   job it would have written is sent to the agent: if the agent accepts it, synth refused a
//   valid job, which fails the test unless the reason is in AGENT_NOT_ASKED below.
// A failure shrinks to a minimal app and prints it; add it to test/fixtures/synth-property-found.json
// so every later run replays it. NOMADKIT_SEED=<n> replays a run, NOMADKIT_RUNS=<n> sets its size.
import { readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { type App, type SynthResult, synthesize } from "nomadkit";
import { NomadClient } from "nomadkit/api";
import { afterAll, describe, expect, it } from "vitest";
import { jobPayload } from "../sdk/src/synth/job-payload.js";
import { type Problem, Problems } from "../sdk/src/synth/problems.js";
import { fixtures as acceptedFound, rejectedFixtures } from "./fixtures/found.js";
import { type Agent, startAgent } from "./harness/nomad-agent.js";
import { type Oracle, startOracle } from "./harness/oracle.js";
import { buildApp, type RandomJob, randomJob } from "./harness/random-app.js";

const RUNS = Number(process.env.NOMADKIT_RUNS ?? 300);
const SEED = process.env.NOMADKIT_SEED ? Number(process.env.NOMADKIT_SEED) : freshSeed();
const FOUND_FILE = new URL("./fixtures/synth-property-found.json", import.meta.url);

/**
 * The one place for refusals synth makes that the agent's validation doesn't, each with why it
 * is not synth refusing a valid job. Each entry matches a problem's rule id or message; an app
 * with such a problem is not sent to the agent.
 */
const AGENT_NOT_ASKED: readonly { match: RegExp; why: string }[] = [
  {
    match: /: expected a Port /,
    why: "a string cast where a Port goes is a type error in the app: there is no job to send",
  },
  {
    match: /never closes, and Nomad reads driver config as HCL/,
    why: 'fails at run time: the client reads driver config as HCL when the task starts; a real agent\'s task with args ["a${"] failed with "failed to parse config"',
  },
  {
    match: /is not a duration/,
    why: "a duration that doesn't parse has no API JSON form (Nomad takes nanoseconds); the payload synth would send leaves it out, so the agent would judge a different job",
  },
];

/**
 * Rules that only warn, on purpose, about what the agent may refuse: an app that synth accepts
 * with one of these warnings may be refused by the agent.
 */
const WARNED_NOT_REFUSED: readonly { rule: string; why: string }[] = [
  {
    rule: "bad-regexp",
    why: "the rule compiles the value as a JavaScript RegExp, and Go's RE2 differs at the edges, so it warns rather than refuses",
  },
];

/** A problem the agent is not asked about. */
function notAsked(p: Problem): boolean {
  return AGENT_NOT_ASKED.some((r) => r.match.test(p.rule ?? "") || r.match.test(p.message));
}

const startedOracle = await startOracle();
const oracle: Oracle | undefined = "skip" in startedOracle ? undefined : startedOracle;
const startedAgent = await startAgent();
const agent: Agent | undefined = "skip" in startedAgent ? undefined : startedAgent;
const skip = [startedOracle, startedAgent]
  .map((s) => ("skip" in s ? s.skip : ""))
  .filter(Boolean)
  .join("; ");
const nomad = agent ? new NomadClient({ address: agent.address, env: {} }) : undefined;

afterAll(async () => {
  nomad?.close();
  await oracle?.close();
  await agent?.stop();
});

const counts = { apps: 0, accepted: 0, rejected: 0, rejectedAgentAccepts: 0 };

/** Why Nomad disagrees with synth about one app, or undefined when they agree. */
async function disagreement(spec: RandomJob): Promise<string | undefined> {
  let app: App;
  let result: SynthResult;
  try {
    app = buildApp(spec, "job-0");
    result = synthesize(app);
  } catch (err) {
    return `synth threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  }
  counts.apps++;
  if (result.problems.length > 0) {
    counts.rejected++;
    for (const p of result.problems) {
      if (!/^(job|app) "/.test(p.path) || /\n\s+at |TypeError|ReferenceError/.test(p.message))
        return `problem without a construct path or with a stack: ${p.path}: ${p.message}`;
    }
    if (result.problems.some(notAsked)) return undefined;
    // The job synth would have written without its checks: does the agent refuse it too?
    const job = app.jobs[0];
    if (!job) return "the app has no job";
    // Types differ between the src and dist copies of the construct classes; the object is the same.
    const payload = jobPayload(job as never, new Problems());
    const errors = await agentErrors(payload.Job);
    if (errors.length > 0) return undefined;
    counts.rejectedAgentAccepts++;
    return `synth refused a job the agent accepts:\n${result.problems.map((p) => `  ${p.path}: ${p.message}${p.rule ? ` [${p.rule}]` : ""}`).join("\n")}\n${JSON.stringify(payload.Job)}`;
  }
  counts.accepted++;
  const o = oracle as Oracle;
  for (const job of result.jobs) {
    const [errors, parsed, ours] = await Promise.all([
      agentErrors(job.payload.Job),
      o.parse(job.hcl, `${job.id}.nomad.hcl`),
      o.canonicalize(job.payload),
    ]);
    const warned = result.warnings.some((w) => WARNED_NOT_REFUSED.some((r) => r.rule === w.rule));
    if (errors.length > 0 && !warned) return `the agent refused: ${errors.join("; ")}`;
    if (errors.length > 0) continue;
    if (!parsed.ok) return `jobspec2 refused our HCL: ${parsed.error}\n${job.hcl}`;
    if (!ours.ok) return `api.Job refused our JSON: ${ours.error}`;
    try {
      expect(ours.job).toEqual(parsed.job);
    } catch (err) {
      return `JSON and jobspec2 disagree: ${String(err).slice(0, 1500)}\n${job.hcl}`;
    }
  }
  return undefined;
}

async function agentErrors(job: unknown): Promise<string[]> {
  const { data } = await (nomad as NomadClient).jobs.validate(job as never);
  return [...(data.ValidationErrors ?? []), data.Error].filter((e): e is string => Boolean(e));
}

describe.skipIf(!oracle || !agent)(
  `synth accepts exactly what Nomad accepts${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    it(`${RUNS} random apps from a fresh seed agree with the agent and jobspec2`, async () => {
      console.log(`synth-property: seed ${SEED} (replay with NOMADKIT_SEED=${SEED}), ${RUNS} runs`);
      const details = await fc.check(
        fc.asyncProperty(randomJob, async (spec) => {
          const why = await disagreement(spec);
          if (why) throw new Error(why);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: false },
      );
      console.log(
        `synth-property: seed ${SEED}: ${counts.apps} apps checked (shrinking included), ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.rejectedAgentAccepts} rejected that the agent accepts`,
      );
      if (details.failed) {
        const minimal = details.counterexample?.[0] as RandomJob;
        const report = `seed ${SEED}, path ${details.counterexamplePath}\nminimal app (add it to test/fixtures/synth-property-found.json):\n${JSON.stringify(minimal)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`;
        if (process.env.SYNTH_PROPERTY_REPORT) writeFileSync(process.env.SYNTH_PROPERTY_REPORT, report);
        expect.fail(report);
      }
      expect(counts.accepted).toBeGreaterThan(RUNS / 10);
      expect(counts.rejected).toBeGreaterThan(RUNS / 20);
    }, 180_000);

    const found = JSON.parse(readFileSync(FOUND_FILE, "utf8")) as { why: string; app: RandomJob }[];
    it.each(
      found.map((f) => [f.why, f.app] as const),
    )("found by the property test: %s", async (_why, spec) => {
      expect(await disagreement(spec)).toBeUndefined();
    });

    it.each(
      Object.entries(rejectedFixtures),
    )("found case %s: synth refuses it by its rule, and so does the agent", async (_name, {
      rule,
      build,
    }) => {
      const app = build();
      const refused = synthesize(app);
      expect(refused.problems.map((p) => p.rule)).toContain(rule);
      const job = app.jobs[0];
      if (!job) throw new Error("the fixture has no job");
      const payload = jobPayload(job as never, new Problems());
      expect(await agentErrors(payload.Job), "the agent refuses it too").not.toEqual([]);
    });

    it.each(
      Object.entries(acceptedFound),
    )("found case %s: synth and the agent accept it", async (_name, build) => {
      const result = synthesize(build());
      expect(result.problems).toEqual([]);
      for (const job of result.jobs) expect(await agentErrors(job.payload.Job)).toEqual([]);
    });
  },
);

function freshSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}
