import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { type DeployEvent, deployApp, withOwner } from "../deploy/deploy.js";
import { renderPlan } from "../deploy/diff-render.js";
import { type JobPlan, planExitCode, planJob } from "../deploy/plan.js";
import { formatDuration, parseDuration } from "../schema/duration.js";
import { formatProblems } from "../synth/problems.js";
import { type SynthResult, synthesize } from "../synth/synth.js";
import { loadApp, UserError } from "./load-app.js";
import { type ConnectionOptions, withCluster, withConnectionOptions } from "./nomad-connection.js";
import { describeOutcome } from "./outcome-text.js";
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

/** `nomadkit plan`: exit 0 no allocation changes, 1 allocations change, 255 error (like `nomad job plan`). */
async function planCommand(entry: string, options: AppOptions & { appVersion?: string }): Promise<number> {
  const { name, result } = await synthFor(entry, options);
  const owner = {
    app: name,
    ...(options.env ? { environment: options.env } : {}),
    ...(options.appVersion ? { version: options.appVersion } : {}),
  };
  const plans: JobPlan[] = await withCluster(options, async (client) => {
    const out: JobPlan[] = [];
    for (const job of result.jobs) out.push(await planJob(client, withOwner(job.payload.Job, owner)));
    return out;
  });
  if (options.json) {
    const summary = plans.map((p) => ({
      job: p.jobId,
      jobModifyIndex: p.jobModifyIndex,
      changed: p.changed,
      allocationsChange: p.allocationsChange,
      diff: p.response.Diff,
      desiredUpdates: p.response.Annotations?.DesiredTGUpdates ?? null,
      failedGroups: p.response.FailedTGAllocs ?? null,
      warnings: p.response.Warnings || null,
    }));
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    for (const plan of plans) process.stdout.write(`${renderPlan(plan).join("\n")}\n\n`);
    process.stdout.write(`To apply: nomadkit deploy ${entry}${options.env ? ` --env ${options.env}` : ""}\n`);
  }
  return planExitCode(plans);
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
  const progress = new ProgressDisplay();
  const json = Boolean(options.json);
  const say = (line: string) => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  const onEvent = (event: DeployEvent) => {
    if (json) return;
    switch (event.type) {
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
      signal: AbortSignal.any(signals),
      onEvent,
    }),
  ).finally(() => process.off("SIGINT", onSigint));
  progress.done();
  if (json) process.stdout.write(`${JSON.stringify(deployed, null, 2)}\n`);
  else for (const job of deployed.jobs) process.stdout.write(describeOutcome(job));
  return interrupt.signal.aborted ? INTERRUPTED : deployed.exitCode;
}

export function registerDeploy(program: Command): void {
  withConnectionOptions(
    program
      .command("plan")
      .description(
        "show what deploying the app would change, per job (exit 0: no allocation changes, 1: changes)",
      )
      .argument("<entry>", "the app's TypeScript entry file")
      .option("-e, --env <name>", "plan only this environment")
      .option("--app-version <version>", "the version deploy would record in job meta")
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
