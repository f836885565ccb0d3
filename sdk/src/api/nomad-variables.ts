// /v1/var(s): Nomad Variables, with check-and-set so two writers never
// silently overwrite each other.

import type { Variable, VariableLock } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import { NomadApiError } from "./errors.js";
import type { Index, NomadResponse, QueryOptions, WriteOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Variable, VariableLock } from "../schema/api-types.generated.js";

export type VariableMetadata = Omit<Variable, "Items">;

/** A lock's timing as Nomad takes it: Go durations, TTL between 10s and 24h (default 15s each). */
export interface LockSpec {
  readonly ttl?: string;
  readonly lockDelay?: string;
}

/** Acquiring either takes the lock (its ID in `variable.Lock`), or finds it held by someone else. */
export type LockAcquire = { ok: true; variable: Variable; lockId: string } | { ok: false; held: true };

/** A renewal keeps the lock, or finds it gone (expired, released, or taken by another holder). */
export type LockRenew = { ok: true } | { ok: false; reason: string };

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

  /**
   * Variable locks (Nomad ≥ 1.7): `PUT /v1/var/:path?lock-acquire`. Nomad writes the variable
   * with these items (it overwrites the old ones) and a new lock, or answers 409 while another
   * holder's lock stands. A lock that is not renewed within about 2×TTL is removed after
   * `lockDelay`.
   */
  async acquireLock(
    path: string,
    lock: LockSpec = {},
    options: WriteOptions & { items?: Record<string, string> } = {},
  ): Promise<NomadResponse<LockAcquire>> {
    const Lock: Partial<VariableLock> = {
      ...(lock.ttl ? { TTL: lock.ttl } : {}),
      ...(lock.lockDelay ? { LockDelay: lock.lockDelay } : {}),
    };
    const body = { Path: path, Items: options.items ?? {}, Lock, ...namespaceOf(options) };
    try {
      const res = await this.http.json<Variable>({
        method: "PUT",
        path: varPath(path),
        query: { "lock-acquire": "" },
        body,
        options,
      });
      const lockId = res.data.Lock?.ID;
      if (!lockId) throw new Error(`Nomad answered lock-acquire on ${path} without a lock ID`);
      return { data: { ok: true, variable: res.data, lockId }, meta: res.meta };
    } catch (err) {
      if (err instanceof NomadApiError && err.status === 409)
        return { data: { ok: false, held: true }, meta: noMeta() };
      throw err;
    }
  }

  /** `?lock-renew`: restarts the lock's TTL; only the holder (its lock ID) can. */
  renewLock(path: string, lockId: string, options: WriteOptions = {}): Promise<NomadResponse<LockRenew>> {
    return this.#holderCall("lock-renew", path, lockId, options);
  }

  /** `?lock-release`: frees the lock at once (no lock delay); the variable's items stay. */
  releaseLock(path: string, lockId: string, options: WriteOptions = {}): Promise<NomadResponse<LockRenew>> {
    return this.#holderCall("lock-release", path, lockId, options);
  }

  /** A call only the lock's holder may make, named by its lock ID. */
  async #holderCall(
    operation: "lock-renew" | "lock-release",
    path: string,
    lockId: string,
    options: WriteOptions,
  ): Promise<NomadResponse<LockRenew>> {
    const body = { Path: path, Lock: { ID: lockId }, ...namespaceOf(options) };
    try {
      const res = await this.http.json<unknown>({
        method: "PUT",
        path: varPath(path),
        query: { [operation]: "" },
        body,
        options,
        // Renewing twice is harmless; releasing twice could free a lock taken in between.
        idempotent: operation === "lock-renew",
      });
      return { data: { ok: true }, meta: res.meta };
    } catch (err) {
      // 409: the variable holds no lock, or another one ("attempting to modify locked variable").
      if (err instanceof NomadApiError && err.status === 409)
        return { data: { ok: false, reason: err.nomadMessage }, meta: noMeta() };
      throw err;
    }
  }
}

function namespaceOf(options: WriteOptions): { Namespace?: string } {
  return options.namespace ? { Namespace: options.namespace } : {};
}

/** A refused lock operation carries no index worth waiting on. */
function noMeta() {
  return { index: 0, knownLeader: true, lastContactMs: 0 };
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
