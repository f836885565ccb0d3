import type { SizeLike } from "../schema/size.js";
import type { HostVolumeCapabilitySpec } from "../schema/specs.generated.js";
import type { App } from "./app.js";
import { Construct, environmentOf } from "./construct.js";
import type { Environment } from "./environment.js";
import type { NodePool } from "./node-pool.js";
import type { ConstraintRule } from "./placement.js";

export type HostVolumeCapability = HostVolumeCapabilitySpec;

export interface HostVolumeProps {
  /** The host volume plugin that creates it: the built-in "mkdir", or a plugin on the node. */
  readonly pluginId: string;
  /** Defaults to the environment's namespace, else "default". */
  readonly namespace?: string;
  /** The pool whose nodes may hold the volume; defaults to the environment's pool. */
  readonly nodePool?: NodePool;
  /** Pin the volume to one node. */
  readonly nodeId?: string;
  /** Which nodes may hold the volume. */
  readonly constraints?: readonly ConstraintRule[];
  readonly capacityMin?: SizeLike;
  readonly capacityMax?: SizeLike;
  /** Every access/attachment mode pair the volume may be claimed with. Requests must use one. */
  readonly capabilities: readonly HostVolumeCapability[];
  /** Passed to the plugin. */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * For groups that request the volume with `perAlloc: true`: declares `copies` volumes,
   * named `<name>[0]` … `<name>[copies-1]`, one per allocation index.
   */
  readonly perAlloc?: { readonly copies: number };
}

/**
 * A dynamic host volume (Nomad 1.10+) declared in code: synth writes the
 * `/v1/volume/host/create` request and the spec `nomad volume create` takes. Host volumes
 * from the client config stay supported by name: `new Volume(group, "x", { type: "host", source: "name" })`.
 */
export class HostVolume extends Construct {
  constructor(
    scope: App | Environment<unknown>,
    /** The volume name; group requests use it as their `source`. */
    readonly name: string,
    readonly props: HostVolumeProps,
  ) {
    super("hostVolume", scope, name);
  }

  get namespace(): string {
    return this.props.namespace ?? environmentOf(this)?.namespace ?? "default";
  }

  /** The pool the volume lives in: its own, else its environment's. */
  get nodePool(): NodePool | undefined {
    return this.props.nodePool ?? environmentOf(this)?.props.nodePool;
  }

  /** The names synth declares: one, or one per allocation index. */
  get names(): string[] {
    const copies = this.props.perAlloc?.copies;
    if (copies === undefined) return [this.name];
    return Array.from({ length: copies }, (_, i) => `${this.name}[${i}]`);
  }
}
