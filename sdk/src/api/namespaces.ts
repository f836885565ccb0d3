// /v1/namespace(s): one per team or environment, so jobs, variables and ACL
// policies are kept apart.

import type { Namespace } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import type { NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Namespace } from "../schema/api-types.generated.js";

export class Namespaces {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<Namespace[]>> {
    return this.http.json({ method: "GET", path: "/v1/namespaces", options });
  }

  read(name: string, options: QueryOptions = {}): Promise<NomadResponse<Namespace>> {
    return this.http.json({ method: "GET", path: nsPath(name), options });
  }

  /** Creates the namespace or replaces its settings. */
  upsert(
    namespace: Pick<Namespace, "Name"> & Partial<Namespace>,
    options: WriteOptions = {},
  ): Promise<NomadResponse<undefined>> {
    return this.http.json({
      method: "PUT",
      path: nsPath(namespace.Name),
      body: namespace,
      options,
      idempotent: true,
    });
  }

  /** Fails while jobs, volumes or variables still live in it. */
  delete(name: string, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
    return this.http.json({ method: "DELETE", path: nsPath(name), options, idempotent: true });
  }
}

function nsPath(name: string): string {
  return `/v1/namespace/${encodeURIComponent(name)}`;
}
