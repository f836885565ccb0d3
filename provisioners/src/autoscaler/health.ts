// The autoscaler's HTTP endpoint (node:http): /healthz for Nomad's service check and /metrics
// for Prometheus. A leader is healthy while its last evaluation is recent; a standby waiting
// for the lock is healthy as it is (its work is waiting), so Nomad doesn't restart it.
import { createServer, type Server } from "node:http";
import type { AutoscalerMetrics } from "./metrics.js";
import { type Clock, systemClock } from "./ports.js";

export interface HealthServerOptions {
  readonly metrics: AutoscalerMetrics;
  /** A leader whose last evaluation is older than this is unhealthy (a few intervals). */
  readonly maxAgeMs: number;
  /** Default 127.0.0.1; "0.0.0.0" to be reachable from other hosts. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly clock?: Clock;
}

export interface HealthServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface Health {
  readonly healthy: boolean;
  readonly status: "standby" | "ok" | "starting" | "stale";
  readonly leader: boolean;
  readonly lastEvaluationAt?: string;
  readonly lastEvaluationAgeMs?: number;
  readonly lastError?: string;
}

/** What /healthz answers, as data. */
export function health(metrics: AutoscalerMetrics, maxAgeMs: number, now: number): Health {
  const s = metrics.status();
  const common = {
    leader: s.leader,
    ...(s.lastEvaluationAt !== undefined
      ? {
          lastEvaluationAt: new Date(s.lastEvaluationAt).toISOString(),
          lastEvaluationAgeMs: now - s.lastEvaluationAt,
        }
      : {}),
    ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
  };
  if (!s.leader) return { healthy: true, status: "standby", ...common };
  // Time to evaluate counts from the later of becoming leader and the last evaluation.
  const since = Math.max(s.leaderSince ?? now, s.lastEvaluationAt ?? 0);
  const fresh = now - since <= maxAgeMs;
  const status = fresh ? (s.lastEvaluationAt !== undefined ? "ok" : "starting") : "stale";
  return { healthy: fresh, status, ...common };
}

export async function startHealthServer(o: HealthServerOptions): Promise<HealthServer> {
  const clock = o.clock ?? systemClock;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/healthz") {
      const h = health(o.metrics, o.maxAgeMs, clock.now());
      res.writeHead(h.healthy ? 200 : 503, { "Content-Type": "application/json" });
      res.end(req.method === "HEAD" ? undefined : `${JSON.stringify(h)}\n`);
      return;
    }
    if (path === "/metrics") {
      o.metrics.text().then(
        (text) => {
          res.writeHead(200, { "Content-Type": o.metrics.contentType });
          res.end(req.method === "HEAD" ? undefined : text);
        },
        (err: unknown) => {
          res.writeHead(500, { "Content-Type": "text/plain" }).end(`${(err as Error).message}\n`);
        },
      );
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found: try /healthz or /metrics\n");
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("health server has no TCP address");
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
