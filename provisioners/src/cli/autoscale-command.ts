// `nomadkit autoscale <cluster.ts>`: the cluster autoscaler as a long-running process. One
// structured log line per decision (JSON unless stdout is a terminal), Prometheus metrics and
// /healthz on --listen, and a Nomad Variable lock so two of them can run for HA.
import { hostname } from "node:os";
import { Command, InvalidArgumentError } from "commander";
import { NomadClient } from "nomadkit/api";
import { DEFAULT_LOCK_PATH } from "../autoscaler/autoscaler-job.js";
import { ClusterWatch } from "../autoscaler/cluster-watch.js";
import type { DecisionEvent, Evaluation } from "../autoscaler/index.js";
import { PolicyError } from "../autoscaler/index.js";
import { LeaderLock } from "../autoscaler/lock.js";
import { AutoscalerMetrics, type EvaluationRecord } from "../autoscaler/metrics.js";
import { runAutoscaler, shutdownSignal } from "../autoscaler/runner.js";
import { clusterAutoscaler } from "./cluster-autoscaler.js";
import { loadCluster, UserError } from "./load-cluster.js";

export interface AutoscaleIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
}

const stdio: AutoscaleIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stdout.isTTY),
};

interface AutoscaleOptions {
  dryRun?: boolean;
  once?: boolean;
  policy: string[];
  listen?: { host: string; port: number };
  lock: string | false;
  id?: string;
  logFormat?: "json" | "text";
}

function listenAddress(value: string): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new InvalidArgumentError("give host:port, e.g. 127.0.0.1:9464");
  return { host: m[1] || "127.0.0.1", port };
}

export function autoscaleCommand(
  io: AutoscaleIo = stdio,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
  signal: () => AbortSignal = shutdownSignal,
): Command {
  return new Command("autoscale")
    .description("scale the cluster's client pools to the work Nomad has placed and queued")
    .argument("<cluster.ts>", "the cluster file; pools with `autoscaling` (or a --policy) are scaled")
    .option("--dry-run", "decide and log, change nothing")
    .option("--once", "reconcile and evaluate once, then exit")
    .option(
      "--policy <file>",
      "a nomad-autoscaler cluster policy file (repeatable)",
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option("--listen <host:port>", "serve /healthz and /metrics here", listenAddress)
    .option("--lock <path>", "Nomad Variable that elects one leader among autoscalers", DEFAULT_LOCK_PATH)
    .option("--no-lock", "don't take the lock (a single autoscaler)")
    .option("--id <id>", "this autoscaler's name in drain meta (default: nomadkit-autoscaler-<cluster>)")
    .option("--log-format <format>", "json or text (default: text on a terminal, else json)", (v) => {
      if (v !== "json" && v !== "text") throw new InvalidArgumentError("json or text");
      return v;
    })
    .action(async (entry: string, opts: AutoscaleOptions) => {
      try {
        const json = (opts.logFormat ?? (io.isTty ? "text" : "json")) === "json";
        const line = (fields: Record<string, unknown>, text: string) =>
          io.out(json ? `${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n` : `${text}\n`);
        const logDecision = (e: DecisionEvent) => line({ level: levelOf(e), ...e }, e.message);
        const logNote = (msg: string) => line({ level: "info", msg }, msg);
        const logWarning = (msg: string) => line({ level: "warn", msg }, `warning: ${msg}`);

        const cluster = await loadCluster(entry);
        const nomad = new NomadClient();
        const built = await clusterAutoscaler(cluster, {
          nomad,
          policyFiles: opts.policy,
          id: opts.id ?? `nomadkit-autoscaler-${cluster.name}`,
          dryRun: Boolean(opts.dryRun),
          log: logDecision,
        });
        for (const pool of built.unmanaged) logNote(`pool "${pool}" has no scaling policy: left alone`);
        for (const w of built.warnings) logWarning(w);
        const lock =
          opts.lock === false || opts.dryRun
            ? undefined
            : new LeaderLock({ client: nomad, path: opts.lock, holder: hostname(), onLost: logNote });
        const watch = new ClusterWatch(nomad);
        const summary = await runAutoscaler({
          autoscaler: built.autoscaler,
          ...(lock ? { lock } : {}),
          metrics: new AutoscalerMetrics(),
          ...(opts.listen ? { health: opts.listen } : {}),
          intervalMs: built.intervalMs,
          wake: (maxMs, s) => watch.wait(maxMs, s),
          once: Boolean(opts.once),
          signal: signal(),
          toRecord: (e, ms) => evaluationRecord(e as Evaluation, ms),
          log: logNote,
          onListening: (url) => logNote(`serving /healthz and /metrics on ${url}`),
        });
        nomad.close();
        setExit(summary.failures > 0 && opts.once ? 1 : 0);
      } catch (error) {
        if (error instanceof UserError || error instanceof PolicyError) {
          io.err(`error: ${error.message}\n`);
          return setExit(255);
        }
        throw error;
      }
    });
}

/** Failures are errors; what holds a pool back or can't be placed, warnings. */
function levelOf(e: DecisionEvent): "error" | "warn" | "info" {
  if (e.action === "error" || e.failure) return "error";
  if (e.action === "backoff" || e.action === "unplaceable" || e.action === "provisioning-timeout")
    return "warn";
  return "info";
}

/** An evaluation as metrics: the last numbers each pool reported, its scale actions and cloud errors. */
export function evaluationRecord(e: Evaluation, durationMs: number): EvaluationRecord {
  const pools = new Map<string, { pool: string; desired: number; ready: number; pending: number }>();
  for (const d of e.decisions) {
    if (!d.pool) continue;
    const p = pools.get(d.pool) ?? { pool: d.pool, desired: 0, ready: 0, pending: 0 };
    if (d.numbers?.ready !== undefined) p.ready = d.numbers.ready;
    if (d.to !== undefined) p.desired = d.to;
    else if (d.from !== undefined) p.desired = d.from;
    if (d.action === "unplaceable") p.pending += d.numbers?.allocations ?? 0;
    pools.set(d.pool, p);
  }
  return {
    durationMs,
    apiCalls: e.nomadCalls,
    pools: [...pools.values()],
    actions: e.decisions
      .filter((d) => d.action === "scale-up" || d.action === "scale-down")
      .map((d) => ({
        pool: d.pool,
        direction: d.action === "scale-up" ? "up" : "down",
        from: d.from,
        to: d.to,
      })),
    cloudErrors: e.decisions.flatMap((d) => (d.failure ? [{ pool: d.pool, kind: d.failure }] : [])),
  };
}
