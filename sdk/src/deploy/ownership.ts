// Which app and environment own a job, read from the meta deploy writes. A deploy never
// takes over a job another app or environment owns unless told to (--adopt).
import { NomadApiError } from "../api/errors.js";
import type { NomadClient } from "../api/index.js";
import type { SynthesizedJob } from "../synth/synth.js";
import type { DeployProblem } from "./cluster-support.js";

/** Job meta keys that record which app (and environment) owns a job. */
export const OWNER_META = {
  app: "nomadkit.app",
  environment: "nomadkit.environment",
  version: "nomadkit.version",
} as const;

export interface Owner {
  app: string;
  environment?: string;
}

/** The owner a job's meta names, if any. */
export function ownerOf(meta: Record<string, string> | null | undefined): Owner | undefined {
  const app = meta?.[OWNER_META.app];
  if (!app) return undefined;
  const environment = meta?.[OWNER_META.environment];
  return environment ? { app, environment } : { app };
}

export function describeOwner(owner: Owner): string {
  return owner.environment ? `app "${owner.app}" (environment "${owner.environment}")` : `app "${owner.app}"`;
}

/** A job on the cluster that another owner holds. */
export interface ForeignJob {
  job: SynthesizedJob;
  owner: Owner;
}

/** The app's jobs that exist on the cluster under another app or environment. */
export async function foreignJobs(
  client: NomadClient,
  jobs: readonly SynthesizedJob[],
  ownerFor: (job: SynthesizedJob) => Owner,
): Promise<ForeignJob[]> {
  const out: ForeignJob[] = [];
  for (const job of jobs) {
    const namespace = job.payload.Job.Namespace;
    const existing = await client.jobs
      .read(job.id, typeof namespace === "string" ? { namespace } : {})
      .catch((error: unknown) => {
        if (error instanceof NomadApiError && error.isNotFound) return undefined;
        throw error;
      });
    const owner = ownerOf(existing?.data.Meta as Record<string, string> | null | undefined);
    const ours = ownerFor(job);
    if (owner && (owner.app !== ours.app || owner.environment !== ours.environment)) out.push({ job, owner });
  }
  return out;
}

/** The problem a foreign job is when --adopt was not given. */
export function ownershipProblem({ job, owner }: ForeignJob, ours: Owner): DeployProblem {
  return {
    subject: `job "${job.id}"`,
    message: `${describeOwner(owner)} owns this job on the cluster, not ${describeOwner(ours)}; nothing was written`,
    hint: "pick another job ID (or namespace), or take the job over with --adopt",
  };
}
