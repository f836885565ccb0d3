import type { Command } from "commander";
import pc from "picocolors";
import { NomadApiError } from "../api/errors.js";
import { OWNER_META } from "../deploy/deploy.js";
import { jobHistory, RollbackError, rollbackJob } from "../deploy/history.js";
import { synthesize } from "../synth/synth.js";
import { loadApp, UserError } from "./load-app.js";
import { type ConnectionOptions, withCluster, withConnectionOptions } from "./nomad-connection.js";
import { describeOutcome } from "./outcome-text.js";
import { ProgressDisplay } from "./progress.js";

async function rollback(
  job: string,
  target: string | undefined,
  options: ConnectionOptions & { force?: boolean },
): Promise<number> {
  const progress = new ProgressDisplay();
  const result = await withCluster(options, async (client) => {
    try {
      return await rollbackJob(client, job, target, {
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(options.force ? { force: true } : {}),
        onProgress: (groups) => progress.update(job, groups),
      });
    } catch (error) {
      if (error instanceof RollbackError) throw new UserError(error.message);
      throw error;
    }
  });
  progress.done();
  if (result.status === "nothing-to-do") {
    process.stdout.write(`${pc.green("✓")} ${job}: nothing to do: ${result.description}\n`);
    return 0;
  }
  process.stdout.write(`→ ${job}: rolled back from version ${result.from} to ${result.to}\n`);
  process.stdout.write(describeOutcome({ jobId: job, ...result.outcome }));
  return result.outcome.status === "successful" ? 0 : 1;
}

async function history(job: string, options: ConnectionOptions & { json?: boolean }): Promise<number> {
  const versions = await withCluster(options, (client) => jobHistory(client, job, options.namespace));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
    return 0;
  }
  for (const v of versions) {
    const marks = [
      v.stable ? pc.green("stable") : pc.dim("unstable"),
      v.tag ? `tag ${v.tag}` : "",
      v.appVersion ? `app ${v.appVersion}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    process.stdout.write(`v${v.version}  ${v.submitted.toISOString()}  ${marks}\n`);
  }
  return 0;
}

async function status(
  job: string | undefined,
  options: ConnectionOptions & { json?: boolean },
): Promise<number> {
  return withCluster(options, async (client) => {
    if (!job) {
      const { data } = await client.jobs.list({ meta: true });
      if (options.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else
        for (const j of data) {
          const owner = (j as { Meta?: Record<string, string> }).Meta?.[OWNER_META.app];
          process.stdout.write(`${j.ID}  ${j.Type}  ${j.Status}${owner ? `  (app ${owner})` : ""}\n`);
        }
      return 0;
    }
    const { data: current } = await client.jobs.read(job);
    const { data: deployment } = await client.deployments.latestForJob(job);
    const { data: allocations } = await client.allocations.listForJob(job);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ job: current, deployment, allocations }, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(
      `${pc.bold(job)}  ${current.Type}  ${current.Status}  version ${current.Version}${current.Stable ? " (stable)" : ""}\n`,
    );
    if (deployment) {
      process.stdout.write(
        `latest deployment ${deployment.ID.slice(0, 8)} (version ${deployment.JobVersion}): ${deployment.Status} — ${deployment.StatusDescription}\n`,
      );
    }
    for (const a of allocations) {
      process.stdout.write(
        `  ${a.ID.slice(0, 8)}  ${a.TaskGroup}  ${a.ClientStatus}  desired ${a.DesiredStatus}  version ${String(a.JobVersion ?? "?")}\n`,
      );
    }
    return 0;
  });
}

async function destroy(
  entry: string,
  options: ConnectionOptions & { env?: string; purge?: boolean },
): Promise<number> {
  const app = await loadApp(entry, options.env === undefined ? {} : { env: options.env });
  const { jobs, problems } = synthesize(app, options.env === undefined ? {} : { env: options.env });
  if (problems.length > 0)
    throw new UserError(`${entry} has problems; fix them first (nomadkit synth ${entry})`);
  return withCluster(options, async (client) => {
    let refused = 0;
    for (const job of jobs) {
      const namespace = job.payload.Job.Namespace;
      const ns = typeof namespace === "string" ? { namespace } : {};
      // Act only on what exists and is this app's: a job someone else owns is left alone.
      const existing = await client.jobs.read(job.id, ns).catch((error: unknown) => {
        if (error instanceof NomadApiError && error.isNotFound) return undefined;
        throw error;
      });
      if (!existing) {
        process.stdout.write(`${pc.dim("·")} ${job.id}: not registered, nothing to stop\n`);
        continue;
      }
      const owner = (existing.data.Meta as Record<string, string> | null | undefined)?.[OWNER_META.app];
      if (owner !== app.name) {
        refused++;
        process.stdout.write(
          `${pc.red("✗")} ${job.id}: left alone: ${owner ? `app "${owner}" owns it` : "no nomadkit app owns it"}, not "${app.name}"\n`,
        );
        continue;
      }
      if (existing.data.Stop && !options.purge) {
        process.stdout.write(`${pc.dim("·")} ${job.id}: already stopped\n`);
        continue;
      }
      await client.jobs.deregister(job.id, { ...(options.purge ? { purge: true } : {}), ...ns });
      process.stdout.write(`${pc.yellow("−")} ${options.purge ? "purged" : "stopped"} ${job.id}\n`);
    }
    return refused > 0 ? 1 : 0;
  });
}

export function registerJobCommands(program: Command): void {
  withConnectionOptions(
    program
      .command("rollback")
      .description(
        "go back to an earlier version of a job (default: the newest stable one before the current)",
      )
      .argument("<job>", "job ID")
      .argument("[version]", "version number or version tag")
      .option("--force", "go back to a version that never became stable"),
  ).action(
    async (job: string, version: string | undefined, options: ConnectionOptions & { force?: boolean }) => {
      process.exitCode = await rollback(job, version, options);
    },
  );
  withConnectionOptions(
    program
      .command("history")
      .description("list a job's versions, newest first")
      .argument("<job>", "job ID")
      .option("--json", "machine-readable output"),
  ).action(async (job: string, options: ConnectionOptions & { json?: boolean }) => {
    process.exitCode = await history(job, options);
  });
  withConnectionOptions(
    program
      .command("status")
      .description("show jobs, or one job's version, latest deployment and allocations")
      .argument("[job]", "job ID")
      .option("--json", "machine-readable output"),
  ).action(async (job: string | undefined, options: ConnectionOptions & { json?: boolean }) => {
    process.exitCode = await status(job, options);
  });
  withConnectionOptions(
    program
      .command("destroy")
      .description("stop every job of the app")
      .argument("<entry>", "the app's TypeScript entry file")
      .option("-e, --env <name>", "only this environment")
      .option("--purge", "also remove the jobs and their history"),
  ).action(async (entry: string, options: ConnectionOptions & { env?: string; purge?: boolean }) => {
    process.exitCode = await destroy(entry, options);
  });
}
