import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { type DeployEvent, deployApp } from "../deploy/deploy.js";
import { renderPlan } from "../deploy/diff-render.js";
import { VariableRaceError } from "../deploy/resources.js";
import { formatDuration, parseDuration } from "../schema/duration.js";
import { type AppOptions, synthFor } from "./app-options.js";
import { UserError } from "./load-app.js";
import { withCluster, withConnectionOptions } from "./nomad-connection.js";
import { describeOutcome } from "./outcome-text.js";
import { registerPlan } from "./plan-command.js";
import { noteLines, problemLines, readVarFile } from "./plan-text.js";
import { ProgressDisplay } from "./progress.js";

/** `--timeout 10m` → nanoseconds, or commander's usage error. */
function parseTimeout(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok || parsed.nanoseconds <= 0)
    throw new InvalidArgumentError(`"${text}" is not a duration such as 90s or 10m`);
  return parsed.nanoseconds;
}

interface DeployFlags extends AppOptions {
  promote?: boolean;
  prune?: boolean;
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
    if (event.type === "registered") startTimeout();
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
  // --timeout counts from the first registration: it bounds following, never the checks
  // and writes before it.
  let startTimeout = () => {};
  if (options.timeout !== undefined) {
    const timeout = options.timeout;
    const timer = new AbortController();
    startTimeout = () => {
      startTimeout = () => {};
      setTimeout(
        () => timer.abort(new Error(`stopped watching after --timeout ${formatDuration(timeout)}`)),
        timeout / 1e6,
      ).unref();
    };
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
  registerPlan(program);
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
      .option("--no-typecheck", "don't type-check the entry with the project's tsconfig first")
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
