// The cloud side of a cluster as the autoscaler sees it: one group of instances per client
// node pool, whose size it can raise and from which it can remove one named instance.
// aws/node-groups.ts (Auto Scaling groups) and gcp/node-groups.ts (regional managed instance
// groups) implement it; the autoscaler knows no cloud.

/** Where one instance of a group is in its life, as the cloud reports it. */
export type InstancePhase = "launching" | "running" | "terminating";

export interface GroupInstance {
  /** The cloud's instance ID: what the boot script writes into client meta `nomadkit.instance_id`. */
  readonly id: string;
  readonly phase: InstancePhase;
  /** Epoch ms when the cloud started it, when the cloud says. */
  readonly launchedAt?: number;
  /** Instance type / machine type, when the cloud says. */
  readonly shape?: string;
  /** Its private IPv4 address: the Nomad node's Address, so nodes map to instances without meta. */
  readonly privateIp?: string;
}

export interface NodeGroupState {
  /** The Nomad node pool the group's instances join. */
  readonly pool: string;
  /** The group's cloud name (ASG name, MIG name), for messages. */
  readonly groupName: string;
  readonly min: number;
  readonly max: number;
  /** What the group was asked to run (ASG DesiredCapacity, MIG targetSize). */
  readonly desired: number;
  readonly instances: readonly GroupInstance[];
  /** The group's instance shape(s), first one preferred. */
  readonly shapes: readonly string[];
}

/** A cloud call failed for a reason worth treating differently from "try again". */
export type NodeGroupErrorKind = "quota" | "capacity" | "throttled" | "permission" | "not-found" | "other";

export class NodeGroupError extends Error {
  constructor(
    readonly kind: NodeGroupErrorKind,
    readonly pool: string,
    message: string,
  ) {
    super(message);
  }
}

export interface NodeGroups {
  readonly cloud: "aws" | "gcp";
  /** Every client pool's group, in a number of calls that doesn't grow with the instances. */
  list(): Promise<NodeGroupState[]>;
  /** Raise (or lower) the group's desired size in one call. Throws NodeGroupError. */
  setDesired(pool: string, desired: number): Promise<void>;
  /**
   * Remove exactly this instance and lower the desired size by one, so the cloud doesn't
   * replace it (ASG TerminateInstanceInAutoScalingGroup with ShouldDecrementDesiredCapacity;
   * MIG deleteInstances). Throws NodeGroupError.
   */
  terminate(pool: string, instanceId: string): Promise<void>;
}
