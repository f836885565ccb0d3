// One autoscaler evaluation over a C1M-size cluster: 5,000 nodes, 1,000,000 allocations and
// queued work across several pools, GPU included. The Nomad port is in memory but counts calls
// as the real snapshot makes them (nodes list, allocations list, blocked evaluations, and one
// job read per queued job); nomad-autoscaler's cluster scaling reads each node and its
// allocations, 2 calls per node. Goal: the evaluation under 1 s.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  type AllocState,
  type Ask,
  Autoscaler,
  type NodeGroups,
  type NodeState,
  type NomadPort,
  type PendingWork,
  type PoolSpec,
  type Snapshot,
} from "../../provisioners/src/autoscaler/index.js";
import type { NodeGroupState } from "../../provisioners/src/cloud/node-groups.js";

const NODES = 5_000;
const ALLOCS = 1_000_000;

interface PoolLayout {
  readonly name: string;
  readonly nodes: number;
  readonly capacity: { cpuMhz: number; memoryMb: number };
  readonly nodeClass: string;
  readonly gpus: number;
  readonly shape: string;
}

const POOLS: readonly PoolLayout[] = [
  {
    name: "general",
    nodes: 4_000,
    capacity: { cpuMhz: 48_000, memoryMb: 192 * 1024 },
    nodeClass: "general",
    gpus: 0,
    shape: "m6i.12xlarge",
  },
  {
    name: "highmem",
    nodes: 800,
    capacity: { cpuMhz: 64_000, memoryMb: 128 * 1024 },
    nodeClass: "highmem",
    gpus: 0,
    shape: "r6i.4xlarge",
  },
  {
    name: "gpu",
    nodes: 200,
    capacity: { cpuMhz: 48_000, memoryMb: 192 * 1024 },
    nodeClass: "gpu",
    gpus: 4,
    shape: "g5.12xlarge",
  },
];

// A small palette of asks, shared between allocations: the bench measures the evaluation,
// not how much memory one million separate ask objects take.
const ASKS: readonly Ask[] = [
  { cpuMhz: 100, memoryMb: 256, devices: [] },
  { cpuMhz: 250, memoryMb: 512, devices: [] },
  { cpuMhz: 500, memoryMb: 1024, devices: [] },
  { cpuMhz: 50, memoryMb: 128, devices: [] },
];
const SYSTEM_ASK: Ask = { cpuMhz: 100, memoryMb: 128, devices: [] };

function buildCluster(): { snapshot: Snapshot; groups: NodeGroupState[] } {
  const nodes: NodeState[] = [];
  const groups: NodeGroupState[] = [];
  let n = 0;
  for (const pool of POOLS) {
    const instances = [];
    for (let i = 0; i < pool.nodes; i++, n++) {
      const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      nodes.push({
        id: `node-${n}`,
        name: `${pool.name}-${i}`,
        address,
        pool: pool.name,
        datacenter: n % 2 === 0 ? "dc1" : "dc2",
        nodeClass: pool.nodeClass,
        status: "ready",
        eligible: true,
        draining: false,
        drainMeta: {},
        meta: { "has-gpu": String(pool.gpus > 0) },
        attributes: { "cpu.arch": "amd64", "kernel.name": "linux" },
        capacity: pool.capacity,
        devices: pool.gpus > 0 ? [{ vendor: "nvidia", type: "gpu", name: "A10G", count: pool.gpus }] : [],
      });
      instances.push({ id: `i-${n}`, phase: "running" as const, privateIp: address, launchedAt: 0 });
    }
    groups.push({
      pool: pool.name,
      groupName: `asg-${pool.name}`,
      min: 0,
      max: pool.nodes * 2,
      desired: pool.nodes,
      instances,
      shapes: [pool.shape],
    });
  }
  const allocs: AllocState[] = [];
  for (let i = 0; i < NODES; i++) {
    allocs.push({
      id: `sys-${i}`,
      nodeId: `node-${i}`,
      namespace: "default",
      jobId: "logs",
      jobType: "system",
      taskGroup: "agent",
      ask: SYSTEM_ASK,
    });
  }
  // Every 50th node is idle (only the system job), so placement and scale-in have choices.
  const busy = Array.from({ length: NODES }, (_, n) => `node-${n}`).filter((_, n) => n % 50 !== 0);
  for (let i = allocs.length; i < ALLOCS; i++) {
    const job = i % 2_000;
    allocs.push({
      id: `alloc-${i}`,
      nodeId: busy[i % busy.length] as string,
      namespace: `team-${job % 20}`,
      jobId: `svc-${job}`,
      jobType: job % 10 === 0 ? "batch" : "service",
      taskGroup: "app",
      // Each node gets an even mix of the palette.
      ask: ASKS[Math.floor(i / busy.length) % ASKS.length] as Ask,
    });
  }
  const pending: PendingWork[] = [];
  const queue = (w: Partial<PendingWork> & Pick<PendingWork, "jobId" | "count" | "ask" | "nodePool">) =>
    pending.push({ namespace: "default", taskGroup: "app", datacenters: ["*"], constraints: [], ...w });
  for (let j = 0; j < 40; j++)
    queue({
      jobId: `burst-${j}`,
      count: 250,
      nodePool: "general",
      ask: { cpuMhz: 2000, memoryMb: 8192, devices: [] },
    });
  for (let j = 0; j < 10; j++)
    queue({
      jobId: `cache-${j}`,
      count: 40,
      nodePool: "highmem",
      ask: { cpuMhz: 4000, memoryMb: 64 * 1024, devices: [] },
    });
  for (let j = 0; j < 5; j++) {
    queue({
      jobId: `train-${j}`,
      count: 40,
      nodePool: "all",
      ask: { cpuMhz: 8000, memoryMb: 32 * 1024, devices: [{ name: "nvidia/gpu", count: 1 }] },
      constraints: [{ ltarget: "${meta.has-gpu}", rtarget: "true", operand: "=" }],
    });
  }
  queue({
    jobId: "tpu",
    count: 10,
    nodePool: "all",
    ask: SYSTEM_ASK,
    constraints: [{ ltarget: "${node.class}", rtarget: "tpu", operand: "=" }],
  });
  const pendingJobs = new Set(pending.map((w) => `${w.namespace}/${w.jobId}`)).size;
  return { snapshot: { takenAt: 0, nodes, allocs, pending, apiCalls: 3 + pendingJobs }, groups };
}

class InMemoryNomad implements NomadPort {
  constructor(private readonly current: Snapshot) {}
  async snapshot() {
    return this.current;
  }
  async setEligibility() {}
  async drain() {}
  async cancelDrain() {}
  async purge() {}
}

class FakeGroups implements NodeGroups {
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

/** Node's gc, reached without --expose-gc on the command line. */
function collector(): (() => void) | undefined {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as (() => void) | undefined;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export async function benchAutoscale(): Promise<void> {
  const gc = collector();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const built = performance.now();
  const { snapshot, groups } = buildCluster();
  const buildMs = performance.now() - built;
  gc?.();
  const heapWithSnapshot = process.memoryUsage().heapUsed;
  console.log(
    `synthetic cluster: ${snapshot.nodes.length} nodes, ${snapshot.allocs.length} allocations, ${snapshot.pending.reduce((n, w) => n + w.count, 0)} queued allocations in ${snapshot.pending.length} groups (built in ${buildMs.toFixed(0)} ms, ${mib(heapWithSnapshot - heapBefore)} MiB held)`,
  );

  const pools: PoolSpec[] = POOLS.map((p) => ({ name: p.name, min: 1, max: p.nodes * 2 }));
  const cloud = new FakeGroups(groups);
  const decisions: string[] = [];
  const autoscaler = new Autoscaler({
    nomad: new InMemoryNomad(snapshot),
    groups: new FakeGroups(groups),
    pools,
    dryRun: true,
  });
  // One untimed pass first warms the JIT; a fresh autoscaler then runs the measured pass.
  await autoscaler.evaluate();
  // The measured pass acts for real (the ports are in memory), so its calls are all counted.
  const measured = new Autoscaler({
    nomad: new InMemoryNomad(snapshot),
    groups: cloud,
    pools,
    log: (e) => decisions.push(e.message),
  });
  gc?.();
  const evaluation = await measured.evaluate();
  // What the process holds when the evaluation ends: the snapshot plus the evaluation's
  // working set (pool views, the plan), before anything is collected.
  const heapAtEnd = process.memoryUsage().heapUsed - heapBefore;
  const evaluationHeap = heapAtEnd - (heapWithSnapshot - heapBefore);

  for (const line of decisions.slice(0, 6))
    console.log(`  ${line.length > 400 ? `${line.slice(0, 397)}...` : line}`);
  const perNode = 2 * snapshot.nodes.length;
  console.log(
    `nomad-autoscaler per-node approach: ${perNode} Nomad API calls (node read + allocations read per node); ours: ${evaluation.nomadCalls} (${(perNode / evaluation.nomadCalls).toFixed(0)}× fewer)`,
  );
  console.log(
    `cloud calls: ${evaluation.cloudCalls}; heap in use at the end of the evaluation: ${mib(heapAtEnd)} MiB (snapshot ${mib(heapWithSnapshot - heapBefore)} + evaluation ${mib(evaluationHeap)}${gc ? "" : ", no gc available, so an overestimate"})`,
  );
  console.log(
    `autoscale eval: ${evaluation.ms.toFixed(0)} ms, ${evaluation.nomadCalls} Nomad API calls, ${mib(heapAtEnd)} MiB heap, ${snapshot.nodes.length} nodes, ${snapshot.allocs.length} allocations`,
  );
}
