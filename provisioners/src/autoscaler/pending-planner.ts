// The pending-work check: how many new nodes each pool needs for the work Nomad could not
// place. Queued allocations, largest first, go onto free space of ready nodes, then onto
// machines already launching, then onto new machines of the pool's shape (first-fit
// decreasing). Counting what is launching is what stops the overshoot of scaling again for
// work that is already on its way to a node.
import { DeviceSlots, devicesCanHold } from "./devices.js";
import {
  type Feasibility,
  feasible,
  type PlacementTarget,
  poolMatches,
  targetOfNode,
  wantsDistinctHosts,
} from "./placement-target.js";
import type { PoolShape } from "./pool-shape.js";
import { incomingCount, type PoolView } from "./pool-view.js";
import {
  addResources,
  copiesThatFit,
  describeResources,
  NO_RESOURCES,
  type Resources,
  scaleResources,
} from "./resources.js";
import type { PendingWork } from "./snapshot.js";

export interface PlannerPool {
  readonly name: string;
  readonly view: PoolView | undefined;
  readonly shape: PoolShape | undefined;
  /** New nodes the pool may still add: max − active, or 0 while it can't grow. */
  readonly room: number;
  /** Why the pool can't grow now (backing off after a quota error, no node group). */
  readonly blocked?: string;
}

export interface PoolPlan {
  readonly pool: string;
  newNodes: number;
  placedOnFree: number;
  placedOnLaunching: number;
  placedOnNew: number;
  /** What the new nodes are for: "ns/job" → allocations. */
  readonly jobs: Map<string, number>;
  askOnNew: Resources;
  readonly assumptions: Set<string>;
}

export interface UnplaceableWork {
  readonly work: PendingWork;
  readonly count: number;
  readonly reason: string;
}

export interface PendingPlan {
  readonly pools: ReadonlyMap<string, PoolPlan>;
  readonly unplaceable: readonly UnplaceableWork[];
  /** Existing nodes queued work was planned onto: not ones to remove. */
  readonly nodesWithPlannedWork: ReadonlySet<string>;
}

interface Bin {
  readonly pool: string;
  free: Resources;
  readonly devices: DeviceSlots;
  /** Work keys with a copy here, for distinct_hosts. */
  readonly holds: Set<string>;
}

function newBin(
  pool: string,
  free: Resources,
  target: PlacementTarget,
  inUse = [] as PendingWork["ask"]["devices"],
): Bin {
  return { pool, free, devices: new DeviceSlots(target.devices, inUse), holds: new Set() };
}

/** Largest first: memory, then CPU (memory is what runs out, and what can't be overcommitted). */
function largestFirst(a: PendingWork, b: PendingWork): number {
  return b.ask.memoryMb - a.ask.memoryMb || b.ask.cpuMhz - a.ask.cpuMhz;
}

export function planPendingWork(pending: readonly PendingWork[], pools: readonly PlannerPool[]): PendingPlan {
  const plans = new Map<string, PoolPlan>(
    pools.map((p) => [
      p.name,
      {
        pool: p.name,
        newNodes: 0,
        placedOnFree: 0,
        placedOnLaunching: 0,
        placedOnNew: 0,
        jobs: new Map(),
        askOnNew: NO_RESOURCES,
        assumptions: new Set(),
      },
    ]),
  );
  const nodeBins = new Map<string, Bin>();
  const launchingBins = new Map<string, Bin[]>();
  const newBins = new Map<string, Bin[]>();
  const roomLeft = new Map(pools.map((p) => [p.name, p.room]));
  const unplaceable: UnplaceableWork[] = [];
  const nodesWithPlannedWork = new Set<string>();

  for (const work of [...pending].sort(largestFirst)) {
    if (work.count <= 0) continue;
    const key = `${work.namespace}/${work.jobId}/${work.taskGroup}`;
    const distinct = wantsDistinctHosts(work);
    let remaining = work.count;
    const place = (bin: Bin, plan: PoolPlan, into: "placedOnFree" | "placedOnLaunching" | "placedOnNew") => {
      if (remaining === 0 || (distinct && bin.holds.has(key))) return;
      const copies = Math.min(
        remaining,
        copiesThatFit(bin.free, work.ask),
        bin.devices.copiesThatFit(work.ask.devices),
        distinct ? 1 : Number.POSITIVE_INFINITY,
      );
      if (copies <= 0) return;
      bin.free = addResources(bin.free, scaleResources(work.ask, -copies));
      bin.devices.takeAll(work.ask.devices, copies);
      bin.holds.add(key);
      remaining -= copies;
      plan[into] += copies;
      if (into === "placedOnNew") {
        const job = `${work.namespace}/${work.jobId}`;
        plan.jobs.set(job, (plan.jobs.get(job) ?? 0) + copies);
        plan.askOnNew = addResources(plan.askOnNew, scaleResources(work.ask, copies));
      }
    };

    // Which pools' new machines could take it at all, and why the others can't.
    const why: string[] = [];
    const candidates: Array<{ pool: PlannerPool; plan: PoolPlan; shape: PoolShape; perNode: number }> = [];
    for (const pool of pools) {
      const plan = plans.get(pool.name) as PoolPlan;
      if (!pool.shape) {
        why.push(`pool "${pool.name}" has no node and no shape template to learn from`);
        continue;
      }
      const ok: Feasibility = feasible(work, pool.shape.target);
      if (!ok.ok) {
        why.push(`pool "${pool.name}": ${ok.reason}`);
        continue;
      }
      const perNode = Math.min(
        copiesThatFit(pool.shape.capacity, work.ask),
        new DeviceSlots(pool.shape.target.devices).copiesThatFit(work.ask.devices),
        distinct ? 1 : Number.POSITIVE_INFINITY,
      );
      if (perNode < 1) {
        why.push(
          devicesCanHold(pool.shape.target.devices, work.ask.devices)
            ? `pool "${pool.name}": one allocation needs ${describeResources(work.ask)}, a ${pool.shape.name} node offers ${describeResources(pool.shape.capacity)}`
            : `pool "${pool.name}": its nodes have no ${work.ask.devices.map((d) => `${d.count}× ${d.name}`).join(", ")}`,
        );
        continue;
      }
      for (const a of ok.assumed) plan.assumptions.add(`${key}: ${a}`);
      candidates.push({ pool, plan, shape: pool.shape, perNode });
    }
    // Work that asks for no device goes to machines without devices first: a GPU node bought
    // for a web server is the most expensive way to run it. Otherwise the pools' order holds.
    if (work.ask.devices.length === 0) {
      const hasDevices = (c: (typeof candidates)[number]) => Number(c.shape.target.devices.length > 0);
      candidates.sort((a, b) => hasDevices(a) - hasDevices(b));
    }

    // 1. Free space on ready, eligible nodes (existing nodes are judged on their own facts).
    for (const pool of pools) {
      if (remaining === 0) break;
      if (!poolMatches(work.nodePool, pool.name)) continue;
      const plan = plans.get(pool.name) as PoolPlan;
      for (const nv of pool.view?.byCondition.ready ?? []) {
        if (remaining === 0) break;
        // Resources first: they rule out most nodes and cost two comparisons.
        const free = nodeBins.get(nv.node.id)?.free ?? nv.free;
        if (free.cpuMhz < work.ask.cpuMhz || free.memoryMb < work.ask.memoryMb) continue;
        const ok = feasible(work, targetOfNode(nv.node));
        if (!ok.ok) continue;
        let bin = nodeBins.get(nv.node.id);
        if (!bin) {
          bin = newBin(pool.name, nv.free, targetOfNode(nv.node), nv.devicesInUse);
          nodeBins.set(nv.node.id, bin);
        }
        const before = remaining;
        place(bin, plan, "placedOnFree");
        if (remaining < before) {
          nodesWithPlannedWork.add(nv.node.id);
          for (const a of ok.assumed) plan.assumptions.add(`${key}: ${a}`);
        }
      }
    }
    // 2. Machines already on their way.
    for (const { pool, plan, shape } of candidates) {
      let bins = launchingBins.get(pool.name);
      if (!bins) {
        const n = pool.view ? incomingCount(pool.view) : 0;
        bins = Array.from({ length: n }, () => newBin(pool.name, shape.capacity, shape.target));
        launchingBins.set(pool.name, bins);
      }
      for (const bin of bins) place(bin, plan, "placedOnLaunching");
    }
    // 3. New machines already opened for earlier (larger) work, then new ones, pool by pool.
    for (const { pool, plan } of candidates)
      for (const bin of newBins.get(pool.name) ?? []) place(bin, plan, "placedOnNew");
    for (const { pool, plan, shape, perNode } of candidates) {
      if (remaining === 0) break;
      const room = roomLeft.get(pool.name) ?? 0;
      const open = Math.min(room, Math.ceil(remaining / perNode));
      if (open <= 0) continue;
      roomLeft.set(pool.name, room - open);
      plan.newNodes += open;
      const bins = newBins.get(pool.name) ?? [];
      newBins.set(pool.name, bins);
      for (let i = 0; i < open; i++) {
        const bin = newBin(pool.name, shape.capacity, shape.target);
        bins.push(bin);
        place(bin, plan, "placedOnNew");
      }
    }

    if (remaining > 0) {
      const full = candidates.map(({ pool }) =>
        pool.blocked
          ? `pool "${pool.name}" can't grow: ${pool.blocked}`
          : `pool "${pool.name}" is at its max`,
      );
      unplaceable.push({
        work,
        count: remaining,
        reason:
          candidates.length > 0 ? full.join("; ") : `no pool can run it: ${why.join("; ") || "no pools"}`,
      });
    }
  }
  return { pools: plans, unplaceable, nodesWithPlannedWork };
}

/** "3 queued allocations of ml/train need 2 new g5.xlarge nodes (24000 MHz, 96 GiB)". */
export function describePoolPlan(plan: PoolPlan, shapeName: string): string {
  const entries = [...plan.jobs.entries()].sort((a, b) => b[1] - a[1]);
  const shown = entries.slice(0, 3).map(([job, n]) => `${n} of ${job}`);
  const jobs =
    entries.length > 3 ? `${shown.join(", ")} and ${entries.length - 3} more jobs` : shown.join(", ");
  const shape = shapeName === "node" ? "" : `${shapeName} `;
  return `${plan.placedOnNew} queued allocation(s) (${jobs}) need ${plan.newNodes} new ${shape}node(s) (${describeResources(plan.askOnNew)})`;
}
