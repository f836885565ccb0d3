// One pool as the planner sees it: which nodes are working, which are on their way in or out,
// how full each is, and which cloud instances have not joined yet. Built in one pass over the
// snapshot, so its cost grows with allocations once, not with allocations × pools.
import type { GroupInstance, NodeGroupState } from "../cloud/node-groups.js";
import { NO_RESOURCES, type Resources, subtractResources } from "./resources.js";
import type { AllocState, DeviceAsk, NodeState, Snapshot } from "./snapshot.js";

/** Where a node is in its life, as far as placing work goes. Exactly one per node. */
export type NodeCondition = "ready" | "draining" | "initializing" | "ineligible" | "down";

export interface NodeView {
  readonly node: NodeState;
  readonly condition: NodeCondition;
  /** The cloud instance behind it, when the pool's group has it. */
  readonly instance?: GroupInstance;
  readonly allocated: Resources;
  readonly free: Resources;
  readonly allocCount: number;
  /** Allocations of service and batch jobs: the ones a drain must move. */
  readonly workAllocCount: number;
  readonly devicesInUse: readonly DeviceAsk[];
}

export interface PoolView {
  readonly name: string;
  /** The cloud group whose instances join this pool; absent when the cloud has none. */
  readonly group?: NodeGroupState;
  readonly nodes: readonly NodeView[];
  readonly byCondition: Readonly<Record<NodeCondition, readonly NodeView[]>>;
  /** Instances the cloud runs or is starting that no node matches yet. */
  readonly launching: readonly GroupInstance[];
  /** Desired size the cloud has not turned into instances yet (desired − live instances). */
  readonly notYetCreated: number;
  /** Instances whose node is down or disconnected: the machine is there, the node is not. */
  readonly lostInstances: readonly GroupInstance[];
  /** Nodes of the pool that no live instance of its group matches (the instance is gone). */
  readonly nodesWithoutInstance: readonly NodeView[];
}

interface Usage {
  cpuMhz: number;
  memoryMb: number;
  count: number;
  work: number;
  devices: DeviceAsk[] | undefined;
}

/** Sums every allocation's ask onto its node, once for the whole snapshot. */
export function usageByNode(allocs: readonly AllocState[]): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  for (const alloc of allocs) {
    let u = usage.get(alloc.nodeId);
    if (!u) {
      u = { cpuMhz: 0, memoryMb: 0, count: 0, work: 0, devices: undefined };
      usage.set(alloc.nodeId, u);
    }
    u.cpuMhz += alloc.ask.cpuMhz;
    u.memoryMb += alloc.ask.memoryMb;
    u.count++;
    if (alloc.jobType !== "system" && alloc.jobType !== "sysbatch") u.work++;
    if (alloc.ask.devices.length > 0) {
      u.devices = u.devices ?? [];
      u.devices.push(...alloc.ask.devices);
    }
  }
  return usage;
}

export function conditionOf(node: NodeState): NodeCondition {
  if (node.status === "down" || node.status === "disconnected") return "down";
  if (node.draining) return "draining";
  if (node.status === "initializing") return "initializing";
  return node.eligible ? "ready" : "ineligible";
}

/** Every pool that has nodes or a group, keyed by pool name. */
export function buildPoolViews(snapshot: Snapshot, groups: readonly NodeGroupState[]): Map<string, PoolView> {
  const usage = usageByNode(snapshot.allocs);
  const nodesByPool = new Map<string, NodeState[]>();
  for (const node of snapshot.nodes) {
    const list = nodesByPool.get(node.pool);
    if (list) list.push(node);
    else nodesByPool.set(node.pool, [node]);
  }
  const groupByPool = new Map(groups.map((g) => [g.pool, g]));
  const views = new Map<string, PoolView>();
  for (const name of new Set([...nodesByPool.keys(), ...groupByPool.keys()])) {
    views.set(name, buildPoolView(name, nodesByPool.get(name) ?? [], groupByPool.get(name), usage));
  }
  return views;
}

function buildPoolView(
  name: string,
  nodes: readonly NodeState[],
  group: NodeGroupState | undefined,
  usage: ReadonlyMap<string, Usage>,
): PoolView {
  const live = (group?.instances ?? []).filter((i) => i.phase !== "terminating");
  const byId = new Map(live.map((i) => [i.id, i]));
  const byIp = new Map(live.filter((i) => i.privateIp).map((i) => [i.privateIp as string, i]));
  const matched = new Set<string>();
  const byCondition: Record<NodeCondition, NodeView[]> = {
    ready: [],
    draining: [],
    initializing: [],
    ineligible: [],
    down: [],
  };
  const views: NodeView[] = [];
  const lostInstances: GroupInstance[] = [];
  const nodesWithoutInstance: NodeView[] = [];
  for (const node of nodes) {
    // The instance ID in client meta is exact; the address is what a node stub always has.
    const instance = (node.instanceId && byId.get(node.instanceId)) || byIp.get(node.address);
    const u = usage.get(node.id);
    const allocated = u ? { cpuMhz: u.cpuMhz, memoryMb: u.memoryMb } : NO_RESOURCES;
    const view: NodeView = {
      node,
      condition: conditionOf(node),
      instance,
      allocated,
      free: subtractResources(node.capacity, allocated),
      allocCount: u?.count ?? 0,
      workAllocCount: u?.work ?? 0,
      devicesInUse: u?.devices ?? [],
    };
    views.push(view);
    byCondition[view.condition].push(view);
    if (instance) {
      matched.add(instance.id);
      if (view.condition === "down") lostInstances.push(instance);
    } else if (group && view.condition !== "down") {
      nodesWithoutInstance.push(view);
    }
  }
  return {
    name,
    group,
    nodes: views,
    byCondition,
    launching: live.filter((i) => !matched.has(i.id)),
    notYetCreated: Math.max(0, (group?.desired ?? 0) - live.length),
    lostInstances,
    nodesWithoutInstance,
  };
}

/** A pool with neither nodes nor a cloud group (yet). */
export function emptyPoolView(name: string): PoolView {
  const byCondition = { ready: [], draining: [], initializing: [], ineligible: [], down: [] };
  return {
    name,
    nodes: [],
    byCondition,
    launching: [],
    notYetCreated: 0,
    lostInstances: [],
    nodesWithoutInstance: [],
  };
}

/**
 * Nodes the pool has or will soon have: working, joining, launching or not yet created.
 * Draining and ineligible nodes are on their way out, and down nodes are gone.
 */
export function activeCount(view: PoolView): number {
  return view.byCondition.ready.length + view.byCondition.initializing.length + incomingCount(view);
}

/** Machines the pool is waiting for: launching instances and desired size not yet created. */
export function incomingCount(view: PoolView): number {
  return view.launching.length + view.notYetCreated;
}
