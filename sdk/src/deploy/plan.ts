import type { NomadClient } from "../api/index.js";
import type { JobPlanResponse } from "../api/jobs.js";
import type { JobBody } from "../api/types.js";
import type { DesiredUpdates } from "../schema/api-types.generated.js";

/** What `nomad job plan` would say about one job. */
export interface JobPlan {
  jobId: string;
  /** The index to register with (check-index); 0 when the job doesn't exist yet. */
  jobModifyIndex: number;
  /** Whether the job's spec changes at all. */
  changed: boolean;
  /** Whether allocations are created, stopped, replaced or migrated (exit code 1). */
  allocationsChange: boolean;
  response: JobPlanResponse;
}

// DesiredTGUpdates keys that mean allocations come or go, as `nomad job plan` counts them.
const ALLOCATION_CHANGES: readonly (keyof DesiredUpdates)[] = [
  "Place",
  "Stop",
  "Migrate",
  "DestructiveUpdate",
  "Canary",
  "Preemptions",
];

/** `signal` stops the request (an editor's cancel); the plan changes nothing, so that is safe. */
export async function planJob(
  client: NomadClient,
  job: JobBody,
  options: { signal?: AbortSignal } = {},
): Promise<JobPlan> {
  const { data } = await client.jobs.plan(job, { diff: true, ...options });
  const updates = Object.values(data.Annotations?.DesiredTGUpdates ?? {});
  return {
    jobId: String(job.ID),
    jobModifyIndex: data.JobModifyIndex,
    changed: (data.Diff?.Type ?? "None") !== "None",
    allocationsChange: updates.some((u) => ALLOCATION_CHANGES.some((k) => (u[k] ?? 0) > 0)),
    response: data,
  };
}

/** Exit code of a plan, as `nomad job plan` gives it: 0 nothing to place or stop, 1 allocations change. */
export function planExitCode(plans: readonly JobPlan[]): number {
  return plans.some((p) => p.allocationsChange) ? 1 : 0;
}
