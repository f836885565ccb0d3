// /v1/var(s): Nomad Variables, with check-and-set so two writers never
// silently overwrite each other.

import type { Variable } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import { NomadApiError } from "./errors.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Variable } from "../schema/api-types.generated.js";

export type VariableMetadata = Omit<Variable, "Items">;

/** A check-and-set write either lands, or loses to a newer write, which it returns. */
export type VariableWrite = { ok: true; variable: Variable } | { ok: false; conflict: Variable };

export class Variables {
  constructor(private readonly http: HttpClient) {}

  list(options: QueryOptions = {}): Promise<NomadResponse<VariableMetadata[]>> {
    return this.http.json({ method: "GET", path: "/v1/vars", options });
  }

  /** `data` is undefined when no variable lives at the path. */
  async read(path: string, options: QueryOptions = {}): Promise<NomadResponse<Variable | undefined>> {
    try {
      return await this.http.json<Variable>({ method: "GET", path: varPath(path), options });
    } catch (err) {
      if (err instanceof NomadApiError && err.isNotFound)
        return { data: undefined, meta: { index: 0, knownLeader: false, lastContactMs: 0 } };
      throw err;
    }
  }

  /**
   * Writes the items. With `cas`, only if the variable's ModifyIndex is still
   * that (0 = only if it does not exist yet); otherwise the answer is the
   * variable as it is now.
   */
  async put(
    path: string,
    items: Record<string, string>,
    options: WriteOptions & { cas?: Index } = {},
  ): Promise<NomadResponse<VariableWrite>> {
    const body = { Path: path, Items: items, ...(options.namespace ? { Namespace: options.namespace } : {}) };
    try {
      const res = await this.http.json<Variable>({
        method: "PUT",
        path: varPath(path),
        query: { cas: options.cas },
        body,
        options,
      });
      return { data: { ok: true, variable: res.data }, meta: res.meta };
    } catch (err) {
      const conflict = casConflict(err);
      if (conflict)
        return {
          data: { ok: false, conflict },
          meta: { index: conflict.ModifyIndex, knownLeader: true, lastContactMs: 0 },
        };
      throw err;
    }
  }

  /** Deletes the variable; with `cas`, only if it was not changed since that index. */
  async delete(
    path: string,
    options: WriteOptions & { cas?: Index } = {},
  ): Promise<NomadResponse<{ ok: true } | { ok: false; conflict: Variable }>> {
    try {
      const res = await this.http.json<undefined>({
        method: "DELETE",
        path: varPath(path),
        query: { cas: options.cas },
        options,
      });
      return { data: { ok: true }, meta: res.meta };
    } catch (err) {
      const conflict = casConflict(err);
      if (conflict)
        return {
          data: { ok: false, conflict },
          meta: { index: conflict.ModifyIndex, knownLeader: true, lastContactMs: 0 },
        };
      throw err;
    }
  }
}

/** Nomad answers a lost check-and-set with 409 and the current variable as JSON. */
function casConflict(err: unknown): Variable | undefined {
  if (!(err instanceof NomadApiError) || err.status !== 409) return undefined;
  const body = err.body;
  return body && typeof body === "object" && "Path" in body ? (body as Variable) : undefined;
}

/** Variable paths contain slashes that are part of the path, so each segment is escaped on its own. */
function varPath(path: string): string {
  return `/v1/var/${path.split("/").map(encodeURIComponent).join("/")}`;
}
