// The transport every endpoint goes through: address and TLS, the ACL token
// header, namespace/region and blocking-query parameters, one retry policy,
// a per-request timeout, and abort signals.
//
// It is built on node:http/node:https rather than the global fetch: fetch can
// only take a custom CA or client certificate through an undici Agent, and the
// `undici` package is not a dependency of this package. One transport for
// plain HTTP, TLS and unix sockets keeps every case on the same tested path.
import { readdirSync, readFileSync, statSync } from "node:fs";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_ADDRESS, type NomadClientConfig, type TlsConfig } from "./config.js";
import { NomadApiError, NomadConnectionError } from "./errors.js";
import { JsonArrayReader, JsonStreamError } from "./json-array-stream.js";
import { backoffDelay, DEFAULT_RETRY, isRetryable, type Outcome, type RetryPolicy } from "./retry.js";
import type { NomadResponse, QueryOptions, ResponseMeta } from "./types.js";

export type Method = "GET" | "PUT" | "POST" | "DELETE";
export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface HttpRequest {
  method: Method;
  /** Already-escaped path, e.g. `/v1/job/${encodeURIComponent(id)}`. */
  path: string;
  /** Endpoint-specific query parameters; undefined values are left out. */
  query?: Record<string, QueryValue>;
  body?: unknown;
  options?: QueryOptions;
  /** Safe to send twice. Defaults to true for GET only (see retry.ts). */
  idempotent?: boolean;
}

/**
 * How one try takes a 2xx body: whole, left to the caller (a stream), or as a JSON array
 * parsed element by element while it arrives.
 */
type BodyMode =
  | "buffer"
  | "stream"
  | {
      readonly map: (item: unknown) => unknown;
      /** Called with a 2xx answer's headers, before its body is read. */
      readonly onHeaders?: (meta: ResponseMeta) => void;
    };

interface Reply {
  res: IncomingMessage;
  body: Buffer;
  /** The array's elements through `map`, in that mode. */
  items: unknown[];
}

/** Nomad adds up to wait/16 of jitter to a blocking query's wait. */
const DEFAULT_BLOCKING_WAIT_MS = 300_000;
const DEFAULT_TIMEOUT_MS = 60_000;

export class HttpClient {
  readonly address: string;
  readonly namespace: string | undefined;
  readonly region: string | undefined;
  // Private fields: util.inspect and JSON.stringify never show them.
  readonly #token: string | undefined;
  readonly #authorization: string | undefined;
  readonly #secrets: string[];
  readonly #target: {
    module: typeof http | typeof https;
    host?: string;
    port?: number;
    socketPath?: string;
    prefix: string;
  };
  readonly #agent: http.Agent;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;

  constructor(config: NomadClientConfig = {}) {
    this.address = config.address ?? DEFAULT_ADDRESS;
    this.namespace = config.namespace;
    this.region = config.region;
    this.#token = config.token;
    const auth = config.httpAuth;
    this.#authorization = auth
      ? `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ""}`).toString("base64")}`
      : undefined;
    this.#secrets = [config.token, auth?.password].filter((s): s is string => !!s);
    this.#retry = { ...DEFAULT_RETRY, ...config.retry };
    this.#timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    if (this.address.startsWith("unix://")) {
      this.#target = { module: http, socketPath: this.address.slice("unix://".length), prefix: "" };
      this.#agent = new http.Agent({ keepAlive: true });
      return;
    }
    const url = new URL(this.address);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new Error(`NOMAD_ADDR must start with http://, https:// or unix://, got ${this.address}`);
    }
    const secure = url.protocol === "https:";
    this.#target = {
      module: secure ? https : http,
      host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port ? Number(url.port) : secure ? 443 : 80,
      prefix: url.pathname.replace(/\/+$/, ""),
    };
    this.#agent = secure
      ? new https.Agent({ keepAlive: true, ...tlsOptions(config.tls) })
      : new http.Agent({ keepAlive: true });
  }

  /** Sends a request and parses the JSON answer (undefined for an empty body). */
  async json<T>(req: HttpRequest): Promise<NomadResponse<T>> {
    const { res, body } = await this.#withRetries(req, "buffer");
    const text = body.toString("utf8");
    return { data: (text.trim() === "" ? undefined : JSON.parse(text)) as T, meta: readMeta(res.headers) };
  }

  /** Sends a request and returns the body as text (logs, plain output). */
  async text(req: HttpRequest): Promise<NomadResponse<string>> {
    const { res, body } = await this.#withRetries(req, "buffer");
    return { data: body.toString("utf8"), meta: readMeta(res.headers) };
  }

  /**
   * Sends a request whose answer is a JSON array and parses it element by element as it
   * arrives (json-array-stream.ts), so the body is never one string. `map` turns each element
   * into what the caller keeps (undefined: dropped) the moment it is parsed, so the parsed
   * element dies young instead of living until the whole answer is in. A body cut short or
   * not an array fails the try, and the retry policy decides on another, as for a lost
   * connection; `map` must not act on what it is given, since a retried answer comes again.
   */
  async jsonArray<T, U = T>(req: HttpRequest, map?: (item: T) => U | undefined): Promise<NomadResponse<U[]>> {
    return this.#jsonArray(req, map);
  }

  async #jsonArray<T, U>(
    req: HttpRequest,
    map: ((item: T) => U | undefined) | undefined,
    onHeaders?: (meta: ResponseMeta) => void,
  ): Promise<NomadResponse<U[]>> {
    const mode = {
      map: (map ?? ((item: T) => item)) as (item: unknown) => unknown,
      ...(onHeaders ? { onHeaders } : {}),
    };
    const { res, items } = await this.#withRetries(req, mode);
    return { data: items as U[], meta: readMeta(res.headers) };
  }

  /**
   * A list endpoint page by page (`per_page`, then each answer's `X-Nomad-NextToken` as
   * `next_token`), each page parsed as it arrives (jsonArray). Each page is retried on its
   * own. Pages are separate reads, so each carries its own index: a list that changes
   * meanwhile can show an object twice or miss one, as with Nomad's own CLI.
   *
   * A page's headers name the next page before its body is in, so the next page is asked for
   * then, one page ahead: Nomad builds page k+1 while page k is parsed here. Should a retried
   * page name another next page than its first try did, the early request is dropped.
   */
  async *pages<T, U = T>(
    req: HttpRequest & { perPage: number },
    map?: (item: T) => U | undefined,
  ): AsyncGenerator<NomadResponse<U[]>> {
    const request = (token: string | undefined) => {
      let named: (token: string | undefined) => void = () => {};
      const next = new Promise<string | undefined>((resolve) => {
        named = resolve;
      });
      const options = { ...req.options, perPage: req.perPage, ...(token ? { nextToken: token } : {}) };
      const page = this.#jsonArray<T, U>({ ...req, options }, map, (meta) => named(meta.nextToken));
      // Awaited below, or dropped: either way never an unhandled rejection.
      page.catch(() => undefined);
      return { token, page, next };
    };
    let current = request(req.options?.nextToken);
    for (;;) {
      const named = await Promise.race([current.next, current.page.then((p) => p.meta.nextToken)]);
      const ahead = named ? request(named) : undefined;
      const page = await current.page;
      yield page;
      const next = page.meta.nextToken;
      if (!next) return;
      current = ahead && ahead.token === next ? ahead : request(next);
    }
  }

  /**
   * Sends a request and hands back the open response once its headers are in.
   * The timeout covers only the wait for the headers; retries stop there too.
   */
  async stream(req: HttpRequest): Promise<IncomingMessage> {
    return (await this.#withRetries(req, "stream")).res;
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#agent.destroy();
  }

  async #withRetries(req: HttpRequest, mode: BodyMode): Promise<Reply> {
    const method = req.method;
    const path = this.#pathWithQuery(req);
    const idempotent = req.idempotent ?? method === "GET";
    const signal = req.options?.signal;
    for (let attempt = 1; ; attempt++) {
      let outcome: Outcome;
      let failure: Error;
      try {
        const reply = await this.#once(req, path, mode);
        const status = reply.res.statusCode ?? 0;
        if (status >= 200 && status < 300) return reply;
        const message = reply.body.toString("utf8");
        outcome = { kind: "response", status, message };
        // A JSON error body (a CAS conflict's current variable) is data, not a
        // message. Nomad sends it without a JSON content type, so look at it.
        const body = jsonBody(message);
        failure = new NomadApiError({
          status,
          method,
          path,
          nomadMessage: body === undefined ? message : (http.STATUS_CODES[status] ?? ""),
          body,
          secrets: this.#secrets,
        });
      } catch (err) {
        if (signal?.aborted) throw signal.reason; // the caller cancelled: never retried
        const timedOut = err instanceof TimeoutError;
        outcome = { kind: "network", code: errorCode(err), timedOut };
        failure = new NomadConnectionError({
          method,
          path,
          address: this.address,
          cause:
            err instanceof JsonStreamError ? new Error(`its answer was not read whole: ${err.message}`) : err,
          secrets: this.#secrets,
        });
      }
      if (attempt >= this.#retry.maxAttempts || !isRetryable(outcome, idempotent)) throw failure;
      await sleep(backoffDelay(attempt - 1, this.#retry), undefined, signal ? { signal } : undefined);
    }
  }

  /** One try. Rejects with TimeoutError when the per-request timeout passes. */
  #once(req: HttpRequest, path: string, mode: BodyMode): Promise<Reply> {
    const o = req.options ?? {};
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string> = {};
    const token = o.token ?? this.#token;
    if (token) headers["X-Nomad-Token"] = token;
    if (this.#authorization) headers.Authorization = this.#authorization;
    if (payload) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = String(payload.length);
    }
    // A blocking query is held by Nomad for up to wait + wait/16, so the
    // timeout starts counting after that.
    const blockingMs = o.index !== undefined ? ((o.waitMs ?? DEFAULT_BLOCKING_WAIT_MS) * 17) / 16 : 0;
    const timeoutMs = (o.timeoutMs ?? this.#timeoutMs) + blockingMs;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
    const onAbort = () => controller.abort(o.signal?.reason);
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
    };
    if (o.signal?.aborted) onAbort();

    const t = this.#target;
    return new Promise((resolve, reject) => {
      const fail = (err: unknown) => {
        cleanup();
        reject(controller.signal.reason instanceof TimeoutError ? controller.signal.reason : err);
      };
      const request = t.module.request(
        {
          method: req.method,
          path: t.prefix + path,
          headers,
          agent: this.#agent,
          signal: controller.signal,
          ...(t.socketPath ? { socketPath: t.socketPath } : { host: t.host, port: t.port }),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          if (mode === "stream" && ok) {
            // The stream lives on; only the caller's signal (or close) ends it now.
            clearTimeout(timer);
            res.once("close", cleanup);
            resolve({ res, body: Buffer.alloc(0), items: [] });
            return;
          }
          res.on("error", fail);
          if (typeof mode === "object" && ok) {
            mode.onHeaders?.(readMeta(res.headers));
            const items: unknown[] = [];
            const reader = new JsonArrayReader((item) => {
              const kept = mode.map(item);
              if (kept !== undefined) items.push(kept);
            });
            res.on("data", (c: Buffer) => {
              try {
                reader.write(c);
              } catch (err) {
                res.destroy();
                fail(err);
              }
            });
            res.on("end", () => {
              try {
                reader.end();
              } catch (err) {
                fail(err);
                return;
              }
              cleanup();
              resolve({ res, body: Buffer.alloc(0), items });
            });
            return;
          }
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            cleanup();
            resolve({ res, body: Buffer.concat(chunks), items: [] });
          });
        },
      );
      request.on("error", fail);
      request.end(payload);
    });
  }

  #pathWithQuery(req: HttpRequest): string {
    const o = req.options ?? {};
    const params = new URLSearchParams();
    const add = (key: string, value: QueryValue) => {
      if (value === undefined) return;
      if (Array.isArray(value)) for (const v of value) params.append(key, v);
      else params.append(key, String(value));
    };
    for (const [k, v] of Object.entries(req.query ?? {})) add(k, v);
    add("namespace", o.namespace ?? this.namespace);
    add("region", o.region ?? this.region);
    add("index", o.index);
    if (o.index !== undefined || o.waitMs !== undefined)
      add("wait", o.waitMs !== undefined ? `${o.waitMs}ms` : undefined);
    if (o.stale) add("stale", "");
    add("prefix", o.prefix);
    add("filter", o.filter);
    add("per_page", o.perPage);
    add("next_token", o.nextToken);
    if (o.reverse) add("reverse", "true");
    const qs = params.toString();
    return qs ? `${req.path}${req.path.includes("?") ? "&" : "?"}${qs}` : req.path;
  }
}

class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(ms: number) {
    super(`no answer within ${Math.round(ms)} ms`);
  }
}

function readMeta(h: IncomingHttpHeaders): ResponseMeta {
  const one = (name: string) => {
    const v = h[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const next = one("x-nomad-nexttoken");
  return {
    index: Number(one("x-nomad-index") ?? 0) || 0,
    knownLeader: one("x-nomad-knownleader") === "true",
    lastContactMs: Number(one("x-nomad-lastcontact") ?? 0) || 0,
    ...(next ? { nextToken: next } : {}),
  };
}

function tlsOptions(tls: TlsConfig | undefined): https.AgentOptions {
  if (!tls) return {};
  const ca: string[] = [];
  if (tls.caCert) {
    const certs = certificatesIn(tls.caCert, "NOMAD_CACERT");
    if (certs.length === 0) throw new Error(`NOMAD_CACERT file ${tls.caCert} holds no PEM certificate`);
    ca.push(...certs);
  }
  if (tls.caPath) {
    // Like Nomad: every file in the directory; files without a certificate
    // (keys, CSRs, serial files) are passed over.
    const files = statSync(tls.caPath).isDirectory()
      ? readdirSync(tls.caPath, { withFileTypes: true })
          .filter((e) => e.isFile() && !e.name.startsWith("."))
          .map((e) => join(tls.caPath as string, e.name))
      : [tls.caPath];
    for (const f of files) ca.push(...certificatesIn(f, "NOMAD_CAPATH"));
  }
  if (Boolean(tls.clientCert) !== Boolean(tls.clientKey)) {
    throw new Error("NOMAD_CLIENT_CERT and NOMAD_CLIENT_KEY must be set together");
  }
  return {
    ...(ca.length > 0 ? { ca } : {}),
    ...(tls.clientCert ? { cert: readSetting(tls.clientCert, "NOMAD_CLIENT_CERT") } : {}),
    ...(tls.clientKey ? { key: readSetting(tls.clientKey, "NOMAD_CLIENT_KEY") } : {}),
    ...(tls.serverName ? { servername: tls.serverName } : {}),
    // Verification stays on unless explicitly turned off.
    rejectUnauthorized: tls.insecure !== true,
  };
}

function certificatesIn(file: string, setting: string): string[] {
  return (
    readSetting(file, setting)
      .toString("utf8")
      .match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  );
}

function readSetting(file: string, setting: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${setting} file ${file}: ${(err as Error).message}`);
  }
}

/** The parsed body when it is a JSON object or array; Nomad's error texts never start with { or [. */
function jsonBody(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}
