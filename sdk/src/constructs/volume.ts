import type { VolumeRequestSpec } from "../schema/specs.generated.js";
import { Construct } from "./construct.js";
import type { Group } from "./group.js";

export type VolumeProps = Omit<VolumeRequestSpec, "name">;

/** A volume the group asks for (host or CSI). Tasks mount it by object with `Task.mount`. */
export class Volume extends Construct {
  constructor(
    readonly group: Group,
    readonly name: string,
    readonly props: VolumeProps,
  ) {
    super("volume", group, name);
  }
}
