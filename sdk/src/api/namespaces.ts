// /v1/namespace(s): one per team or environment, so jobs, variables and ACL
// policies are kept apart.
import type { HttpClient } from "./client.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

export interface Namespace {
  Name: string;
  Description?: string;
  Quota?: string;
  Meta?: Record<string, string> | null;
  NodePoolConfiguration?: { Default?: string; Allowed?: string[] | null; Denied?: string[] | null } | null;
  CreateIndex?: Index;
  ModifyIndex?: Index;
  [field: string]: unknown;
}

export class Namespaces {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<Namespace[]>> {
    return this.http.json({ method: "GET", path: "/v1/namespaces", options });
  }

  read(name: string, options: QueryOptions = {}): Promise<NomadResponse<Namespace>> {
    return this.http.json({ method: "GET", path: nsPath(name), options });
  }

  /** Creates the namespace or replaces its settings. */
  upsert(namespace: Namespace, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
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
