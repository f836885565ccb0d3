// /v1/deployment(s): watching a rollout, promoting canaries, failing it.

import type { Deployment, DeploymentUpdateResponse } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import { jobPath } from "./jobs.js";
import type { NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Deployment, DeploymentState, DeploymentUpdateResponse } from "../schema/api-types.generated.js";

export class Deployments {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<Deployment[]>> {
    return this.http.json({ method: "GET", path: "/v1/deployments", options });
  }

  /** Use `index` from the previous answer to block until the deployment changes. */
  read(id: string, options: QueryOptions = {}): Promise<NomadResponse<Deployment>> {
    return this.http.json({ method: "GET", path: `/v1/deployment/${encodeURIComponent(id)}`, options });
  }

  /** Every deployment of a job, newest first. */
  listForJob(jobId: string, options: QueryOptions = {}): Promise<NomadResponse<Deployment[]>> {
    return this.http.json({ method: "GET", path: `${jobPath(jobId)}/deployments`, options });
  }

  /** The job's most recent deployment; `data` is undefined when it never had one. */
  latestForJob(jobId: string, options: QueryOptions = {}): Promise<NomadResponse<Deployment | undefined>> {
    return this.http.json({ method: "GET", path: `${jobPath(jobId)}/deployment`, options });
  }

  /** Promotes the canaries of every group, or only of `groups`. */
  promote(
    id: string,
    options: WriteOptions & { groups?: string[] } = {},
  ): Promise<NomadResponse<DeploymentUpdateResponse>> {
    const body = options.groups
      ? { DeploymentID: id, Groups: options.groups }
      : { DeploymentID: id, All: true };
    return this.http.json({
      method: "PUT",
      path: `/v1/deployment/promote/${encodeURIComponent(id)}`,
      body,
      options,
    });
  }

  /** Marks the deployment failed; with auto_revert the job goes back to its last stable version. */
  fail(id: string, options: WriteOptions = {}): Promise<NomadResponse<DeploymentUpdateResponse>> {
    const body = { DeploymentID: id };
    return this.http.json({
      method: "PUT",
      path: `/v1/deployment/fail/${encodeURIComponent(id)}`,
      body,
      options,
    });
  }

  pause(
    id: string,
    pause: boolean,
    options: WriteOptions = {},
  ): Promise<NomadResponse<DeploymentUpdateResponse>> {
    const body = { DeploymentID: id, Pause: pause };
    return this.http.json({
      method: "PUT",
      path: `/v1/deployment/pause/${encodeURIComponent(id)}`,
      body,
      options,
    });
  }
}
