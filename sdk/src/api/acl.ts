// /v1/acl: policies, the one-time bootstrap, and "who am I" for a token.

import type { ACLPolicy, ACLToken } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import type { NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { ACLPolicy as AclPolicy, ACLToken as AclToken } from "../schema/api-types.generated.js";

export class Acl {
  constructor(private readonly http: HttpClient) {}

  /**
   * Turns ACLs on for a fresh cluster and returns the first management token.
   * Works once; later calls fail with 400 unless `bootstrapSecret` is given
   * after a bootstrap reset.
   */
  bootstrap(options: WriteOptions & { bootstrapSecret?: string } = {}): Promise<NomadResponse<ACLToken>> {
    const body = options.bootstrapSecret ? { BootstrapSecret: options.bootstrapSecret } : undefined;
    return this.http.json({ method: "PUT", path: "/v1/acl/bootstrap", body, options });
  }

  /** The token the request was made with. */
  tokenSelf(options: QueryOptions = {}): Promise<NomadResponse<ACLToken>> {
    return this.http.json({ method: "GET", path: "/v1/acl/token/self", options });
  }

  listPolicies(options: QueryOptions = {}): Promise<NomadResponse<Omit<ACLPolicy, "Rules">[]>> {
    return this.http.json({ method: "GET", path: "/v1/acl/policies", options });
  }

  readPolicy(name: string, options: QueryOptions = {}): Promise<NomadResponse<ACLPolicy>> {
    return this.http.json({ method: "GET", path: `/v1/acl/policy/${encodeURIComponent(name)}`, options });
  }

  upsertPolicy(
    policy: Pick<ACLPolicy, "Name" | "Rules"> & Partial<ACLPolicy>,
    options: WriteOptions = {},
  ): Promise<NomadResponse<undefined>> {
    const path = `/v1/acl/policy/${encodeURIComponent(policy.Name)}`;
    return this.http.json({ method: "PUT", path, body: policy, options, idempotent: true });
  }

  /** Creates a token; Nomad fills in AccessorID and SecretID. The answer holds the secret: never log it. */
  createToken(
    token: Pick<ACLToken, "Type"> & Partial<Pick<ACLToken, "Name" | "Policies" | "Global">>,
    options: WriteOptions = {},
  ): Promise<NomadResponse<ACLToken>> {
    return this.http.json({ method: "PUT", path: "/v1/acl/token", body: token, options });
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
