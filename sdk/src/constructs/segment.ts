import type { App } from "./app.js";
import { Construct } from "./construct.js";
import type { Environment } from "./environment.js";
import type { NodePool } from "./node-pool.js";
import type { Service } from "./service.js";

/** Something a segment's members may reach. Build one with `Allow`. */
export type SegmentRule =
  | { readonly to: "segment"; readonly segment: Segment }
  | { readonly to: "service"; readonly service: Service | string }
  | { readonly to: "cidr"; readonly cidr: string; readonly ports?: readonly number[] };

export const Allow = {
  /** Members may call every member of another segment. */
  segment: (segment: Segment): SegmentRule => ({ to: "segment", segment }),
  /** Members may call one service: a Service of this app, or a Consul service name. */
  service: (service: Service | string): SegmentRule => ({ to: "service", service }),
  /**
   * Members may open connections to addresses outside the mesh. Consul intentions can't
   * express this: synth reports where it must be enforced instead.
   */
  cidr: (cidr: string, ports?: readonly number[]): SegmentRule =>
    ports ? { to: "cidr", cidr, ports } : { to: "cidr", cidr },
};

export interface SegmentCni {
  /** The subnet the segment's bridge hands out addresses from, e.g. "10.42.0.0/24". */
  readonly subnet: string;
  /** Linux bridge name; defaults to "nk-<segment>" (at most 15 characters). */
  readonly bridge?: string;
  /** The pools whose nodes get the config file. */
  readonly nodePools: readonly NodePool[];
}

export interface SegmentProps {
  /** Connect services that belong to the segment. Only what `allow` lists may call them. */
  readonly members: readonly Service[];
  /** What the members may call besides each other. */
  readonly allow?: readonly SegmentRule[];
  /** Also write a CNI network config; members' groups then use network mode `cni/<segment>`. */
  readonly cni?: SegmentCni;
}

/**
 * A network segment: a set of Connect services that reach each other and only what
 * `allow` lists. Compiles to Consul service-intentions (deny by default) and to the
 * group network mode members need; a segment never spans environments.
 */
export class Segment extends Construct {
  constructor(
    scope: App | Environment<unknown>,
    readonly name: string,
    readonly props: SegmentProps,
  ) {
    super("segment", scope, name);
  }

  /** The CNI network name groups use: `cni/<name>`. */
  get cniNetworkMode(): string | undefined {
    return this.props.cni ? `cni/${this.name}` : undefined;
  }
}
