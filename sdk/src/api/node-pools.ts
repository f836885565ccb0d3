// /v1/node/pool(s): named groups of client nodes that jobs target with `node_pool`.
import type { HttpClient } from "./client.js";
import type { Job } from "./jobs.js";
import type { NodeListStub } from "./nodes.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

export interface NodePool {
  Name: string;
  Description?: string;
  Meta?: Record<string, string> | null;
  SchedulerConfiguration?: { SchedulerAlgorithm?: string; MemoryOversubscriptionEnabled?: boolean } | null;
  CreateIndex?: Index;
  ModifyIndex?: Index;
  [field: string]: unknown;
}

export class NodePools {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<NodePool[]>> {
    return this.http.json({ method: "GET", path: "/v1/node/pools", options });
  }

  read(name: string, options: QueryOptions = {}): Promise<NomadResponse<NodePool>> {
    return this.http.json({ method: "GET", path: poolPath(name), options });
  }

  /** Creates the pool or replaces its settings. The built-in `all` and `default` cannot be changed. */
  upsert(pool: NodePool, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
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
