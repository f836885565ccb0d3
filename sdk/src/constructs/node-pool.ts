import type { NodePoolSpec } from "../schema/specs.generated.js";
import type { App } from "./app.js";
import { Construct } from "./construct.js";
import type { Environment } from "./environment.js";
import { Constraint, type ConstraintRule, meta } from "./placement.js";

/**
 * Something a node can do or has, recorded as client meta on the pool's nodes (the
 * provisioners set it) and required by jobs as a constraint on that meta key.
 */
export class Capability {
  /** Nodes with local disks of a type, e.g. `Capability.diskType("ssd")` → meta disk_type = "ssd". */
  static diskType(type: "ssd" | "nvme" | "hdd"): Capability {
    return new Capability("disk_type", type);
  }
  /** Nodes with a GPU of a vendor → meta has_gpu = "true" and gpu_vendor = vendor. */
  static gpu(vendor = "nvidia"): Capability[] {
    return [new Capability("has_gpu", "true"), new Capability("gpu_vendor", vendor)];
  }
  /** Any other `key = value` node property. Keys are identifiers (letters, digits, _ and -). */
  static of(key: string, value: string): Capability {
    return new Capability(key, value);
  }

  private constructor(
    readonly key: string,
    readonly value: string,
  ) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key))
      throw new RangeError(`capability key "${key}" must be an identifier`);
  }

  /** The constraint a group or job uses to land only on nodes with this capability. */
  get constraint(): ConstraintRule {
    return Constraint.equals(meta(this.key), this.value);
  }

  toString(): string {
    return `${this.key}=${this.value}`;
  }
}

export interface NodePoolProps extends Omit<NodePoolSpec, "name"> {
  /** What every node of the pool offers; provisioners write these as client meta. */
  readonly capabilities?: ReadonlyArray<Capability | Capability[]>;
}

/**
 * A Nomad node pool. Jobs name it by object; `synth` writes the `/v1/node/pool` payload and
 * the HCL spec `nomad node pool apply` takes.
 */
export class NodePool extends Construct {
  /**
   * A pool that exists already (the built-in "default" and "all", or one managed
   * elsewhere): jobs can run in it, and synth doesn't write it.
   */
  static existing(scope: App | Environment<unknown>, name: string): NodePool {
    const pool = new NodePool(scope, name);
    pool.external = true;
    return pool;
  }

  readonly capabilities: readonly Capability[];
  /** Managed outside this app; see `NodePool.existing`. */
  external = false;

  constructor(
    scope: App | Environment<unknown>,
    readonly name: string,
    readonly props: NodePoolProps = {},
  ) {
    super("nodePool", scope, name);
    this.capabilities = (props.capabilities ?? []).flat();
  }

  /** Whether the pool's nodes offer a capability. */
  offers(capability: Capability): boolean {
    return this.capabilities.some((c) => c.key === capability.key && c.value === capability.value);
  }
}
