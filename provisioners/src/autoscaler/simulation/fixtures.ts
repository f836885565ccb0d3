// Small builders for snapshot data with Nomad's usual defaults, for the tests, the simulation
// and the bench. Only what a case cares about needs writing.
import type { GroupInstance, NodeGroupState } from "../../cloud/node-groups.js";
import type { AllocState, NodeState, PendingWork } from "../snapshot.js";

export function nodeState(over: Partial<NodeState> & { readonly id: string }): NodeState {
  return {
    name: over.id,
    address: `10.0.0.${over.id}`,
    pool: "default",
    datacenter: "dc1",
    nodeClass: "",
    status: "ready",
    eligible: true,
    draining: false,
    drainMeta: {},
    meta: {},
    attributes: {},
    capacity: { cpuMhz: 4000, memoryMb: 8192 },
    devices: [],
    ...over,
  };
}

export function allocState(
  over: Partial<AllocState> & { readonly id: string; readonly nodeId: string },
): AllocState {
  return {
    namespace: "default",
    jobId: "web",
    jobType: "service",
    taskGroup: "app",
    ask: { cpuMhz: 500, memoryMb: 512, devices: [] },
    ...over,
  };
}

export function pendingWork(over: Partial<PendingWork>): PendingWork {
  return {
    namespace: "default",
    jobId: "web",
    taskGroup: "app",
    count: 1,
    ask: { cpuMhz: 500, memoryMb: 512, devices: [] },
    nodePool: "default",
    datacenters: ["*"],
    constraints: [],
    ...over,
  };
}

export function nodeGroup(over: Partial<NodeGroupState> & { readonly pool: string }): NodeGroupState {
  return {
    groupName: `asg-${over.pool}`,
    min: 0,
    max: 10,
    desired: over.instances?.filter((i) => i.phase !== "terminating").length ?? 0,
    instances: [],
    shapes: ["m5.large"],
    ...over,
  };
}

export function instance(
  id: string,
  privateIp: string,
  phase: GroupInstance["phase"] = "running",
): GroupInstance {
  return { id, privateIp, phase };
}
