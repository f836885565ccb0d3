import type { Command } from "commander";
import pc from "picocolors";
import type { NomadClient } from "../api/index.js";
import { withOwner } from "../deploy/deploy.js";
import { renderPlan } from "../deploy/diff-render.js";
import { type JobPlan, planExitCode, planJob } from "../deploy/plan.js";
import { ownerFor, type Preflight, preflight } from "../deploy/preflight.js";
import type { SynthResult } from "../synth/synth.js";
import { type AppOptions, synthFor } from "./app-options.js";
import { UserError } from "./load-app.js";
import { withCluster, withConnectionOptions } from "./nomad-connection.js";
import { jobAction, jobLine, noteLines, problemLines, readVarFile, resourceLine } from "./plan-text.js";

/** A job's plan, or why Nomad can't plan it yet (its namespace is created by this deploy). */
type JobEntry = { jobId: string; plan: JobPlan } | { jobId: string; pending: string };

/**
 * `nomadkit plan`: every resource and job deploy would touch, with create, update or
 * no-change, each job's diff, and what would stop the deploy. Exit 0 no allocation
 * changes, 1 allocations change, 255 error or a deploy that would be refused (like `nomad job plan`).
 */
async function planCommand(entry: string, options: AppOptions): Promise<number> {
  const { name, result } = await synthFor(entry, options);
  const values = readVarFile(options.varFile);
  const base = { app: name, ...(options.env ? { environment: options.env } : {}) };
  const { checked, jobs } = await withCluster(options, async (client) => {
    const checked = await preflight(client, result, {
      ...base,
      ...(options.adopt ? { adopt: true } : {}),
      variables: { values, env: process.env },
    });
    return {
      checked,
      jobs: await planJobs(client, result, checked, { ...base, version: options.appVersion }),
    };
  });
  const plans = jobs.flatMap((j) => ("plan" in j ? [j.plan] : []));
  const pending = jobs.length - plans.length;
  if (options.json) {
    const summary = {
      resources: checked.steps.map((s) => s.plan),
      jobs: jobs.map((j) =>
        "plan" in j
          ? {
              job: j.jobId,
              action: jobAction(j.plan),
              jobModifyIndex: j.plan.jobModifyIndex,
              changed: j.plan.changed,
              allocationsChange: j.plan.allocationsChange,
              diff: j.plan.response.Diff,
              desiredUpdates: j.plan.response.Annotations?.DesiredTGUpdates ?? null,
              failedGroups: j.plan.response.FailedTGAllocs ?? null,
              warnings: j.plan.response.Warnings || null,
            }
          : { job: j.jobId, action: "create", note: j.pending },
      ),
      adopted: checked.adopted,
      notes: result.resources.flatMap((r) => (r.notes ?? []).map((note) => ({ resource: r.name, note }))),
      problems: checked.problems,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const lines = [
      ...checked.steps.map((s) => resourceLine(s.plan)),
      ...jobs.map((j) =>
        "plan" in j ? jobLine(j.plan) : `${pc.green("+")} job ${j.jobId}: create (${j.pending})`,
      ),
      ...checked.adopted.map((a) => `${pc.yellow("!")} job ${a.jobId}: --adopt takes it over from ${a.from}`),
      ...noteLines(result.resources),
    ];
    process.stdout.write(`${lines.join("\n")}\n\n`);
    for (const plan of plans) process.stdout.write(`${renderPlan(plan).join("\n")}\n\n`);
    if (checked.problems.length > 0) {
      process.stdout.write(
        `Deploy would write nothing: ${checked.problems.length} problem(s):\n${problemLines(checked.problems).join("\n")}\n`,
      );
    } else {
      process.stdout.write(
        `To apply: nomadkit deploy ${entry}${options.env ? ` --env ${options.env}` : ""}\n`,
      );
    }
  }
  if (checked.problems.length > 0) return 255;
  return pending > 0 ? 1 : planExitCode(plans);
}

/** Each job as deploy would register it (with its owner meta), planned by Nomad where it can be. */
async function planJobs(
  client: NomadClient,
  result: SynthResult,
  checked: Preflight,
  owner: { app: string; environment?: string; version?: string | undefined },
): Promise<JobEntry[]> {
  const created = new Set(
    checked.steps
      .filter((s) => s.plan.kind === "namespace" && s.plan.action === "create")
      .map((s) => s.plan.name),
  );
  const ownerOf = ownerFor(owner);
  const out: JobEntry[] = [];
  for (const job of result.jobs) {
    const namespace = String(job.payload.Job.Namespace ?? "default");
    if (created.has(namespace)) {
      out.push({
        jobId: job.id,
        pending: `namespace "${namespace}" is created first; Nomad plans placement once it exists`,
      });
      continue;
    }
    const registered = withOwner(job.payload.Job, { ...ownerOf(job), version: owner.version });
    out.push({ jobId: job.id, plan: await planJob(client, registered) });
  }
  return out;
}

export function registerPlan(program: Command): void {
  withConnectionOptions(
    program
      .command("plan")
      .description(
        "show every resource and job deploying the app would create, update or leave (exit 0: no allocation changes, 1: changes, 255: error)",
      )
      .argument("<entry>", "the app's TypeScript entry file")
      .option("-e, --env <name>", "plan only this environment")
      .option("--app-version <version>", "the version deploy would record in job meta")
      .option("--var-file <file>", 'JSON values of the app\'s Nomad Variables: {"path": {"key": "value"}}')
      .option("--adopt", "plan as if taking over jobs another app or environment owns")
      .option("--no-typecheck", "don't type-check the entry with the project's tsconfig first")
      .option("--json", "machine-readable output"),
  ).action(async (entry: string, options: AppOptions) => {
    try {
      process.exitCode = await planCommand(entry, options);
    } catch (error) {
      // nomad job plan exits 255 when it can't tell.
      if (error instanceof UserError) {
        process.stderr.write(`${pc.red("error")}: ${error.message}\n`);
        process.exitCode = 255;
      } else throw error;
    }
  });
}
