import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { type DeployEvent, deployApp, withOwner } from "../deploy/deploy.js";
import { renderPlan } from "../deploy/diff-render.js";
import { type JobPlan, planExitCode, planJob } from "../deploy/plan.js";
import { ownerFor, preflight } from "../deploy/preflight.js";
import { VariableRaceError } from "../deploy/resources.js";
import { formatDuration, parseDuration } from "../schema/duration.js";
import { formatProblems } from "../synth/problems.js";
import { type SynthResult, synthesize } from "../synth/synth.js";
import { loadApp, UserError } from "./load-app.js";
import { type ConnectionOptions, withCluster, withConnectionOptions } from "./nomad-connection.js";
import { describeOutcome } from "./outcome-text.js";
import { jobAction, jobLine, noteLines, problemLines, readVarFile, resourceLine } from "./plan-text.js";
import { ProgressDisplay } from "./progress.js";

/** `--timeout 10m` → nanoseconds, or commander's usage error. */
function parseTimeout(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok || parsed.nanoseconds <= 0)
    throw new InvalidArgumentError(`"${text}" is not a duration such as 90s or 10m`);
  return parsed.nanoseconds;
}

interface AppOptions extends ConnectionOptions {
  env?: string;
  json?: boolean;
  varFile?: string;
  adopt?: boolean;
}

async function synthFor(entry: string, options: AppOptions): Promise<{ name: string; result: SynthResult }> {
  const app = await loadApp(entry, options.env === undefined ? {} : { env: options.env });
  const result = synthesize(app, options.env === undefined ? {} : { env: options.env });
  if (result.problems.length > 0) {
    throw new UserError(
      `${entry}: ${result.problems.length} problem(s):\n${formatProblems(result.problems)}`,
    );
  }
  return { name: app.name, result };
}

/**
 * `nomadkit plan`: every resource and job deploy would touch, with create, update or
 * no-change, each job's diff, and what would stop the deploy. Exit 0 no allocation
 * changes, 1 allocations change, 255 error or a deploy that would be refused (like `nomad job plan`).
 */
async function planCommand(entry: string, options: AppOptions & { appVersion?: string }): Promise<number> {
  const { name, result } = await synthFor(entry, options);
  const values = readVarFile(options.varFile);
  const base = { app: name, ...(options.env ? { environment: options.env } : {}) };
  const owner = ownerFor(base);
  const { checked, plans } = await withCluster(options, async (client) => {
    const checked = await preflight(client, result, {
      ...base,
      ...(options.adopt ? { adopt: true } : {}),
      variables: { values, env: process.env },
    });
    const plans: JobPlan[] = [];
    for (const job of result.jobs) {
      const registered = withOwner(job.payload.Job, { ...owner(job), version: options.appVersion });
      plans.push(await planJob(client, registered));
    }
    return { checked, plans };
  });
  const notes = result.resources.flatMap((r) => (r.notes ?? []).map((note) => ({ resource: r.name, note })));
  if (options.json) {
    const summary = {
      resources: checked.steps.map((s) => s.plan),
      jobs: plans.map((p) => ({
        job: p.jobId,
        action: jobAction(p),
        jobModifyIndex: p.jobModifyIndex,
        changed: p.changed,
        allocationsChange: p.allocationsChange,
        diff: p.response.Diff,
        desiredUpdates: p.response.Annotations?.DesiredTGUpdates ?? null,
        failedGroups: p.response.FailedTGAllocs ?? null,
        warnings: p.response.Warnings || null,
      })),
      adopted: checked.adopted,
      notes,
      problems: checked.problems,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const lines = [
      ...checked.steps.map((s) => resourceLine(s.plan)),
      ...plans.map(jobLine),
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
  return checked.problems.length > 0 ? 255 : planExitCode(plans);
}

interface DeployFlags extends AppOptions {
  promote?: boolean;
  prune?: boolean;
  appVersion?: string;
  detach?: boolean;
  timeout?: number;
}

/** Exit code when Ctrl-C stopped the watch, as shells report a SIGINT. */
const INTERRUPTED = 130;

async function deployCommand(entry: string, options: DeployFlags): Promise<number> {
  const { name, result } = await synthFor(entry, options);
  const values = readVarFile(options.varFile);
  const progress = new ProgressDisplay();
  const json = Boolean(options.json);
  const say = (line: string) => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  const onEvent = (event: DeployEvent) => {
    if (json) return;
    switch (event.type) {
      case "preflight":
        for (const a of event.adopted)
          say(`${pc.yellow("!")} job ${a.jobId}: taken over from ${a.from} (--adopt)`);
        for (const line of noteLines(result.resources)) say(line);
        break;
      case "resource":
        say(
          `${pc.green("✓")} ${event.result.kind} ${event.result.name}: ${event.result.action}${event.result.note ? ` (${event.result.note})` : ""}`,
        );
        break;
      case "plan":
        say(renderPlan(event.plan).join("\n"));
        break;
      case "registered":
        say(`→ registered ${event.jobId} (evaluation ${event.evalId.slice(0, 8)}), watching the deployment…`);
        break;
      case "progress":
        progress.update(event.jobId, event.groups);
        break;
      case "pruned":
        say(`${pc.yellow("−")} stopped ${event.jobId} (no longer in the app)`);
        break;
    }
  };
  // Ctrl-C and --timeout stop the watch, never the deployment: the cluster carries on.
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error("stopped watching (Ctrl-C)"));
  process.once("SIGINT", onSigint);
  const signals = [interrupt.signal];
  if (options.timeout !== undefined) {
    const timeout = options.timeout;
    const timer = new AbortController();
    setTimeout(
      () => timer.abort(new Error(`stopped watching after --timeout ${formatDuration(timeout)}`)),
      timeout / 1e6,
    ).unref();
    signals.push(timer.signal);
  }
  const deployed = await withCluster(options, (client) =>
    deployApp(client, result, {
      app: name,
      ...(options.env ? { environment: options.env } : {}),
      ...(options.appVersion ? { version: options.appVersion } : {}),
      ...(options.promote ? { promote: true } : {}),
      ...(options.prune ? { prune: true } : {}),
      ...(options.detach ? { detach: true } : {}),
      ...(options.adopt ? { adopt: true } : {}),
      variables: { values, env: process.env },
      signal: AbortSignal.any(signals),
      onEvent,
    }).catch((error: unknown) => {
      if (error instanceof VariableRaceError) throw new UserError(error.message);
      throw error;
    }),
  ).finally(() => process.off("SIGINT", onSigint));
  progress.done();
  if (json) process.stdout.write(`${JSON.stringify(deployed, null, 2)}\n`);
  else if (deployed.problems.length > 0)
    process.stdout.write(
      `Nothing was written: ${deployed.problems.length} problem(s) found before deploying:\n${problemLines(deployed.problems).join("\n")}\n`,
    );
  else for (const job of deployed.jobs) process.stdout.write(describeOutcome(job));
  return interrupt.signal.aborted ? INTERRUPTED : deployed.exitCode;
}

export function registerDeploy(program: Command): void {
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
      .option("--json", "machine-readable output"),
  ).action(async (entry: string, options: AppOptions & { appVersion?: string }) => {
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

  withConnectionOptions(
    program
      .command("deploy")
      .description(
        "apply the app: resources, then each job with check-index, and follow each deployment to the end",
      )
      .argument("<entry>", "the app's TypeScript entry file")
      .option("-e, --env <name>", "deploy only this environment")
      .option("--promote", "promote canaries once they are healthy")
      .option("--prune", "stop jobs this app owns that are no longer in the code")
      .option("--app-version <version>", "record this version in each job's meta")
      .option(
        "--var-file <file>",
        'JSON values of the app\'s Nomad Variables: {"path": {"key": "value"}} (NOMADKIT_VAR_<PATH>__<KEY> also work)',
      )
      .option("--adopt", "take over jobs whose owner meta names another app or environment")
      .option("--detach", "register the jobs and return without following their deployments")
      .option(
        "--timeout <duration>",
        "stop following after this long (e.g. 10m); the deployment goes on",
        parseTimeout,
      )
      .option("--json", "machine-readable output"),
  ).action(async (entry: string, options: DeployFlags) => {
    process.exitCode = await deployCommand(entry, options);
  });
}
