import type { NomadClient } from "../api/index.js";

import { type WatchOptions, type WatchOutcome, watchEvaluation } from "./watch.js";

export interface JobVersion {
  version: number;
  stable: boolean;
  submitted: Date;
  tag?: string;
  appVersion?: string;
}

/** Every stored version of a job, newest first. */
export async function jobHistory(
  client: NomadClient,
  jobId: string,
  namespace?: string,
): Promise<JobVersion[]> {
  const { data } = await client.jobs.versions(jobId, namespace ? { namespace } : {});
  return (data.Versions ?? []).map((job) => {
    const tag = (job.VersionTag as { Name?: string } | null | undefined)?.Name;
    const appVersion = (job.Meta as Record<string, string> | null | undefined)?.["nomadkit.version"];
    return {
      version: Number(job.Version),
      stable: Boolean(job.Stable),
      submitted: new Date(Number(job.SubmitTime) / 1e6),
      ...(tag ? { tag } : {}),
      ...(appVersion ? { appVersion } : {}),
    };
  });
}

/**
 * Goes back to an earlier version of a job: a version number, a version tag, or (by
 * default) the newest stable version before the current one; then follows the rollout.
 */
export async function rollbackJob(
  client: NomadClient,
  jobId: string,
  target: string | undefined,
  options: WatchOptions & { namespace?: string } = {},
): Promise<{ from: number; to: number; outcome: WatchOutcome }> {
  const ns = options.namespace ? { namespace: options.namespace } : {};
  const versions = await jobHistory(client, jobId, options.namespace);
  const current = versions[0];
  if (!current) throw new RollbackError(`job "${jobId}" has no versions`);
  const to = pickVersion(jobId, versions, target);
  if (to.version === current.version)
    throw new RollbackError(`job "${jobId}" is already at version ${to.version}`);
  const { data } = await client.jobs.revert(jobId, to.version, {
    ...ns,
    enforcePriorVersion: current.version,
  });
  const outcome = await watchEvaluation(client, data.EvalID, options);
  return { from: current.version, to: to.version, outcome };
}

/** A rollback the user asked for that can't be done; printed without a stack trace. */
export class RollbackError extends Error {}

function pickVersion(jobId: string, versions: JobVersion[], target: string | undefined): JobVersion {
  if (target === undefined) {
    const stable = versions.slice(1).find((v) => v.stable);
    if (!stable)
      throw new RollbackError(`job "${jobId}" has no earlier stable version: name a version or tag`);
    return stable;
  }
  const byNumber = /^\d+$/.test(target) ? versions.find((v) => v.version === Number(target)) : undefined;
  const found = byNumber ?? versions.find((v) => v.tag === target);
  if (!found) {
    const known = versions.map((v) => (v.tag ? `${v.version} (${v.tag})` : String(v.version))).join(", ");
    throw new RollbackError(`job "${jobId}" has no version or tag "${target}"; it has ${known}`);
  }
  return found;
}
