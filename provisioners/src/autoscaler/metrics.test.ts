// The metrics an evaluation leaves behind, read back in Prometheus' text format.
import { describe, expect, it } from "vitest";
import { AutoscalerMetrics } from "./metrics.js";
import type { Clock } from "./ports.js";

const clockAt = (ms: number): Clock & { ms: number } => {
  const c = { ms, now: () => c.ms, sleep: async () => {} };
  return c;
};

/** The sample lines of one metric, e.g. `name{pool="web"} 3`. */
function samples(text: string, name: string): string[] {
  return text.split("\n").filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

describe("AutoscalerMetrics", () => {
  it("records an evaluation: counts, duration, API calls, pools, actions and cloud errors", async () => {
    const m = new AutoscalerMetrics({ clock: clockAt(1_700_000_000_000) });
    m.recordEvaluation({
      durationMs: 300,
      apiCalls: 4,
      pools: [
        { pool: "web", desired: 5, ready: 3, pending: 7 },
        { pool: "gpu", desired: 0, ready: 0 },
      ],
      actions: [
        { pool: "web", from: 3, to: 5 },
        { pool: "batch", from: 4, to: 3 },
        { pool: "batch", direction: "down" },
      ],
      cloudErrors: [{ pool: "web", kind: "quota" }],
    });
    const text = await m.text();
    expect(samples(text, "nomadkit_autoscaler_evaluations_total")).toEqual([
      'nomadkit_autoscaler_evaluations_total{result="ok"} 1',
    ]);
    expect(samples(text, "nomadkit_autoscaler_evaluation_duration_seconds_count")).toEqual([
      "nomadkit_autoscaler_evaluation_duration_seconds_count 1",
    ]);
    expect(text).toContain('nomadkit_autoscaler_evaluation_duration_seconds_bucket{le="0.25"} 0');
    expect(text).toContain('nomadkit_autoscaler_evaluation_duration_seconds_bucket{le="0.5"} 1');
    expect(samples(text, "nomadkit_autoscaler_nomad_api_calls")).toEqual([
      "nomadkit_autoscaler_nomad_api_calls 4",
    ]);
    expect(samples(text, "nomadkit_autoscaler_pool_desired_nodes")).toEqual([
      'nomadkit_autoscaler_pool_desired_nodes{pool="web"} 5',
      'nomadkit_autoscaler_pool_desired_nodes{pool="gpu"} 0',
    ]);
    expect(samples(text, "nomadkit_autoscaler_pool_ready_nodes")).toContain(
      'nomadkit_autoscaler_pool_ready_nodes{pool="web"} 3',
    );
    expect(samples(text, "nomadkit_autoscaler_pending_allocations")).toEqual([
      'nomadkit_autoscaler_pending_allocations{pool="web"} 7',
      'nomadkit_autoscaler_pending_allocations{pool="gpu"} 0',
    ]);
    expect(samples(text, "nomadkit_autoscaler_scaling_actions_total")).toEqual([
      'nomadkit_autoscaler_scaling_actions_total{pool="web",direction="up"} 1',
      'nomadkit_autoscaler_scaling_actions_total{pool="batch",direction="down"} 2',
    ]);
    expect(samples(text, "nomadkit_autoscaler_cloud_errors_total")).toEqual([
      'nomadkit_autoscaler_cloud_errors_total{pool="web",kind="quota"} 1',
    ]);
    expect(samples(text, "nomadkit_autoscaler_last_evaluation_timestamp_seconds")).toEqual([
      "nomadkit_autoscaler_last_evaluation_timestamp_seconds 1700000000",
    ]);
    expect(m.status().lastEvaluationAt).toBe(1_700_000_000_000);
  });

  it("drops a pool's gauges when a later evaluation no longer has it", async () => {
    const m = new AutoscalerMetrics();
    m.recordEvaluation({ durationMs: 1, pools: [{ pool: "old", desired: 2, ready: 2 }] });
    m.recordEvaluation({ durationMs: 1, pools: [{ pool: "new", desired: 1, ready: 0 }] });
    const text = await m.text();
    expect(samples(text, "nomadkit_autoscaler_pool_desired_nodes")).toEqual([
      'nomadkit_autoscaler_pool_desired_nodes{pool="new"} 1',
    ]);
  });

  it("counts failures apart and keeps the error for /healthz until an evaluation succeeds", async () => {
    const m = new AutoscalerMetrics();
    m.recordFailure(50, new Error("Nomad GET /v1/nodes failed with 500"));
    expect(m.status().lastError).toBe("Nomad GET /v1/nodes failed with 500");
    expect(samples(await m.text(), "nomadkit_autoscaler_evaluations_total")).toEqual([
      'nomadkit_autoscaler_evaluations_total{result="error"} 1',
    ]);
    m.recordEvaluation({ durationMs: 1 });
    expect(m.status().lastError).toBeUndefined();
  });

  it("tracks leadership and since when", async () => {
    const clock = clockAt(1_000);
    const m = new AutoscalerMetrics({ clock });
    expect(samples(await m.text(), "nomadkit_autoscaler_is_leader")).toEqual([
      "nomadkit_autoscaler_is_leader 0",
    ]);
    m.setLeader(true);
    clock.ms = 5_000;
    m.setLeader(true); // no change: leaderSince stays
    expect(m.status()).toEqual({ leader: true, leaderSince: 1_000 });
    expect(samples(await m.text(), "nomadkit_autoscaler_is_leader")).toEqual([
      "nomadkit_autoscaler_is_leader 1",
    ]);
    m.setLeader(false);
    expect(m.status()).toEqual({ leader: false });
  });

  it("keeps two instances' registries apart", async () => {
    const a = new AutoscalerMetrics();
    const b = new AutoscalerMetrics();
    a.recordEvaluation({ durationMs: 1 });
    expect(samples(await b.text(), "nomadkit_autoscaler_evaluations_total")).toEqual([]);
  });
});
