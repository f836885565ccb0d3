// What the operator tells the autoscaler about each client pool: its bounds, its policy and
// the shape of the machine its group launches. The shape is what makes scaling from zero
// possible: with no node to learn from, it says what a new node will offer.
import type { ScalingPolicy } from "../cloud/scaling-policy.js";
import type { Resources } from "./resources.js";
import type { NodeDevice } from "./snapshot.js";

/** A machine of the pool as Nomad will see it once it joins. */
export interface ShapeTemplate {
  /** Instance or machine type, for messages ("g5.xlarge"). */
  readonly name?: string;
  readonly datacenter: string;
  readonly nodeClass?: string;
  readonly meta?: Readonly<Record<string, string>>;
  /**
   * Fingerprinted attributes (`${attr.…}`) the operator knows in advance. Attributes not
   * listed are unknown, so constraints on them are assumed satisfiable and reported.
   */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Schedulable capacity of one node (after what the client reserves). */
  readonly capacity: Resources;
  readonly devices?: readonly NodeDevice[];
}

export interface PoolSpec {
  /** The Nomad node pool, which is also the key of its cloud node group. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly policy?: ScalingPolicy;
  readonly shape?: ShapeTemplate;
  /**
   * The client meta every node of the pool carries, which Nomad's node list doesn't return;
   * default: the shape's. Known even when the machine's shape is not.
   */
  readonly meta?: Readonly<Record<string, string>>;
}
