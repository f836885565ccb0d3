import type { NetworkResourceSpec, TaskGroupSpec } from "../schema/specs.generated.js";
import { Construct } from "./construct.js";
import type { Job } from "./job.js";
import type { Capability } from "./node-pool.js";
import type { AffinityRule, ConstraintRule, SpreadRule } from "./placement.js";
import type { Port } from "./port.js";
import type { Service } from "./service.js";
import type { Task } from "./task.js";
import type { UpdateProps } from "./update.js";
import type { Volume } from "./volume.js";

/** The group's network; its ports are Port constructs under the group. */
export type GroupNetwork = Omit<NetworkResourceSpec, "port" | "reservedPorts">;

export interface GroupProps
  extends Omit<
    TaskGroupSpec,
    "name" | "task" | "network" | "service" | "volume" | "constraint" | "affinity" | "spread" | "update"
  > {
  /** How to roll out new versions: a spec, or `Update.rolling()`, `Update.canary(n)`, `Update.blueGreen()`. */
  readonly update?: UpdateProps;
  /** Network mode and options. A group with ports and no network gets a host-mode network. */
  readonly network?: GroupNetwork;
  readonly constraints?: readonly ConstraintRule[];
  /** Node capabilities the group needs; each becomes a constraint on the node's meta. */
  readonly requires?: ReadonlyArray<Capability | Capability[]>;
  readonly affinities?: readonly AffinityRule[];
  readonly spreads?: readonly SpreadRule[];
}

/** A task group: tasks placed together on one node, sharing network and volumes. */
export class Group extends Construct {
  constructor(
    readonly job: Job,
    id: string,
    readonly props: GroupProps = {},
  ) {
    super("group", job, id);
  }

  get tasks(): Task[] {
    return this.children.filter((c): c is Task => c.kind === "task");
  }

  get ports(): Port[] {
    return this.children.filter((c): c is Port => c.kind === "port");
  }

  get volumes(): Volume[] {
    return this.children.filter((c): c is Volume => c.kind === "volume");
  }

  get services(): Service[] {
    return this.children.filter((c): c is Service => c.kind === "service");
  }
}
