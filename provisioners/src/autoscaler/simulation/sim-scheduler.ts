// The simulated Nomad's scheduler, written from Nomad's documented feasibility rules and
// sharing no code with the autoscaler's planner, so a planner that misjudges Nomad shows up as
// a story that fails. A node can take one more copy of queued work when it is ready, eligible
// and not draining; in the work's node pool ("all" reaches every pool); in one of its
// datacenters (globs, `*` only); passes every constraint (sim-constraints.ts); keeps
// distinct_hosts and distinct_property; and has the CPU, memory and device instances free.
// Copies go one at a time to the first node that can take them, which is enough for the
// stories (Nomad scores with bin packing; none of the stories depends on which node wins).
import type { AllocState, DeviceAsk, NodeDevice, NodeState, PendingWork } from "../snapshot.js";
import { nodeSatisfies, nodeValue } from "./sim-constraints.js";

/** The first node that can take one more copy of `work`, or undefined. */
export function nodeForCopy(
  work: PendingWork,
  nodes: Iterable<NodeState>,
  allocs: readonly AllocState[],
): NodeState | undefined {
  const all = [...nodes];
  for (const node of all) {
    if (node.status !== "ready" || !node.eligible || node.draining) continue;
    if (work.nodePool !== "all" && work.nodePool !== node.pool) continue;
    if (!work.datacenters.some((dc) => datacenterMatches(dc, node.datacenter))) continue;
    if (!work.constraints.every((c) => nodeSatisfies(c, node))) continue;
    const here = allocs.filter((a) => a.nodeId === node.id);
    if (!keepsDistinct(work, node, all, allocs)) continue;
    if (!resourcesFree(work, node, here)) continue;
    if (!devicesFree(work.ask.devices, node.devices, here)) continue;
    return node;
  }
  return undefined;
}

/** go-glob: `*` matches any run of characters; everything else is literal. */
function datacenterMatches(pattern: string, datacenter: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === datacenter;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!datacenter.startsWith(first)) return false;
  let at = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = datacenter.indexOf(middle, at);
    if (found < 0) return false;
    at = found + middle.length;
  }
  return datacenter.length - at >= last.length && datacenter.endsWith(last);
}

function sameGroup(a: AllocState, work: PendingWork): boolean {
  return a.namespace === work.namespace && a.jobId === work.jobId && a.taskGroup === work.taskGroup;
}

/**
 * distinct_hosts: no two copies on one node. distinct_property: at most `rtarget` (default 1)
 * copies per value of the property, and none on a node without it. The work's constraints
 * don't say whether they came from the job or the group, so both count copies of the group.
 */
function keepsDistinct(
  work: PendingWork,
  node: NodeState,
  nodes: readonly NodeState[],
  allocs: readonly AllocState[],
): boolean {
  for (const c of work.constraints) {
    if (c.operand === "distinct_hosts" && c.rtarget !== "false") {
      if (allocs.some((a) => a.nodeId === node.id && sameGroup(a, work))) return false;
    }
    if (c.operand === "distinct_property") {
      const value = nodeValue(c.ltarget, node);
      if (value === undefined) return false;
      const limit = c.rtarget === "" ? 1 : Number.parseInt(c.rtarget, 10);
      const withValue = new Set(nodes.filter((n) => nodeValue(c.ltarget, n) === value).map((n) => n.id));
      const copies = allocs.filter((a) => withValue.has(a.nodeId) && sameGroup(a, work)).length;
      if (copies >= limit) return false;
    }
  }
  return true;
}

function resourcesFree(work: PendingWork, node: NodeState, here: readonly AllocState[]): boolean {
  let cpu = work.ask.cpuMhz;
  let memory = work.ask.memoryMb;
  for (const a of here) {
    cpu += a.ask.cpuMhz;
    memory += a.ask.memoryMb;
  }
  return cpu <= node.capacity.cpuMhz && memory <= node.capacity.memoryMb;
}

/**
 * Nomad's device asks: "type", "vendor/type" or "vendor/type/model"; each ask takes all its
 * instances from one device group of the node. The allocations already there hold theirs.
 */
function devicesFree(
  asks: readonly DeviceAsk[],
  devices: readonly NodeDevice[],
  here: readonly AllocState[],
): boolean {
  const free = devices.map((d) => d.count);
  const take = (ask: DeviceAsk): boolean => {
    if (ask.count <= 0) return true;
    const i = devices.findIndex((d, j) => deviceNamed(d, ask.name) && (free[j] ?? 0) >= ask.count);
    if (i < 0) return false;
    free[i] = (free[i] ?? 0) - ask.count;
    return true;
  };
  for (const a of here) for (const ask of a.ask.devices) take(ask);
  return asks.every(take);
}

function deviceNamed(device: NodeDevice, name: string): boolean {
  const [first, second, ...rest] = name.split("/");
  if (second === undefined) return first === device.type;
  if (rest.length === 0) return first === device.vendor && second === device.type;
  return first === device.vendor && second === device.type && rest.join("/") === device.name;
}
