import type { VolumeRequestSpec } from "../schema/specs.generated.js";
import { Construct } from "./construct.js";
import type { CsiVolume } from "./csi-volume.js";
import type { Group } from "./group.js";
import type { HostVolume } from "./host-volume.js";

export interface VolumeProps extends Omit<VolumeRequestSpec, "name" | "source"> {
  /**
   * A declared `CsiVolume` or `HostVolume` (then `type` may be left out), or by name a
   * host volume from the client config or a volume managed elsewhere.
   */
  readonly source?: string | CsiVolume | HostVolume;
}

/** A volume the group asks for (host or CSI). Tasks mount it by object with `volumeMounts`. */
export class Volume extends Construct {
  constructor(
    readonly group: Group,
    readonly name: string,
    readonly props: VolumeProps,
  ) {
    super("volume", group, name);
  }

  /** The declared volume the request refers to, if it refers to one by object. */
  get declared(): CsiVolume | HostVolume | undefined {
    return typeof this.props.source === "object" ? this.props.source : undefined;
  }
}
