import type { SizeLike } from "../schema/size.js";
import type { CSIMountOptionsSpec, CSIVolumeCapabilitySpec } from "../schema/specs.generated.js";
import type { App } from "./app.js";
import { Construct, environmentOf } from "./construct.js";
import type { Environment } from "./environment.js";
import type { Secret } from "./secret.js";

/** One access + attachment mode pair a volume supports. */
export type CsiCapability = CSIVolumeCapabilitySpec;

/** Topology segments, such as `{ "topology.kubernetes.io/zone": "eu-west-1a" }`. */
export type TopologySegments = Readonly<Record<string, string>>;

export interface CsiVolumeProps {
  /** The CSI plugin that provisions the volume (its `plugin_id`). */
  readonly pluginId: string;
  /** Display name; defaults to the volume ID. */
  readonly name?: string;
  /** Defaults to the environment's namespace, else "default". */
  readonly namespace?: string;
  /** Every access/attachment mode pair the volume may be claimed with. Requests must use one. */
  readonly capabilities: readonly CsiCapability[];
  readonly capacityMin?: SizeLike;
  readonly capacityMax?: SizeLike;
  readonly mountOptions?: CSIMountOptionsSpec;
  /** Where the storage provider may place the volume. */
  readonly topology?: {
    readonly required?: readonly TopologySegments[];
    readonly preferred?: readonly TopologySegments[];
  };
  /** Plugin-specific creation parameters. */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Secrets the plugin needs, by reference only. They are never written to synthesized
   * output; the deploy step reads them from Vault or Nomad Variables when it applies.
   */
  readonly secrets?: Readonly<Record<string, Secret>>;
  /** Create from a snapshot, or as a clone of another volume (the provider's IDs). */
  readonly snapshotId?: string;
  readonly cloneId?: string;
  /**
   * The provider's ID of a volume that exists already: synth then writes a register
   * request instead of a create request.
   */
  readonly externalId?: string;
  /** Plugin context for a registered volume. */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * For groups that request the volume with `perAlloc: true`: declares `copies` volumes,
   * `<id>[0]` … `<id>[copies-1]`, one per allocation index.
   */
  readonly perAlloc?: { readonly copies: number };
}

/**
 * A CSI volume declared in code. Synth writes the `nomad volume create` (or register)
 * request and spec; a group's `Volume` refers to it by object and is checked against it.
 */
export class CsiVolume extends Construct {
  constructor(
    scope: App | Environment<unknown>,
    /** The volume ID; group requests use it as their `source`. */
    readonly volumeId: string,
    readonly props: CsiVolumeProps,
  ) {
    super("csiVolume", scope, volumeId);
  }

  /** The environment the volume belongs to, if any. */
  get namespace(): string {
    return this.props.namespace ?? environmentOf(this)?.namespace ?? "default";
  }

  /** The IDs synth declares: one, or one per allocation index. */
  get ids(): string[] {
    const copies = this.props.perAlloc?.copies;
    if (copies === undefined) return [this.volumeId];
    return Array.from({ length: copies }, (_, i) => `${this.volumeId}[${i}]`);
  }
}
