// /v1/jobs, /v1/job/:id and /v1/validate/job: everything a deploy does to a
// job, from parsing HCL to purging it.

import type {
  Job,
  JobDeregisterResponse,
  JobListStub,
  JobPlanResponse,
  JobRegisterResponse,
  JobSubmission,
  JobValidateResponse,
  JobVersionsResponse,
} from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import type { Index, JobBody, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type {
  Job,
  JobDeregisterResponse,
  JobListStub,
  JobPlanResponse,
  JobRegisterResponse,
  JobSubmission,
  JobValidateResponse,
  JobVersionsResponse,
} from "../schema/api-types.generated.js";

export interface RegisterOptions extends WriteOptions {
  /**
   * Check-index: register only if the job's JobModifyIndex is still this
   * (0 = only if the job does not exist yet). A stale index fails with a
   * NomadApiError whose `isConflict` is true.
   */
  enforceIndex?: Index;
  policyOverride?: boolean;
  /** Keep the running groups' counts instead of the job's. */
  preserveCounts?: boolean;
  preserveResources?: boolean;
  evalPriority?: number;
  /** The source to store with the job; Nomad fills in what is left out. */
  submission?: Pick<JobSubmission, "Source" | "Format"> & Partial<JobSubmission>;
}

export class Jobs {
  constructor(private readonly http: HttpClient) {}

  /** Nomad's jobspec2 on the server: HCL → API JSON. */
  parse(
    hcl: string,
    options: WriteOptions & { canonicalize?: boolean; variables?: string } = {},
  ): Promise<NomadResponse<Job>> {
    const body = {
      JobHCL: hcl,
      Canonicalize: options.canonicalize ?? false,
      Variables: options.variables ?? "",
    };
    return this.http.json({ method: "PUT", path: "/v1/jobs/parse", body, options, idempotent: true });
  }

  /** Server-side validation, including driver config. Problems come back as values, not thrown. */
  validate(job: JobBody, options: WriteOptions = {}): Promise<NomadResponse<JobValidateResponse>> {
    return this.http.json({
      method: "PUT",
      path: "/v1/validate/job",
      body: { Job: job },
      options,
      idempotent: true,
    });
  }

  /** Dry-run the scheduler: what would change, and the index to register with. */
  plan(
    job: JobBody,
    options: WriteOptions & { diff?: boolean; policyOverride?: boolean } = {},
  ): Promise<NomadResponse<JobPlanResponse>> {
    const body = { Job: job, Diff: options.diff ?? true, PolicyOverride: options.policyOverride ?? false };
    // Plan changes nothing, so it may be retried like a read.
    return this.http.json({
      method: "PUT",
      path: `${jobPath(jobId(job))}/plan`,
      body,
      options,
      idempotent: true,
    });
  }

  register(job: JobBody, options: RegisterOptions = {}): Promise<NomadResponse<JobRegisterResponse>> {
    const body: Record<string, unknown> = { Job: job };
    if (options.enforceIndex !== undefined) {
      body.EnforceIndex = true;
      body.JobModifyIndex = options.enforceIndex;
    }
    if (options.policyOverride) body.PolicyOverride = true;
    if (options.preserveCounts) body.PreserveCounts = true;
    if (options.preserveResources) body.PreserveResources = true;
    if (options.evalPriority !== undefined) body.EvalPriority = options.evalPriority;
    if (options.submission) body.Submission = options.submission;
    return this.http.json({ method: "PUT", path: "/v1/jobs", body, options });
  }

  read(id: string, options: QueryOptions = {}): Promise<NomadResponse<Job>> {
    return this.http.json({ method: "GET", path: jobPath(id), options });
  }

  list(options: QueryOptions & { meta?: boolean } = {}): Promise<NomadResponse<JobListStub[]>> {
    return this.http.json({
      method: "GET",
      path: "/v1/jobs",
      query: { meta: options.meta || undefined },
      options,
    });
  }

  /** Every stored version, newest first; with `diffs`, each one's diff to the one before. */
  versions(
    id: string,
    options: QueryOptions & { diffs?: boolean } = {},
  ): Promise<NomadResponse<JobVersionsResponse>> {
    return this.http.json({
      method: "GET",
      path: `${jobPath(id)}/versions`,
      query: { diffs: options.diffs || undefined },
      options,
    });
  }

  submission(
    id: string,
    version: number,
    options: QueryOptions = {},
  ): Promise<NomadResponse<JobSubmission | undefined>> {
    return this.http.json({ method: "GET", path: `${jobPath(id)}/submission`, query: { version }, options });
  }

  /** Registers an earlier version again; with `enforcePriorVersion`, only if the job is still at that version. */
  revert(
    id: string,
    version: number,
    options: WriteOptions & { enforcePriorVersion?: number } = {},
  ): Promise<NomadResponse<JobRegisterResponse>> {
    const body: Record<string, unknown> = { JobID: id, JobVersion: version };
    if (options.enforcePriorVersion !== undefined) body.EnforcePriorVersion = options.enforcePriorVersion;
    return this.http.json({ method: "PUT", path: `${jobPath(id)}/revert`, body, options });
  }

  /** Marks a version stable (or not); rollbacks go to the newest stable one. */
  stable(
    id: string,
    version: number,
    stable: boolean,
    options: WriteOptions = {},
  ): Promise<NomadResponse<{ JobModifyIndex: Index }>> {
    const body = { JobID: id, JobVersion: version, Stable: stable };
    return this.http.json({ method: "PUT", path: `${jobPath(id)}/stable`, body, options, idempotent: true });
  }

  /** Stops the job; with `purge`, also removes it and its history at once instead of at the next GC. */
  deregister(
    id: string,
    options: WriteOptions & { purge?: boolean; global?: boolean; noShutdownDelay?: boolean } = {},
  ): Promise<NomadResponse<JobDeregisterResponse>> {
    const query = {
      purge: options.purge || undefined,
      global: options.global || undefined,
      no_shutdown_delay: options.noShutdownDelay || undefined,
    };
    return this.http.json({ method: "DELETE", path: jobPath(id), query, options });
  }

  /** Counts of allocations per group and state. */
  summary(id: string, options: QueryOptions = {}): Promise<NomadResponse<Record<string, unknown>>> {
    return this.http.json({ method: "GET", path: `${jobPath(id)}/summary`, options });
  }
}

export function jobPath(id: string): string {
  return `/v1/job/${encodeURIComponent(id)}`;
}

function jobId(job: JobBody): string {
  const id = job.ID;
  if (typeof id !== "string" || id === "") throw new TypeError("the job has no ID");
  return id;
}
