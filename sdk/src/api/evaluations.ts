// /v1/evaluation(s): what the scheduler decided for a register, and why
// placements failed (FailedTGAllocs, BlockedEval).

import type { Evaluation } from "../schema/api-types.generated.js";
import type { AllocationListStub } from "./allocations.js";
import type { HttpClient } from "./client.js";
import { jobPath } from "./jobs.js";
import type { NomadResponse, QueryOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Evaluation } from "../schema/api-types.generated.js";

export class Evaluations {
  constructor(private readonly http: HttpClient) {}

  /** `status` and `job` are the endpoint's own filters (e.g. status "blocked"); `filter` takes any expression. */
  list(options: QueryOptions & { status?: string; job?: string } = {}): Promise<NomadResponse<Evaluation[]>> {
    const query = { status: options.status, job: options.job };
    return this.http.json({ method: "GET", path: "/v1/evaluations", query, options });
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

  allocations(id: string, options: QueryOptions = {}): Promise<NomadResponse<AllocationListStub[]>> {
    return this.http.json({
      method: "GET",
      path: `/v1/evaluation/${encodeURIComponent(id)}/allocations`,
      options,
    });
  }
}
