// A Nomad-shaped HTTP server for the autoscale bench: the read endpoints the autoscaler's
// snapshot calls, answered from cluster.ts with the query parameters Nomad honours (namespace,
// filter, per_page / next_token, stale, index / wait for blocking queries, resources, os,
// task_states), plus the node writes a scale-in makes. Every request is counted here, at the
// server, so the bench reports what went over the wire, not what the client believes it sent.
//
// The allocation stubs the snapshot asks for (resources=true, task_states=false) are rendered to
// JSON once at start, so answering is copying bytes: the bench times the client, and Nomad's own
// encoding time is left out (it is not ours to make faster). Other variants render per request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  allocId,
  allocNamespace,
  allocStub,
  blockedEvaluation,
  indexOfId,
  isFinished,
  NODES,
  nodeId,
  nodeStub,
  QUEUED,
  queuedJob,
  TOTAL_ALLOCS,
} from "./cluster.js";

/** The filter the snapshot sends (nomad-snapshot.ts LIVE_ALLOCS); others are refused, not guessed at. */
const LIVE_FILTER = 'DesiredStatus == "run" and (ClientStatus == "pending" or ClientStatus == "running")';

export interface WireStats {
  connections: number;
  requests: number;
  /** Requests per route, e.g. `GET /v1/allocations`. */
  routes: Record<string, number>;
  /** Reads any server may answer, and reads only the leader may. */
  stale: number;
  leader: number;
  /** Body bytes sent. */
  bytes: number;
}

const SEGMENT_BYTES = 256 * 1024 * 1024;

/** Allocation i's JSON and a trailing comma, in one of a few large buffers. */
class RenderedAllocs {
  readonly segments: Buffer[] = [];
  readonly segment = new Uint8Array(TOTAL_ALLOCS);
  readonly offset = new Uint32Array(TOTAL_ALLOCS);
  readonly length = new Uint32Array(TOTAL_ALLOCS);
  /** Allocations changed since rendering: their current JSON and comma. */
  readonly changed = new Map<number, Buffer>();

  constructor() {
    let current = Buffer.allocUnsafe(SEGMENT_BYTES);
    let used = 0;
    for (let i = 0; i < TOTAL_ALLOCS; i++) {
      const json = `${JSON.stringify(allocStub(i, 0, { resources: true, taskStates: false }))},`;
      const bytes = Buffer.byteLength(json);
      if (used + bytes > SEGMENT_BYTES) {
        this.segments.push(current.subarray(0, used));
        current = Buffer.allocUnsafe(SEGMENT_BYTES);
        used = 0;
      }
      current.write(json, used);
      this.segment[i] = this.segments.length;
      this.offset[i] = used;
      this.length[i] = bytes;
      used += bytes;
    }
    this.segments.push(Buffer.from(current.subarray(0, used)));
  }

  /** The bytes of allocations `indexes` (ascending) as a JSON array, in as few pieces as runs allow. */
  page(indexes: readonly number[]): Buffer[] {
    const pieces: Buffer[] = [Buffer.from("[")];
    let run: { segment: number; start: number; end: number } | undefined;
    const flush = () => {
      if (run) pieces.push((this.segments[run.segment] as Buffer).subarray(run.start, run.end));
      run = undefined;
    };
    let previous = -2;
    for (const i of indexes) {
      const changed = this.changed.get(i);
      if (changed) {
        flush();
        pieces.push(changed);
      } else {
        const segment = this.segment[i] as number;
        const start = this.offset[i] as number;
        const end = start + (this.length[i] as number);
        if (run && previous === i - 1 && run.segment === segment && run.end === start) run.end = end;
        else {
          flush();
          run = { segment, start, end };
        }
      }
      previous = i;
    }
    flush();
    // Drop the last element's comma.
    const last = pieces.length - 1;
    if (last > 0) pieces[last] = (pieces[last] as Buffer).subarray(0, (pieces[last] as Buffer).length - 1);
    pieces.push(Buffer.from("]"));
    return pieces;
  }
}

export class NomadWire {
  readonly stats: WireStats = { connections: 0, requests: 0, routes: {}, stale: 0, leader: 0, bytes: 0 };
  /** The Raft index of the cluster state; moves on every change. */
  index = 1_200_000;
  private readonly rendered = new RenderedAllocs();
  private readonly version = new Map<number, number>();
  private readonly waiters = new Set<() => void>();
  private readonly server: Server;
  private changes = 0;

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    this.server.on("connection", () => this.stats.connections++);
  }

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  /** Changes `count` allocations, spread over the cluster: each is resized in place (a new job version). */
  change(count: number): void {
    this.changes++;
    this.index += 1_000;
    const step = Math.floor(TOTAL_ALLOCS / count);
    for (let k = 0; k < count; k++) {
      const i = (k * step + this.changes * 7) % TOTAL_ALLOCS;
      const version = (this.version.get(i) ?? 0) + 1;
      this.version.set(i, version);
      const stub = allocStub(i, version, { resources: true, taskStates: false });
      stub.ModifyIndex = this.index;
      this.rendered.changed.set(i, Buffer.from(`${JSON.stringify(stub)},`));
    }
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://nomad");
    const q = url.searchParams;
    const route = `${req.method} ${url.pathname.replace(/^(\/v1\/(?:job|node)\/)[^/]+/, "$1:id")}`;
    this.stats.requests++;
    this.stats.routes[route] = (this.stats.routes[route] ?? 0) + 1;
    if (req.method === "GET") {
      if (q.has("stale")) this.stats.stale++;
      else this.stats.leader++;
      await this.blockingWait(q);
    }
    const namespace = q.get("namespace") ?? "default";
    const flag = (name: string) => q.has(name) && q.get(name) !== "false";

    if (route === "GET /v1/allocations") {
      const filter = q.get("filter");
      if (filter !== null && filter !== LIVE_FILTER)
        return this.error(res, 400, `bench server: unsupported filter ${JSON.stringify(filter)}`);
      const resources = flag("resources");
      const taskStates = q.get("task_states") !== "false";
      const { items, next } = this.paginate(
        q,
        TOTAL_ALLOCS,
        allocId,
        (i) => !(filter && isFinished(i)) && (namespace === "*" || namespace === allocNamespace(i)),
      );
      if (resources && !taskStates) return this.send(res, this.rendered.page(items), next, q);
      const stubs = items.map((i) => allocStub(i, this.version.get(i) ?? 0, { resources, taskStates }));
      return this.send(res, [Buffer.from(JSON.stringify(stubs))], next, q);
    }
    if (route === "GET /v1/nodes") {
      const { items, next } = this.paginate(q, NODES, nodeId, () => true);
      const stubs = items.map((n) => nodeStub(n, flag("os"), flag("resources")));
      return this.send(res, [Buffer.from(JSON.stringify(stubs))], next, q);
    }
    if (route === "GET /v1/evaluations") {
      const status = q.get("status");
      const evals = QUEUED.map(blockedEvaluation).filter(
        (e) => (!status || e.Status === status) && (namespace === "*" || e.Namespace === namespace),
      );
      return this.send(res, [Buffer.from(JSON.stringify(evals))], undefined, q);
    }
    if (route === "GET /v1/job/:id") {
      const id = decodeURIComponent(url.pathname.slice("/v1/job/".length));
      const job = QUEUED.find((j) => j.id === id);
      if (!job || namespace !== "default") return this.error(res, 404, "job not found");
      return this.send(res, [Buffer.from(JSON.stringify(queuedJob(job)))], undefined, q);
    }
    if (req.method === "PUT" && /^PUT \/v1\/node\/:id\/(eligibility|drain|purge)$/.test(route)) {
      for await (const _ of req); // the body is not needed; read it so the connection is reused
      this.index++;
      const body = { EvalIDs: null, EvalCreateIndex: 0, NodeModifyIndex: this.index, Index: this.index };
      return this.send(res, [Buffer.from(JSON.stringify(body))], undefined, q);
    }
    return this.error(res, 404, `bench server: no route ${route}`);
  }

  /** Nomad's pagination: `per_page` items from `next_token` on, and the next item's token. */
  private paginate(
    q: URLSearchParams,
    total: number,
    token: (i: number) => string,
    keep: (i: number) => boolean,
  ): { items: number[]; next?: string } {
    const perPage = q.has("per_page") ? Number(q.get("per_page")) : Number.POSITIVE_INFINITY;
    const from = q.get("next_token");
    let i = from ? indexOfId(from) : 0;
    if (Number.isNaN(i)) i = total;
    const items: number[] = [];
    for (; i < total; i++) {
      if (!keep(i)) continue;
      if (items.length === perPage) return { items, next: token(i) };
      items.push(i);
    }
    return { items };
  }

  /** A blocking query (`index`) waits until the state moves past that index, or `wait` passes. */
  private async blockingWait(q: URLSearchParams): Promise<void> {
    const index = Number(q.get("index") ?? 0);
    if (!index || index < this.index) return;
    const wait = /^(\d+)(ms|s|m)$/.exec(q.get("wait") ?? "");
    const ms = wait ? Number(wait[1]) * ({ ms: 1, s: 1000, m: 60_000 }[wait[2] as "ms"] ?? 1) : 300_000;
    await new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        done();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        done();
      }, ms);
      this.waiters.add(wake);
    });
  }

  private send(res: ServerResponse, pieces: Buffer[], next: string | undefined, q: URLSearchParams): void {
    const length = pieces.reduce((n, p) => n + p.length, 0);
    this.stats.bytes += length;
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": String(length),
      "X-Nomad-Index": String(this.index),
      "X-Nomad-KnownLeader": "true",
      "X-Nomad-LastContact": q.has("stale") ? "3" : "0",
      ...(next ? { "X-Nomad-NextToken": next } : {}),
    });
    for (const p of pieces) res.write(p);
    res.end();
  }

  private error(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { "Content-Type": "text/plain" }).end(message);
  }
}
