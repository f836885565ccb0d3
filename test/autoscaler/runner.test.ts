// The main loop: lock → reconcile → evaluate every interval → metrics, on a fake clock and a
// fake lock; then two runners with the real LeaderLock on a real `nomad agent -dev`.
import type { NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { LeaderLock } from "../../provisioners/src/autoscaler/lock.js";
import { AutoscalerMetrics } from "../../provisioners/src/autoscaler/metrics.js";
import type { Clock } from "../../provisioners/src/autoscaler/ports.js";
import { type Evaluator, type Lock, runAutoscaler } from "../../provisioners/src/autoscaler/runner.js";
import { agentForFile } from "../harness/agent-for-file.js";

function fakeClock(): Clock & { ms: number } {
  const c = {
    ms: 0,
    now: () => c.ms,
    // Time moves by the sleep; the promise still yields so other work (aborts) can run.
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        c.ms += ms;
        setImmediate(resolve);
      }),
  };
  return c;
}

class FakeLock implements Lock {
  held = false;
  #hold = new AbortController();
  constructor(private readonly events: string[]) {}
  async acquire(signal?: AbortSignal) {
    signal?.throwIfAborted();
    this.events.push("acquire");
    this.held = true;
    this.#hold = new AbortController();
  }
  async release() {
    this.events.push("release");
    this.held = false;
    this.#hold.abort();
  }
  lose() {
    this.events.push("lost");
    this.held = false;
    this.#hold.abort();
  }
  get whileHeld() {
    return this.#hold.signal;
  }
}

/** An evaluator that logs its calls and runs `script[n]` on its n-th evaluation. */
function evaluator(events: string[], script: Record<number, () => unknown> = {}, reconcile?: () => void) {
  let n = 0;
  const e: Evaluator = {
    reconcile: async () => {
      events.push("reconcile");
      reconcile?.();
    },
    evaluate: async () => {
      n++;
      events.push(`evaluate ${n}`);
      return script[n]?.() ?? { apiCalls: 3, pools: [{ pool: "web", desired: n, ready: n }], actions: [] };
    },
  };
  return e;
}

const okCount = async (m: AutoscalerMetrics) =>
  (await m.text())
    .split("\n")
    .find((l) => l.startsWith('nomadkit_autoscaler_evaluations_total{result="ok"}'));

describe("runAutoscaler", () => {
  it("once: takes the lock, reconciles, evaluates, records and releases", async () => {
    const events: string[] = [];
    const metrics = new AutoscalerMetrics();
    const summary = await runAutoscaler({
      autoscaler: evaluator(events),
      lock: new FakeLock(events),
      metrics,
      intervalMs: 10_000,
      clock: fakeClock(),
      once: true,
    });
    expect(summary).toEqual({ evaluations: 1, failures: 0 });
    expect(events).toEqual(["acquire", "reconcile", "evaluate 1", "release"]);
    expect(await okCount(metrics)).toBe('nomadkit_autoscaler_evaluations_total{result="ok"} 1');
    expect(await metrics.text()).toContain('nomadkit_autoscaler_pool_desired_nodes{pool="web"} 1');
    expect(metrics.status().leader).toBe(false);
  });

  it("once: gives up when the lock can't be taken, instead of trying forever", async () => {
    const events: string[] = [];
    const lines: string[] = [];
    const lock = new FakeLock(events);
    lock.acquire = async () => {
      throw new Error("Nomad is unreachable");
    };
    const summary = await runAutoscaler({
      autoscaler: evaluator(events),
      lock,
      intervalMs: 10_000,
      clock: fakeClock(),
      once: true,
      log: (l) => lines.push(l),
    });
    expect(summary).toEqual({ evaluations: 0, failures: 1 });
    expect(events).toEqual([]);
    expect(lines).toEqual(["could not take the leader lock: Nomad is unreachable"]);
  });

  it("evaluates every interval until stopped, reconciling only once", async () => {
    const events: string[] = [];
    const stop = new AbortController();
    const clock = fakeClock();
    const summary = await runAutoscaler({
      autoscaler: evaluator(events, { 3: () => stop.abort() }),
      lock: new FakeLock(events),
      intervalMs: 30_000,
      clock,
      signal: stop.signal,
    });
    expect(summary).toEqual({ evaluations: 3, failures: 0 });
    expect(events).toEqual(["acquire", "reconcile", "evaluate 1", "evaluate 2", "evaluate 3", "release"]);
    expect(clock.ms).toBe(60_000);
  });

  it("counts a failed evaluation and goes on; evaluates nothing before a reconcile succeeds", async () => {
    const events: string[] = [];
    const stop = new AbortController();
    const metrics = new AutoscalerMetrics();
    let reconciles = 0;
    const summary = await runAutoscaler({
      autoscaler: evaluator(
        events,
        {
          1: () => {
            throw new Error("Nomad GET /v1/nodes failed with 500");
          },
          2: () => stop.abort(),
        },
        () => {
          if (++reconciles === 1) throw new Error("cloud throttled");
        },
      ),
      metrics,
      intervalMs: 1_000,
      clock: fakeClock(),
      signal: stop.signal,
    });
    expect(events).toEqual(["reconcile", "reconcile", "evaluate 1", "evaluate 2"]);
    expect(summary).toEqual({ evaluations: 1, failures: 2 });
    expect(await metrics.text()).toContain('nomadkit_autoscaler_evaluations_total{result="error"} 2');
    expect(metrics.status().lastError).toBeUndefined(); // the last evaluation succeeded
  });

  it("after losing the lock, waits for it again and reconciles before evaluating", async () => {
    const events: string[] = [];
    const stop = new AbortController();
    const lock = new FakeLock(events);
    await runAutoscaler({
      autoscaler: evaluator(events, { 2: () => lock.lose(), 3: () => stop.abort() }),
      lock,
      intervalMs: 1_000,
      clock: fakeClock(),
      signal: stop.signal,
    });
    expect(events).toEqual([
      "acquire",
      "reconcile",
      "evaluate 1",
      "evaluate 2",
      "lost",
      "acquire",
      "reconcile",
      "evaluate 3",
      "release",
    ]);
  });

  it("with a watch, evaluates when it wakes but never sooner than the minimum interval", async () => {
    const events: string[] = [];
    const stop = new AbortController();
    const clock = fakeClock();
    const times: number[] = [];
    let wakes = 0;
    await runAutoscaler({
      autoscaler: evaluator(events, {
        1: () => times.push(clock.ms),
        2: () => times.push(clock.ms),
        3: () => {
          times.push(clock.ms);
          stop.abort();
        },
      }),
      intervalMs: 60_000,
      minIntervalMs: 5_000,
      clock,
      signal: stop.signal,
      wake: async (maxMs) => {
        expect(maxMs).toBe(55_000);
        if (++wakes === 2) throw new Error("Nomad unreachable");
        // the cluster changed at once
      },
    });
    // The first wake came at once (evaluate after 5 s); the failed one falls back to the interval.
    expect(times).toEqual([0, 5_000, 65_000]);
  });

  it("serves /healthz and /metrics while it runs, and closes them after", async () => {
    const stop = new AbortController();
    let url = "";
    const seen: unknown[] = [];
    await runAutoscaler({
      autoscaler: {
        reconcile: async () => {},
        evaluate: async () => {
          seen.push(await (await fetch(`${url}/healthz`)).json());
          if (seen.length === 2) stop.abort();
          return { apiCalls: 4 };
        },
      },
      intervalMs: 50,
      signal: stop.signal,
      health: { port: 0 },
      onListening: (u) => {
        url = u;
      },
    });
    expect(seen[0]).toMatchObject({ healthy: true, status: "starting", leader: true });
    expect(seen[1]).toMatchObject({ healthy: true, status: "ok", leader: true });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

// Top-level, so whether to skip is known before collecting.
const { agent, nomad, skipNote } = await agentForFile();

describe.skipIf(!agent)(`two runners sharing the real lock${skipNote}`, () => {
  it("only the leader evaluates; stopping it hands over to the other", async () => {
    const client = nomad as NomadClient;
    const path = "nomadkit/autoscaler/runner-test";
    const evaluatedBy: string[] = [];
    const run = (name: string, stop: AbortSignal) =>
      runAutoscaler({
        autoscaler: {
          reconcile: async () => {},
          evaluate: async () => {
            evaluatedBy.push(name);
            return {};
          },
        },
        lock: new LeaderLock({ client, path, ttlMs: 10_000, holder: name }),
        intervalMs: 100,
        signal: stop,
      });
    const stopA = new AbortController();
    const stopB = new AbortController();
    const a = run("a", stopA.signal);
    await new Promise((r) => setTimeout(r, 500)); // a is first to the lock
    const b = run("b", stopB.signal);
    await new Promise((r) => setTimeout(r, 700));
    expect(evaluatedBy.length).toBeGreaterThan(2);
    expect(new Set(evaluatedBy)).toEqual(new Set(["a"]));

    stopA.abort();
    const aSummary = await a;
    const byA = () => evaluatedBy.filter((x) => x === "a").length;
    const aCount = byA();
    expect(aSummary.evaluations).toBe(aCount);
    const deadline = Date.now() + 5_000;
    while (!evaluatedBy.includes("b") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(byA()).toBe(aCount); // a stopped for good
    expect(evaluatedBy).toContain("b");
    stopB.abort();
    await b;
    expect((await client.variables.read(path)).data?.Items).toEqual({ holder: "b" });
  });
});
