import { Construct } from "./construct.js";
import type { Group } from "./group.js";

export interface PortProps {
  /** A fixed host port. Leave it out for a dynamic port Nomad picks. */
  readonly static?: number;
  /** The port inside the task's network namespace (bridge mode or a container). */
  readonly to?: number;
  /** Which host network (from the client config) to bind on. */
  readonly hostNetwork?: string;
  /** Allow a static port that collides with another allocation's (Nomad 1.8+). */
  readonly ignoreCollision?: boolean;
}

/**
 * A port of a group's network. Services, checks and driver configs refer to the Port
 * object, so a port that isn't declared can't be referred to at all.
 */
export class Port extends Construct {
  constructor(
    readonly group: Group,
    readonly label: string,
    readonly props: PortProps = {},
  ) {
    super("port", group, label);
  }

  /** `${NOMAD_PORT_<label>}`: the port number inside the task, for env and args. */
  get env(): string {
    return `\${NOMAD_PORT_${this.label}}`;
  }

  /** `${NOMAD_ADDR_<label>}`: host:port for this port. */
  get addressEnv(): string {
    return `\${NOMAD_ADDR_${this.label}}`;
  }
}
