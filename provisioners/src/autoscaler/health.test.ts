// /healthz and /metrics over real HTTP requests.
import { afterEach, describe, expect, it } from "vitest";
import { type HealthServer, startHealthServer } from "./health.js";
import { AutoscalerMetrics } from "./metrics.js";
import type { Clock } from "./ports.js";

const clock: Clock & { ms: number } = { ms: 1_000_000, now: () => clock.ms, sleep: async () => {} };
let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(path: string, method = "GET") {
  const res = await fetch(`${server?.url}${path}`, { method });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("health server", () => {
  it("answers 200 for a standby, then for a fresh leader, 503 once its last evaluation is stale", async () => {
    const metrics = new AutoscalerMetrics({ clock });
    server = await startHealthServer({ metrics, maxAgeMs: 30_000, clock });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    let r = await get("/healthz");
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json");
    expect(JSON.parse(r.body)).toEqual({ healthy: true, status: "standby", leader: false });

    metrics.setLeader(true);
    clock.ms += 10_000;
    expect(JSON.parse((await get("/healthz")).body)).toMatchObject({ healthy: true, status: "starting" });

    metrics.recordEvaluation({ durationMs: 5 });
    clock.ms += 29_000;
    r = await get("/healthz");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: "ok", lastEvaluationAgeMs: 29_000 });

    clock.ms += 2_000;
    metrics.recordFailure(5, new Error("no cluster leader"));
    r = await get("/healthz");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({
      healthy: false,
      status: "stale",
      leader: true,
      lastEvaluationAgeMs: 31_000,
      lastError: "no cluster leader",
    });
    expect((await get("/healthz", "HEAD")).status).toBe(503);
  });

  it("a leader that never evaluates goes stale too", async () => {
    const metrics = new AutoscalerMetrics({ clock });
    server = await startHealthServer({ metrics, maxAgeMs: 30_000, clock });
    metrics.setLeader(true);
    clock.ms += 31_000;
    const r = await get("/healthz");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toEqual({ healthy: false, status: "stale", leader: true });
  });

  it("serves the metrics in Prometheus' text format, and 404/405 elsewhere", async () => {
    const metrics = new AutoscalerMetrics({ clock });
    metrics.recordEvaluation({ durationMs: 5, pools: [{ pool: "web", desired: 2, ready: 1 }] });
    server = await startHealthServer({ metrics, maxAgeMs: 30_000, clock });
    const r = await get("/metrics");
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.body).toContain("# TYPE nomadkit_autoscaler_pool_desired_nodes gauge");
    expect(r.body).toContain('nomadkit_autoscaler_pool_desired_nodes{pool="web"} 2');
    expect((await get("/nope")).status).toBe(404);
    expect((await get("/healthz", "POST")).status).toBe(405);
  });
});
