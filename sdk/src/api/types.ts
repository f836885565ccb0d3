// Options and results shared by every endpoint. Nomad's own bodies are typed in
// the resource files, only as far as callers read them.

/** Options every request takes. */
export interface RequestOptions {
  /** Overrides the client's namespace for this request (`*` lists across namespaces). */
  namespace?: string;
  /** Overrides the client's region. */
  region?: string;
  /** Overrides the client's ACL token. */
  token?: string;
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout. */
  timeoutMs?: number;
}

/** Options of read endpoints. */
export interface QueryOptions extends RequestOptions {
  /**
   * Blocking query: Nomad holds the request until its index moves past this
   * one (or `waitMs` passes). Pass the `meta.index` of the previous answer.
   */
  index?: number;
  /** How long a blocking query may wait, in ms (Nomad's default 5 min, max 10 min). */
  waitMs?: number;
  /** Let any server answer, not only the leader (`stale`). */
  stale?: boolean;
  prefix?: string;
  /** A go-bexpr filter expression, e.g. `Status == "running"`. */
  filter?: string;
  perPage?: number;
  nextToken?: string;
  reverse?: boolean;
}

export type WriteOptions = RequestOptions;

/** What Nomad's response headers said about its state. */
export interface ResponseMeta {
  /** X-Nomad-Index: the Raft index this answer reflects; the next blocking query's `index`. 0 when absent. */
  index: number;
  /** X-Nomad-KnownLeader. */
  knownLeader: boolean;
  /** X-Nomad-LastContact, in ms: how stale a `stale` read may be. */
  lastContactMs: number;
  /** X-Nomad-NextToken: pass as `nextToken` for the next page. */
  nextToken?: string;
}

export interface NomadResponse<T> {
  data: T;
  meta: ResponseMeta;
}

/** Nomad's Go `uint64`s arrive as JSON numbers; indexes stay well within 2^53. */
export type Index = number;

/** A Nomad job payload as the API takes it: `{ Job: {...} }`'s inner object, produced by synth. */
export type JobBody = Record<string, unknown>;
