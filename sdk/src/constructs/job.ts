import type { JobSpec } from "../schema/specs.generated.js";
import type { App } from "./app.js";
import { Construct, environmentOf } from "./construct.js";
import type { Environment } from "./environment.js";
import type { Group } from "./group.js";
import type { JsonPatchOp } from "./json-patch.js";
import type { Capability, NodePool } from "./node-pool.js";
import type { AffinityRule, ConstraintRule, SpreadRule } from "./placement.js";

/** Job settings: every field of Nomad's job block, plus placement rules as typed objects. */
export interface JobProps
  extends Omit<
    JobSpec,
    | "id"
    | "name"
    | "group"
    | "task"
    | "constraint"
    | "affinity"
    | "spread"
    | "vaultToken"
    | "consulToken"
    | "nodePool"
  > {
  /** The node pool to run in, by object; defaults to the environment's. */
  readonly nodePool?: NodePool;
  /** Display name; defaults to the job ID. */
  readonly name?: string;
  readonly constraints?: readonly ConstraintRule[];
  /** Node capabilities every group needs; each becomes a constraint on the node's meta. */
  readonly requires?: ReadonlyArray<Capability | Capability[]>;
  readonly affinities?: readonly AffinityRule[];
  readonly spreads?: readonly SpreadRule[];
  /**
   * Keep Nomad's own behaviour for a service job without an update block, instead of
   * nomadkit's default (wait for checks, revert failed deployments). Takes a reason.
   */
  readonly withoutUpdate?: { readonly reason: string };
}

/** A Nomad job. Its ID is the construct id; its groups are the Group constructs under it. */
export class Job extends Construct {
  constructor(
    scope: App | Environment<unknown>,
    id: string,
    readonly props: JobProps = {},
  ) {
    super("job", scope, id);
  }

  /** The environment the job belongs to, if any. */
  get environment(): Environment<unknown> | undefined {
    return environmentOf(this);
  }

  /** The node pool the job runs in: its own, else its environment's. */
  get nodePool(): NodePool | undefined {
    return this.props.nodePool ?? this.environment?.props.nodePool;
  }

  /** JSON Patch operations for the synthesized payload (see json-patch.ts), in order. */
  readonly jsonPatches: JsonPatchOp[] = [];

  /**
   * The escape hatch: change the synthesized API job where the constructs can't say
   * something (`JsonPatch.replace("/TaskGroups/0/Services/0/PortLabel", "9090")`).
   * Paths use API field names. Say why in a comment next to the call.
   */
  addJsonPatch(...ops: JsonPatchOp[]): this {
    this.jsonPatches.push(...ops);
    return this;
  }

  get groups(): Group[] {
    return this.children.filter((c): c is Group => c.kind === "group");
  }
}
