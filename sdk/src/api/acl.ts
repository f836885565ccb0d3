// /v1/acl: policies, the one-time bootstrap, and "who am I" for a token.
import type { HttpClient } from "./client.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

export interface AclPolicy {
  Name: string;
  Description?: string;
  /** The policy in HCL, e.g. `namespace "default" { policy = "read" }`. */
  Rules: string;
  CreateIndex?: Index;
  ModifyIndex?: Index;
  [field: string]: unknown;
}

export interface AclToken {
  AccessorID: string;
  /** The secret itself. Never log it. */
  SecretID: string;
  Name: string;
  /** client or management. */
  Type: string;
  Policies: string[] | null;
  Global: boolean;
  ExpirationTime?: string | null;
  [field: string]: unknown;
}

export class Acl {
  constructor(private readonly http: HttpClient) {}

  /**
   * Turns ACLs on for a fresh cluster and returns the first management token.
   * Works once; later calls fail with 400 unless `bootstrapSecret` is given
   * after a bootstrap reset.
   */
  bootstrap(options: WriteOptions & { bootstrapSecret?: string } = {}): Promise<NomadResponse<AclToken>> {
    const body = options.bootstrapSecret ? { BootstrapSecret: options.bootstrapSecret } : undefined;
    return this.http.json({ method: "PUT", path: "/v1/acl/bootstrap", body, options });
  }

  /** The token the request was made with. */
  tokenSelf(options: QueryOptions = {}): Promise<NomadResponse<AclToken>> {
    return this.http.json({ method: "GET", path: "/v1/acl/token/self", options });
  }

  listPolicies(options: QueryOptions = {}): Promise<NomadResponse<Omit<AclPolicy, "Rules">[]>> {
    return this.http.json({ method: "GET", path: "/v1/acl/policies", options });
  }

  readPolicy(name: string, options: QueryOptions = {}): Promise<NomadResponse<AclPolicy>> {
    return this.http.json({ method: "GET", path: `/v1/acl/policy/${encodeURIComponent(name)}`, options });
  }

  upsertPolicy(policy: AclPolicy, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
    const path = `/v1/acl/policy/${encodeURIComponent(policy.Name)}`;
    return this.http.json({ method: "PUT", path, body: policy, options, idempotent: true });
  }

  deletePolicy(name: string, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
    return this.http.json({
      method: "DELETE",
      path: `/v1/acl/policy/${encodeURIComponent(name)}`,
      options,
      idempotent: true,
    });
  }
}
