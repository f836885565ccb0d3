// What the autoscaler did, as Prometheus metrics (prom-client), and the little state /healthz
// needs (when the last evaluation finished, whether this instance leads). The input types are
// structural and minimal: any evaluation result that carries these fields can be recorded.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { type Clock, systemClock } from "./ports.js";

export interface PoolRecord {
  readonly pool: string;
  /** Nodes the pool should have after this evaluation. */
  readonly desired: number;
  /** Nodes of the pool that are ready in Nomad. */
  readonly ready: number;
  /** Allocations Nomad could not place that this pool could take. */
  readonly pending?: number;
}

export interface ActionRecord {
  readonly pool: string;
  /** Default: "up" when `to` > `from`, else "down". */
  readonly direction?: string;
  readonly from?: number;
  readonly to?: number;
}

export interface CloudErrorRecord {
  readonly pool: string;
  /** NodeGroupErrorKind: quota, capacity, throttled, permission, not-found, other. */
  readonly kind: string;
}

export interface EvaluationRecord {
  readonly durationMs: number;
  /** Nomad API calls the evaluation's snapshot took. */
  readonly apiCalls?: number;
  readonly pools?: readonly PoolRecord[];
  readonly actions?: readonly ActionRecord[];
  readonly cloudErrors?: readonly CloudErrorRecord[];
}

export interface AutoscalerStatus {
  readonly leader: boolean;
  /** Epoch ms this instance became leader (undefined while it isn't). */
  readonly leaderSince?: number;
  /** Epoch ms the last successful evaluation finished. */
  readonly lastEvaluationAt?: number;
  /** The last evaluation's error, when it failed. */
  readonly lastError?: string;
}

const P = "nomadkit_autoscaler_";

export class AutoscalerMetrics {
  readonly registry = new Registry();
  readonly #clock: Clock;
  #status: AutoscalerStatus = { leader: false };

  readonly #evaluations = new Counter({
    name: `${P}evaluations_total`,
    help: "Evaluations run, by result (ok, error).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  readonly #duration = new Histogram({
    name: `${P}evaluation_duration_seconds`,
    help: "How long one evaluation took: snapshot, decision and actions.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly #apiCalls = new Gauge({
    name: `${P}nomad_api_calls`,
    help: "Nomad API calls the last evaluation's snapshot took.",
    registers: [this.registry],
  });
  readonly #desired = new Gauge({
    name: `${P}pool_desired_nodes`,
    help: "Nodes each pool should have after the last evaluation.",
    labelNames: ["pool"] as const,
    registers: [this.registry],
  });
  readonly #ready = new Gauge({
    name: `${P}pool_ready_nodes`,
    help: "Nodes of each pool that are ready in Nomad.",
    labelNames: ["pool"] as const,
    registers: [this.registry],
  });
  readonly #pending = new Gauge({
    name: `${P}pending_allocations`,
    help: "Allocations Nomad could not place, by the pool that could take them.",
    labelNames: ["pool"] as const,
    registers: [this.registry],
  });
  readonly #actions = new Counter({
    name: `${P}scaling_actions_total`,
    help: "Scaling actions taken, by pool and direction.",
    labelNames: ["pool", "direction"] as const,
    registers: [this.registry],
  });
  readonly #cloudErrors = new Counter({
    name: `${P}cloud_errors_total`,
    help: "Cloud calls that failed, by pool and kind (quota, capacity, throttled, …).",
    labelNames: ["pool", "kind"] as const,
    registers: [this.registry],
  });
  readonly #leader = new Gauge({
    name: `${P}is_leader`,
    help: "1 while this instance holds the leader lock.",
    registers: [this.registry],
  });
  readonly #lastEvaluation = new Gauge({
    name: `${P}last_evaluation_timestamp_seconds`,
    help: "When the last successful evaluation finished (alert when it falls behind).",
    registers: [this.registry],
  });

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#leader.set(0);
  }

  recordEvaluation(r: EvaluationRecord): void {
    const now = this.#clock.now();
    this.#evaluations.inc({ result: "ok" });
    this.#duration.observe(r.durationMs / 1000);
    if (r.apiCalls !== undefined) this.#apiCalls.set(r.apiCalls);
    if (r.pools) {
      // A pool that is gone from the evaluation must not keep its last value.
      this.#desired.reset();
      this.#ready.reset();
      this.#pending.reset();
      for (const p of r.pools) {
        this.#desired.set({ pool: p.pool }, p.desired);
        this.#ready.set({ pool: p.pool }, p.ready);
        this.#pending.set({ pool: p.pool }, p.pending ?? 0);
      }
    }
    for (const a of r.actions ?? []) {
      const direction = a.direction ?? ((a.to ?? 0) > (a.from ?? 0) ? "up" : "down");
      this.#actions.inc({ pool: a.pool, direction });
    }
    for (const e of r.cloudErrors ?? []) this.#cloudErrors.inc({ pool: e.pool, kind: e.kind });
    this.#lastEvaluation.set(now / 1000);
    const { lastError: _, ...rest } = this.#status;
    this.#status = { ...rest, lastEvaluationAt: now };
  }

  /** An evaluation that threw. The message must already be free of secrets (NomadApiError's is). */
  recordFailure(durationMs: number, error: unknown): void {
    this.#evaluations.inc({ result: "error" });
    this.#duration.observe(durationMs / 1000);
    this.#status = { ...this.#status, lastError: error instanceof Error ? error.message : String(error) };
  }

  setLeader(leader: boolean): void {
    if (leader === this.#status.leader) return;
    this.#leader.set(leader ? 1 : 0);
    const { leaderSince: _, ...rest } = this.#status;
    this.#status = leader ? { ...rest, leader, leaderSince: this.#clock.now() } : { ...rest, leader };
  }

  status(): AutoscalerStatus {
    return this.#status;
  }

  /** Prometheus text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
