import { isDeepStrictEqual } from "node:util";
import type { NomadClient } from "../api/index.js";
import type { Job } from "../schema/api-types.generated.js";
import { structSchema } from "../schema/index.js";
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
  return (data.Versions ?? []).map(versionOf);
}

function versionOf(job: Job): JobVersion {
  const tag = job.VersionTag?.Name;
  const appVersion = job.Meta?.["nomadkit.version"];
  return {
    version: Number(job.Version),
    stable: Boolean(job.Stable),
    submitted: new Date(Number(job.SubmitTime) / 1e6),
    ...(tag ? { tag } : {}),
    ...(appVersion ? { appVersion } : {}),
  };
}

export type RollbackResult =
  | { status: "rolled-back"; from: number; to: number; outcome: WatchOutcome }
  /** The target runs the same spec as the current version: Nomad would change nothing. */
  | { status: "nothing-to-do"; from: number; to: number; description: string };

export interface RollbackOptions extends WatchOptions {
  namespace?: string;
  /** Allow a target version that never became stable. */
  force?: boolean;
}

/**
 * Goes back to an earlier version of a job: a version number, a version tag, or (by
 * default) the newest stable version before the current one; then follows the rollout.
 * A target whose spec the job already runs (after an auto-revert, say) is reported as
 * nothing to do, and an unstable target needs `force`.
 */
export async function rollbackJob(
  client: NomadClient,
  jobId: string,
  target: string | undefined,
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  const ns = options.namespace ? { namespace: options.namespace } : {};
  const { data } = await client.jobs.versions(jobId, ns);
  const stored = data.Versions ?? [];
  const versions = stored.map(versionOf);
  const current = versions[0];
  if (!current) throw new RollbackError(`job "${jobId}" has no versions`);
  const to = pickVersion(jobId, versions, target);
  if (to.version === current.version)
    throw new RollbackError(`job "${jobId}" is already at version ${to.version}`);
  if (!to.stable && !options.force) {
    throw new RollbackError(
      `version ${to.version} of job "${jobId}" never became stable (its deployment did not succeed): ` +
        "pick a stable version (`nomadkit history " +
        jobId +
        "`) or pass --force to go back to it anyway",
    );
  }
  const spec = (v: number): Partial<Job> => stored.find((job) => Number(job.Version) === v) ?? {};
  if (sameSpec(spec(current.version), spec(to.version))) {
    return {
      status: "nothing-to-do",
      from: current.version,
      to: to.version,
      description: `version ${current.version} already runs the same spec as version ${to.version}`,
    };
  }
  const { data: reverted } = await client.jobs.revert(jobId, to.version, {
    ...ns,
    enforcePriorVersion: current.version,
  });
  const outcome: WatchOutcome = reverted.EvalID
    ? await watchEvaluation(client, reverted.EvalID, options)
    : { status: "successful", description: "registered (this job type gets no evaluation until it runs)" };
  return { status: "rolled-back", from: current.version, to: to.version, outcome };
}

/**
 * Whether two stored versions of a job have the same spec. Only fields a job file can
 * set are compared (the schema's non-apiOnly Job fields): the version number, indexes,
 * status and submit time always differ between versions.
 */
function sameSpec(a: Partial<Job>, b: Partial<Job>): boolean {
  return structSchema("Job").fields.every(
    (field) =>
      field.kind === "apiOnly" ||
      isDeepStrictEqual(a[field.api as keyof Job] ?? null, b[field.api as keyof Job] ?? null),
  );
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
