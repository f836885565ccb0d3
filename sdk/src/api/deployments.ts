// /v1/deployment(s): watching a rollout, promoting canaries, failing it.
import type { HttpClient } from "./client.js";
import { jobPath } from "./jobs.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

export interface DeploymentState {
  AutoRevert: boolean;
  AutoPromote: boolean;
  Promoted: boolean;
  DesiredCanaries: number;
  DesiredTotal: number;
  PlacedAllocs: number;
  HealthyAllocs: number;
  UnhealthyAllocs: number;
  PlacedCanaries: string[] | null;
  RequireProgressBy: string;
  [field: string]: unknown;
}

export interface Deployment {
  ID: string;
  Namespace: string;
  JobID: string;
  JobVersion: number;
  JobModifyIndex: Index;
  /** running, paused, failed, successful, cancelled, blocked, pending, initializing, unblocking. */
  Status: string;
  StatusDescription: string;
  TaskGroups: Record<string, DeploymentState>;
  ModifyIndex: Index;
  [field: string]: unknown;
}

export interface DeploymentUpdateResponse {
  EvalID: string;
  EvalCreateIndex: Index;
  DeploymentModifyIndex: Index;
  RevertedJobVersion?: number | null;
}

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
