// The typed Nomad HTTP client.
//
//   const nomad = new NomadClient();            // NOMAD_ADDR, NOMAD_TOKEN, … from the environment
//   const { data: plan } = await nomad.jobs.plan(job);
//   await nomad.jobs.register(job, { enforceIndex: plan.JobModifyIndex });
//   for await (const frame of nomad.events.stream({ topics: { Job: ["web"] } })) { … }
import { inspect } from "node:util";
import { Acl } from "./acl.js";
import { Allocations } from "./allocations.js";
import { HttpClient } from "./client.js";
import { type NomadClientConfig, resolveConfig } from "./config.js";
import { Deployments } from "./deployments.js";
import { Evaluations } from "./evaluations.js";
import { Events } from "./events.js";
import { Jobs } from "./jobs.js";
import { Namespaces } from "./namespaces.js";
import { NodePools } from "./node-pools.js";
import { Nodes } from "./nodes.js";
import { Variables } from "./nomad-variables.js";
import type { NomadResponse, QueryOptions } from "./types.js";
import { CsiVolumes, HostVolumes } from "./volumes.js";

export class NomadClient {
  readonly jobs: Jobs;
  readonly deployments: Deployments;
  readonly evaluations: Evaluations;
  readonly allocations: Allocations;
  readonly nodes: Nodes;
  readonly nodePools: NodePools;
  readonly csiVolumes: CsiVolumes;
  readonly hostVolumes: HostVolumes;
  readonly variables: Variables;
  readonly namespaces: Namespaces;
  readonly acl: Acl;
  readonly events: Events;
  readonly #http: HttpClient;

  /**
   * Settings given here win over the NOMAD_* environment variables; pass
   * `env: {}` to ignore the environment (tests).
   */
  constructor(config: NomadClientConfig & { env?: NodeJS.ProcessEnv } = {}) {
    const { env, ...given } = config;
    const http = new HttpClient(resolveConfig(given, env ?? process.env));
    this.#http = http;
    this.jobs = new Jobs(http);
    this.deployments = new Deployments(http);
    this.evaluations = new Evaluations(http);
    this.allocations = new Allocations(http);
    this.nodes = new Nodes(http);
    this.nodePools = new NodePools(http);
    this.csiVolumes = new CsiVolumes(http);
    this.hostVolumes = new HostVolumes(http);
    this.variables = new Variables(http);
    this.namespaces = new Namespaces(http);
    this.acl = new Acl(http);
    this.events = new Events(http);
  }

  get address(): string {
    return this.#http.address;
  }

  /** The leader's RPC address; an empty string while there is none. */
  async leader(options: QueryOptions = {}): Promise<NomadResponse<string>> {
    return this.#http.json({ method: "GET", path: "/v1/status/leader", options });
  }

  /** The agent's own view (`/v1/agent/self`): config, member, stats. */
  async agentSelf(options: QueryOptions = {}): Promise<NomadResponse<Record<string, unknown>>> {
    return this.#http.json({ method: "GET", path: "/v1/agent/self", options });
  }

  /** Closes idle keep-alive connections so the process can exit at once. */
  close(): void {
    this.#http.close();
  }

  [inspect.custom](): string {
    return `NomadClient { address: ${JSON.stringify(this.address)} }`;
  }
}

export { Acl, type AclPolicy, type AclToken } from "./acl.js";
export {
  type Allocation,
  type AllocationListStub,
  Allocations,
  type LogOptions,
  type TaskEvent,
  type TaskState,
} from "./allocations.js";
export { HttpClient, type HttpRequest, type Method } from "./client.js";
export {
  configFromEnv,
  DEFAULT_ADDRESS,
  type NomadClientConfig,
  resolveConfig,
  type TlsConfig,
} from "./config.js";
export {
  type Deployment,
  type DeploymentState,
  Deployments,
  type DeploymentUpdateResponse,
} from "./deployments.js";
export { NomadApiError, NomadConnectionError } from "./errors.js";
export { type Evaluation, Evaluations } from "./evaluations.js";
export { type EventFrame, type EventStreamOptions, Events, type NomadEvent } from "./events.js";
export {
  type Job,
  type JobDeregisterResponse,
  type JobListStub,
  type JobPlanResponse,
  type JobRegisterResponse,
  type JobSubmission,
  Jobs,
  type JobValidateResponse,
  type JobVersionsResponse,
  type RegisterOptions,
} from "./jobs.js";
export { type Namespace, Namespaces } from "./namespaces.js";
export { type NodePool, NodePools } from "./node-pools.js";
export { type DrainSpec, type Node, type NodeListStub, Nodes, type NodeUpdateResponse } from "./nodes.js";
export {
  type LockAcquire,
  type LockRenew,
  type LockSpec,
  type Variable,
  type VariableLock,
  type VariableMetadata,
  Variables,
  type VariableWrite,
} from "./nomad-variables.js";
export { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
export type {
  JobBody,
  NomadResponse,
  QueryOptions,
  RequestOptions,
  ResponseMeta,
  WriteOptions,
} from "./types.js";
export {
  type CSIVolume,
  type CSIVolumeListStub,
  CsiVolumes,
  type HostVolume,
  type HostVolumeStub,
  HostVolumes,
  type Volume,
  type VolumeSpec,
} from "./volumes.js";
