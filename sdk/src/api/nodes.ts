// /v1/node(s): the client nodes the autoscaler counts, drains and purges.
import type { Allocation } from "./allocations.js";
import type { HttpClient } from "./client.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

export interface NodeListStub {
  ID: string;
  Name: string;
  Datacenter: string;
  NodePool: string;
  NodeClass: string;
  /** initializing, ready, down, disconnected. */
  Status: string;
  /** eligible, ineligible. */
  SchedulingEligibility: string;
  Drain: boolean;
  Attributes?: Record<string, string>;
  ModifyIndex: Index;
  [field: string]: unknown;
}

export interface Node extends NodeListStub {
  Attributes: Record<string, string>;
  Meta: Record<string, string> | null;
  NodeResources: Record<string, unknown> | null;
  Drivers: Record<string, { Detected: boolean; Healthy: boolean; [k: string]: unknown }> | null;
}

export interface DrainSpec {
  /** Deadline in nanoseconds, as Nomad counts it; -1 forces the drain at once, 0 waits forever. */
  Deadline: number;
  IgnoreSystemJobs: boolean;
}

export interface NodeUpdateResponse {
  EvalIDs: string[] | null;
  EvalCreateIndex: Index;
  NodeModifyIndex: Index;
}

export class Nodes {
  constructor(private readonly http: HttpClient) {}

  /** With `resources`/`os`, the stubs also carry NodeResources / the os.* attributes. */
  list(
    options: QueryOptions & { resources?: boolean; os?: boolean } = {},
  ): Promise<NomadResponse<NodeListStub[]>> {
    const query = { resources: options.resources || undefined, os: options.os || undefined };
    return this.http.json({ method: "GET", path: "/v1/nodes", query, options });
  }

  read(id: string, options: QueryOptions = {}): Promise<NomadResponse<Node>> {
    return this.http.json({ method: "GET", path: `/v1/node/${encodeURIComponent(id)}`, options });
  }

  allocations(id: string, options: QueryOptions = {}): Promise<NomadResponse<Allocation[]>> {
    return this.http.json({ method: "GET", path: `/v1/node/${encodeURIComponent(id)}/allocations`, options });
  }

  /** Stops or allows new placements on the node. */
  eligibility(
    id: string,
    eligible: boolean,
    options: WriteOptions = {},
  ): Promise<NomadResponse<NodeUpdateResponse>> {
    const body = { NodeID: id, Eligibility: eligible ? "eligible" : "ineligible" };
    return this.http.json({
      method: "PUT",
      path: `/v1/node/${encodeURIComponent(id)}/eligibility`,
      body,
      options,
      idempotent: true,
    });
  }

  /** Starts a drain (`spec`), or cancels one (`spec: null`). */
  drain(
    id: string,
    spec: DrainSpec | null,
    options: WriteOptions & { markEligible?: boolean; meta?: Record<string, string> } = {},
  ): Promise<NomadResponse<NodeUpdateResponse>> {
    const body = {
      NodeID: id,
      DrainSpec: spec,
      MarkEligible: options.markEligible ?? false,
      Meta: options.meta,
    };
    return this.http.json({
      method: "PUT",
      path: `/v1/node/${encodeURIComponent(id)}/drain`,
      body,
      options,
      idempotent: true,
    });
  }

  /** Removes a node that is gone for good from the state store. */
  purge(id: string, options: WriteOptions = {}): Promise<NomadResponse<NodeUpdateResponse>> {
    return this.http.json({
      method: "PUT",
      path: `/v1/node/${encodeURIComponent(id)}/purge`,
      options,
      idempotent: true,
    });
  }
}
