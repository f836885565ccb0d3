// One evaluation's view of the cluster: every node, every live allocation and the work Nomad
// could not place, as plain data. nomad-snapshot.ts builds it from the HTTP API in a constant
// number of calls; the simulation suite and the bench build it directly.

import type { JobType } from "nomadkit";

export interface DeviceAsk {
  /** Nomad's device name form: "gpu", "nvidia/gpu" or "nvidia/gpu/Tesla T4". */
  readonly name: string;
  readonly count: number;
}

/** Resources one allocation asks for (the sum of its tasks, plus the group's shared ask). */
export interface Ask {
  readonly cpuMhz: number;
  readonly memoryMb: number;
  readonly devices: readonly DeviceAsk[];
}

/** A constraint as Nomad writes it in the job (`${meta.has-gpu}` = "true"). */
export interface PlacementConstraint {
  readonly ltarget: string;
  readonly rtarget: string;
  readonly operand: string;
}

export interface NodeDevice {
  readonly vendor: string;
  readonly type: string;
  readonly name: string;
  readonly count: number;
}

export type NodeStatus = "initializing" | "ready" | "down" | "disconnected";

export interface NodeState {
  readonly id: string;
  readonly name: string;
  /** The node's advertised IP (NodeListStub.Address): matches its instance's private IP. */
  readonly address: string;
  readonly pool: string;
  readonly datacenter: string;
  readonly nodeClass: string;
  readonly status: NodeStatus;
  readonly eligible: boolean;
  readonly draining: boolean;
  /** Drain meta (LastDrain.Meta) when the current or last drain carried it. */
  readonly drainMeta: Readonly<Record<string, string>>;
  readonly meta: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, string>>;
  /** Schedulable capacity: the node's resources minus what it reserves. */
  readonly capacity: { readonly cpuMhz: number; readonly memoryMb: number };
  readonly devices: readonly NodeDevice[];
  /** From client meta `nomadkit.instance_id` when the source carries meta (node stubs don't). */
  readonly instanceId?: string;
}

export interface AllocState {
  readonly id: string;
  readonly nodeId: string;
  readonly namespace: string;
  readonly jobId: string;
  readonly jobType: JobType;
  readonly taskGroup: string;
  readonly ask: Ask;
}

/** Allocations of one task group that Nomad has not placed, and what each needs. */
export interface PendingWork {
  readonly namespace: string;
  readonly jobId: string;
  readonly taskGroup: string;
  readonly count: number;
  readonly ask: Ask;
  readonly nodePool: string;
  readonly datacenters: readonly string[];
  /** Job, group and task constraints together. */
  readonly constraints: readonly PlacementConstraint[];
}

export interface Snapshot {
  readonly takenAt: number;
  readonly nodes: readonly NodeState[];
  /** Only allocations that hold resources (desired run, client pending or running). */
  readonly allocs: readonly AllocState[];
  readonly pending: readonly PendingWork[];
  /** Nomad API calls this snapshot took. */
  readonly apiCalls: number;
}
