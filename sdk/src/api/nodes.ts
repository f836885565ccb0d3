// /v1/node(s): the client nodes the autoscaler counts, drains and purges.

import type {
  DrainSpec,
  Node,
  NodeDrainUpdateResponse,
  NodeListStub,
} from "../schema/api-types.generated.js";
import type { Allocation } from "./allocations.js";
import type { HttpClient } from "./client.js";
import type { NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type {
  DrainSpec,
  Node,
  NodeDrainUpdateResponse as NodeUpdateResponse,
  NodeListStub,
} from "../schema/api-types.generated.js";

export class Nodes {
  constructor(private readonly http: HttpClient) {}

  /** With `resources`/`os`, the stubs also carry NodeResources / the os.* attributes. */
  list(
    options: QueryOptions & { resources?: boolean; os?: boolean } = {},
  ): Promise<NomadResponse<NodeListStub[]>> {
    const query = { resources: options.resources || undefined, os: options.os || undefined };
    return this.http.json({ method: "GET", path: "/v1/nodes", query, options });
  }

  /**
   * list() page by page (`per_page` / `next_token`), each page parsed as it arrives; `map` turns
   * each stub into what the caller keeps (undefined: dropped) as soon as it is parsed.
   */
  pages<U = NodeListStub>(
    options: QueryOptions & { resources?: boolean; os?: boolean; perPage: number },
    map?: (stub: NodeListStub) => U | undefined,
  ): AsyncGenerator<NomadResponse<U[]>> {
    const query = { resources: options.resources || undefined, os: options.os || undefined };
    return this.http.pages(
      { method: "GET", path: "/v1/nodes", query, options, perPage: options.perPage },
      map,
    );
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
  ): Promise<NomadResponse<NodeDrainUpdateResponse>> {
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
  ): Promise<NomadResponse<NodeDrainUpdateResponse>> {
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
  purge(id: string, options: WriteOptions = {}): Promise<NomadResponse<NodeDrainUpdateResponse>> {
    return this.http.json({
      method: "PUT",
      path: `/v1/node/${encodeURIComponent(id)}/purge`,
      options,
      idempotent: true,
    });
  }
}
