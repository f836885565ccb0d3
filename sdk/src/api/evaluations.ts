// /v1/evaluation(s): what the scheduler decided for a register, and why
// placements failed (FailedTGAllocs, BlockedEval).

import type { Allocation } from "./allocations.js";
import type { HttpClient } from "./client.js";
import { jobPath } from "./jobs.js";
import type { Index, NomadResponse, QueryOptions } from "./types.js";

export interface Evaluation {
  ID: string;
  Namespace: string;
  JobID: string;
  Type: string;
  TriggeredBy: string;
  /** pending, complete, failed, blocked, canceled. */
  Status: string;
  StatusDescription: string;
  DeploymentID: string;
  BlockedEval: string;
  /** Per task group: why allocations could not be placed. */
  FailedTGAllocs: Record<string, Record<string, unknown>> | null;
  QueuedAllocations: Record<string, number> | null;
  ModifyIndex: Index;
  [field: string]: unknown;
}

export class Evaluations {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<Evaluation[]>> {
    return this.http.json({ method: "GET", path: "/v1/evaluations", options });
  }

  read(id: string, options: QueryOptions & { related?: boolean } = {}): Promise<NomadResponse<Evaluation>> {
    const query = { related: options.related || undefined };
    return this.http.json({
      method: "GET",
      path: `/v1/evaluation/${encodeURIComponent(id)}`,
      query,
      options,
    });
  }

  listForJob(jobId: string, options: QueryOptions = {}): Promise<NomadResponse<Evaluation[]>> {
    return this.http.json({ method: "GET", path: `${jobPath(jobId)}/evaluations`, options });
  }

  allocations(id: string, options: QueryOptions = {}): Promise<NomadResponse<Allocation[]>> {
    return this.http.json({
      method: "GET",
      path: `/v1/evaluation/${encodeURIComponent(id)}/allocations`,
      options,
    });
  }
}
