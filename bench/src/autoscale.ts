// The autoscaler through the wire: a Nomad-shaped HTTP server (autoscale/nomad-wire.ts, in a
// process of its own) holds 5,000 nodes, 1,000,000 live allocations (about 1.1 KB of JSON each,
// every one with its own ask) and blocked evaluations for queued work across three pools, GPU
// included. The autoscaler reads it with its real port (nomadPort → nomadSnapshot →
// nomadkit/api's HTTP client) and decides; the cloud side is in memory (no Nomad calls there).
//
// Printed, from this process: the first evaluation (cold: nothing cached, JIT cold), then a
// steady-state one after 1% of allocations changed; Nomad API calls as the server counted them;
// this process's peak heap (sampled every 20 ms) and peak RSS (the kernel's maxRSS).
// Goals (the autoscaler issue): cold under 10 s and 1 GiB peak RSS; steady under 50 ms.
import { type ChildProcess, fork } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  Autoscaler,
  type NodeGroupState,
  type NodeGroups,
  nomadPort,
  type PoolSpec,
} from "@nomadkit/provisioners";
import { NomadClient } from "nomadkit/api";
import { LIVE_ALLOCS, NODES, nodeId, POOLS } from "./autoscale/cluster.js";
import type { WireStats } from "./autoscale/nomad-wire.js";

const SERVER = fileURLToPath(new URL("./autoscale/nomad-wire-process.ts", import.meta.url));

/** The cloud side, in memory: the groups as the cloud would list them, and the calls made. */
class InMemoryGroups implements NodeGroups {
  readonly cloud = "aws" as const;
  calls = 0;
  constructor(private readonly groups: NodeGroupState[]) {}
  async list() {
    this.calls++;
    return this.groups;
  }
  async setDesired() {
    this.calls++;
  }
  async terminate() {
    this.calls++;
  }
}

function cloudGroups(): NodeGroupState[] {
  let n = 0;
  return POOLS.map((pool) => {
    const instances = [];
    for (let i = 0; i < pool.nodes; i++, n++) {
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      instances.push({
        id: `i-${nodeId(n).slice(0, 17)}`,
        phase: "running" as const,
        privateIp: ip,
        launchedAt: 0,
      });
    }
    return {
      pool: pool.name,
      groupName: `asg-${pool.name}`,
      min: 0,
      max: pool.nodes * 2,
      desired: pool.nodes,
      instances,
      shapes: [pool.shape],
    };
  });
}

/** The server process, and a way to ask it things over IPC. */
class WireProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly address: string,
    readonly renderMs: number,
  ) {}

  static async start(): Promise<WireProcess> {
    const child = fork(SERVER, [], {
      execArgv: ["--conditions=source", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise<{ address: string; renderMs: number }>((resolve, reject) => {
      child.once("message", (m) => resolve(m as { address: string; renderMs: number }));
      child.once("exit", (code) => reject(new Error(`the bench's Nomad server exited (${code})`)));
    });
    return new WireProcess(child, ready.address, ready.renderMs);
  }

  ask<T>(message: object, key: string): Promise<T> {
    return new Promise((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        this.child.off("message", on);
        resolve(m[key] as T);
      };
      this.child.on("message", on);
      this.child.send(message);
    });
  }

  stats(): Promise<WireStats> {
    return this.ask<WireStats>({ stats: true }, "stats");
  }

  stop(): void {
    this.child.disconnect();
  }
}

/** This process's peak heap, sampled; the event loop turns between network chunks, so samples land mid-read. */
class HeapPeak {
  peak = 0;
  /** The peaks of heap and RSS since the last phase() call. */
  phasePeak = 0;
  phaseRss = 0;
  private readonly timer = setInterval(() => this.sample(), 20);
  sample(): void {
    const { heapUsed, rss } = process.memoryUsage();
    this.peak = Math.max(this.peak, heapUsed);
    this.phasePeak = Math.max(this.phasePeak, heapUsed);
    this.phaseRss = Math.max(this.phaseRss, rss);
  }
  /** The peaks of the phase that just ended, in bytes; starts the next phase. */
  phase(): { heap: number; rss: number } {
    this.sample();
    const peak = { heap: this.phasePeak, rss: this.phaseRss };
    this.phasePeak = 0;
    this.phaseRss = 0;
    return peak;
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Node's gc, reached without --expose-gc on the command line; only used after the peaks are read. */
function collector(): (() => void) | undefined {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as (() => void) | undefined;
}

/** Wall time and this process's CPU time (user + system) of `run`: on a shared machine the CPU time says more. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}
const calls = (after: WireStats, before: WireStats) => after.requests - before.requests;

function routes(after: WireStats, before: WireStats): string {
  return Object.entries(after.routes)
    .map(([route, n]) => [route, n - (before.routes[route] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([route, n]) => `${n} × ${route}`)
    .join(", ");
}

export async function benchAutoscale(): Promise<void> {
  const heap = new HeapPeak();
  const started = performance.now();
  const wire = await WireProcess.start();
  console.log(
    `bench Nomad (own process) at ${wire.address}: ${NODES} nodes, ${LIVE_ALLOCS} live allocations rendered in ${(performance.now() - started).toFixed(0)} ms`,
  );
  console.log(
    `this process before the first evaluation (code loaded): heap ${mib(process.memoryUsage().heapUsed)} MiB, RSS ${mib(process.memoryUsage().rss)} MiB; load average ${loadavg()[0]?.toFixed(1)} on this machine`,
  );
  const client = new NomadClient({ address: wire.address, env: {} });
  const cloud = new InMemoryGroups(cloudGroups());
  const pools: PoolSpec[] = POOLS.map((p) => ({ name: p.name, min: 1, max: p.nodes * 2 }));
  const decisions: string[] = [];
  const autoscaler = new Autoscaler({
    nomad: nomadPort(client),
    groups: cloud,
    pools,
    log: (e) => decisions.push(e.message),
  });
  try {
    const before = await wire.stats();
    heap.phase();
    const { result: cold, cpuMs: coldCpu } = await measured(() => autoscaler.evaluate());
    const coldHeap = heap.phase();
    const afterCold = await wire.stats();
    for (const line of decisions.slice(0, 6))
      console.log(`  ${line.length > 300 ? `${line.slice(0, 297)}...` : line}`);
    console.log(
      `cold: ${cold.ms.toFixed(0)} ms (${coldCpu.toFixed(0)} ms CPU in this process); the server counted ${calls(afterCold, before)} calls on ${afterCold.connections - before.connections} connections (${routes(afterCold, before)}), ${mib(afterCold.bytes - before.bytes)} MiB of JSON, ${afterCold.stale - before.stale} stale reads and ${afterCold.leader - before.leader} leader reads; the autoscaler counted ${cold.nomadCalls}; ${cold.cloudCalls} cloud calls; peak heap ${mib(coldHeap.heap)} MiB, RSS ${mib(coldHeap.rss)} MiB (sampled)`,
    );

    await wire.ask({ change: Math.round(LIVE_ALLOCS / 100) }, "changed");
    const { result: steady, cpuMs: steadyCpu } = await measured(() => autoscaler.evaluate());
    const steadyHeap = heap.phase();
    const afterSteady = await wire.stats();
    const steadyCalls = calls(afterSteady, afterCold);
    console.log(
      `steady, after 1% of allocations changed: ${steady.ms.toFixed(0)} ms (${steadyCpu.toFixed(0)} ms CPU), ${steadyCalls} calls, ${mib(afterSteady.bytes - afterCold.bytes)} MiB of JSON, peak heap ${mib(steadyHeap.heap)} MiB, RSS ${mib(steadyHeap.rss)} MiB (sampled) (every evaluation still reads the whole cluster: the event-stream informer is not built yet)`,
    );
    const peakHeap = heap.stop();
    const gc = collector();
    gc?.();
    console.log(
      `load average at the end: ${loadavg()[0]?.toFixed(1)}; heap still in use after a full GC (code, the autoscaler's state): ${gc ? mib(process.memoryUsage().heapUsed) : "?"} MiB`,
    );
    const peakRss = process.resourceUsage().maxRSS * 1024;
    console.log(
      `autoscale eval: ${steady.ms.toFixed(0)} ms, ${steadyCalls} Nomad API calls, ${mib(peakHeap)} MiB heap, ${NODES} nodes, ${LIVE_ALLOCS} allocations, cold ${cold.ms.toFixed(0)} ms, peak RSS ${mib(peakRss)} MiB`,
    );
  } finally {
    heap.stop();
    client.close();
    wire.stop();
  }
}
