// /v1/node/pool(s): named groups of client nodes that jobs target with `node_pool`.

import type { NodePool } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import type { Job } from "./jobs.js";
import type { NodeListStub } from "./nodes.js";
import type { NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { NodePool } from "../schema/api-types.generated.js";

export class NodePools {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<NodePool[]>> {
    return this.http.json({ method: "GET", path: "/v1/node/pools", options });
  }

  read(name: string, options: QueryOptions = {}): Promise<NomadResponse<NodePool>> {
    return this.http.json({ method: "GET", path: poolPath(name), options });
  }

  /** Creates the pool or replaces its settings. The built-in `all` and `default` cannot be changed. */
  upsert(
    pool: Pick<NodePool, "Name"> & Partial<NodePool>,
    options: WriteOptions = {},
  ): Promise<NomadResponse<undefined>> {
    return this.http.json({ method: "PUT", path: "/v1/node/pools", body: pool, options, idempotent: true });
  }

  /** Fails while nodes or jobs still use the pool. */
  delete(name: string, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
    return this.http.json({ method: "DELETE", path: poolPath(name), options, idempotent: true });
  }

  nodes(name: string, options: QueryOptions = {}): Promise<NomadResponse<NodeListStub[]>> {
    return this.http.json({ method: "GET", path: `${poolPath(name)}/nodes`, options });
  }

  jobs(name: string, options: QueryOptions = {}): Promise<NomadResponse<Job[]>> {
    return this.http.json({ method: "GET", path: `${poolPath(name)}/jobs`, options });
  }
}

function poolPath(name: string): string {
  return `/v1/node/pool/${encodeURIComponent(name)}`;
}
