// The autoscaler's main loop: take the leader lock, reconcile from the cluster and the cloud
// (a crash mid-operation is repaired from their state, never from memory), then evaluate every
// interval and record what happened, until the signal aborts or the lock is lost (then it waits
// for the lock again). It knows the autoscaler only by two methods, so it doesn't depend on the
// decision code.
import { type HealthServer, startHealthServer } from "./health.js";
import { AutoscalerMetrics, type EvaluationRecord } from "./metrics.js";
import { type Clock, systemClock } from "./ports.js";

export interface Evaluator {
  reconcile(): Promise<unknown>;
  evaluate(): Promise<unknown>;
}

/** What the runner needs of a lock: LeaderLock, or a test's own. */
export interface Lock {
  acquire(signal?: AbortSignal): Promise<void>;
  release(): Promise<void>;
  readonly held: boolean;
  /** Aborts when the hold ends. */
  readonly whileHeld: AbortSignal;
}

export interface RunAutoscalerOptions {
  readonly autoscaler: Evaluator;
  /** Without one, this instance always leads (a single instance, or a dry run). */
  readonly lock?: Lock;
  readonly metrics?: AutoscalerMetrics;
  /** Starts /healthz and /metrics for the run; a leader is stale after `maxAgeMs` (default 3 intervals). */
  readonly health?: { readonly host?: string; readonly port?: number; readonly maxAgeMs?: number };
  readonly intervalMs: number;
  /**
   * Evaluate early when this resolves (ClusterWatch.wait), but never sooner than
   * `minIntervalMs` (default a tenth of the interval) after the last evaluation.
   */
  readonly wake?: (maxMs: number, signal: AbortSignal) => Promise<unknown>;
  readonly minIntervalMs?: number;
  readonly clock?: Clock;
  /** Reconcile and evaluate once, then release and return. */
  readonly once?: boolean;
  /** Stops the run: the evaluation under way finishes (cloud calls aren't cut in half), the lock is released. */
  readonly signal?: AbortSignal;
  /** Turns an evaluation into metrics; by default its `apiCalls`, `pools`, `actions` and `cloudErrors`, when present. */
  readonly toRecord?: (evaluation: unknown, durationMs: number) => EvaluationRecord;
  readonly log?: (line: string) => void;
  /** Called with the health server's URL once it listens. */
  readonly onListening?: (url: string) => void;
}

export interface RunSummary {
  readonly evaluations: number;
  readonly failures: number;
}

export async function runAutoscaler(o: RunAutoscalerOptions): Promise<RunSummary> {
  const clock = o.clock ?? systemClock;
  const metrics = o.metrics ?? new AutoscalerMetrics({ clock });
  const log = o.log ?? (() => {});
  const stop = o.signal ?? new AbortController().signal;
  const toRecord = o.toRecord ?? defaultRecord;
  let evaluations = 0;
  let failures = 0;

  const minIntervalMs = Math.min(o.minIntervalMs ?? o.intervalMs / 10, o.intervalMs);
  const pause = async (turn: AbortSignal) => {
    if (!o.wake) return clock.sleep(o.intervalMs, turn);
    const started = clock.now();
    await clock.sleep(minIntervalMs, turn);
    if (turn.aborted) return;
    try {
      await o.wake(o.intervalMs - minIntervalMs, turn);
    } catch (err) {
      // Can't watch (Nomad unreachable): fall back to the interval.
      log(`watching the cluster failed: ${message(err)}`);
      await clock.sleep(Math.max(0, o.intervalMs - (clock.now() - started)), turn);
    }
  };

  let server: HealthServer | undefined;
  if (o.health) {
    server = await startHealthServer({
      metrics,
      clock,
      maxAgeMs: o.health.maxAgeMs ?? o.intervalMs * 3,
      ...(o.health.host !== undefined ? { host: o.health.host } : {}),
      ...(o.health.port !== undefined ? { port: o.health.port } : {}),
    });
    o.onListening?.(server.url);
  }

  try {
    while (!stop.aborted) {
      if (o.lock) {
        try {
          await o.lock.acquire(stop);
        } catch (err) {
          if (stop.aborted) break;
          if (o.once) {
            failures++;
            log(`could not take the leader lock: ${message(err)}`);
            break;
          }
          log(`could not take the leader lock: ${message(err)}; trying again`);
          await clock.sleep(o.intervalMs, stop);
          continue;
        }
        log("leading: took the lock");
      }
      metrics.setLeader(true);
      // Stop the turn when the run stops or the hold ends, whichever is first.
      const turn = o.lock ? AbortSignal.any([stop, o.lock.whileHeld]) : stop;

      let reconciled = false;
      while (!turn.aborted) {
        const started = clock.now();
        try {
          if (!reconciled) {
            await o.autoscaler.reconcile();
            reconciled = true;
          }
          const evaluation = await o.autoscaler.evaluate();
          metrics.recordEvaluation(toRecord(evaluation, clock.now() - started));
          evaluations++;
        } catch (err) {
          failures++;
          metrics.recordFailure(clock.now() - started, err);
          log(`${reconciled ? "evaluation" : "reconcile"} failed: ${message(err)}`);
        }
        if (o.once) break;
        await pause(turn);
      }

      metrics.setLeader(false);
      if (o.lock?.held)
        await o.lock.release().catch((err: unknown) => log(`release failed: ${message(err)}`));
      else if (o.lock && !stop.aborted) log("lost the leader lock; waiting for it again");
      if (o.once) break;
    }
  } finally {
    metrics.setLeader(false);
    if (o.lock?.held) await o.lock.release().catch(() => {});
    await server?.close();
  }
  return { evaluations, failures };
}

/** Aborts on SIGINT or SIGTERM (what Nomad sends a task it stops), for `signal`. */
export function shutdownSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (sig: NodeJS.Signals) => controller.abort(new Error(`received ${sig}`));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return controller.signal;
}

function defaultRecord(evaluation: unknown, durationMs: number): EvaluationRecord {
  const e = isObject(evaluation) ? evaluation : {};
  const snapshot = isObject(e.snapshot) ? e.snapshot : {};
  const apiCalls = typeof e.apiCalls === "number" ? e.apiCalls : snapshot.apiCalls;
  // Keep only entries of the expected shape: a gauge set to a non-number would throw.
  const pools = listOf(e.pools, (p) => isString(p.pool) && isNumber(p.desired) && isNumber(p.ready));
  const actions = listOf(e.actions, (a) => isString(a.pool));
  const cloudErrors = listOf(e.cloudErrors, (c) => isString(c.pool) && isString(c.kind));
  return {
    durationMs,
    ...(isNumber(apiCalls) ? { apiCalls } : {}),
    ...(pools ? { pools: pools as unknown as EvaluationRecord["pools"] } : {}),
    ...(actions ? { actions: actions as unknown as EvaluationRecord["actions"] } : {}),
    ...(cloudErrors ? { cloudErrors: cloudErrors as unknown as EvaluationRecord["cloudErrors"] } : {}),
  };
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null;
const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
function listOf(v: unknown, ok: (item: Loose) => boolean): Loose[] | undefined {
  return Array.isArray(v) ? v.filter((item): item is Loose => isObject(item) && ok(item)) : undefined;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
