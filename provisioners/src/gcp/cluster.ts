// A Nomad cluster on GCP as the user writes it: a server group and client node pools, each
// pool a NodePool object the jobs share. desired.ts turns it into instance templates and
// regional managed instance groups.
import type { NodePool } from "nomadkit";
import type { NomadSource } from "../agent/boot-script.js";
import { type AgentProps, type ClusterProblem, commonProblems } from "../cloud/cluster-props.js";
import type { ScalingPolicy } from "../cloud/scaling-policy.js";

export interface GcpServerGroupProps {
  /** 3 or 5 servers: bootstrap_expect, and the quorum that survives 1 or 2 losses. */
  readonly count: 3 | 5;
  readonly machineType: string;
}

export interface GcpPoolProps {
  readonly pool: NodePool;
  readonly machineType: string;
  readonly min: number;
  readonly max: number;
  /**
   * The group's targetSize. Unset, it is left to whoever scales the group: a new group
   * starts at min, and apply only brings a size outside min … max back inside.
   */
  readonly desired?: number;
  /** A source image for this pool (a GPU image, say); else the cluster's. */
  readonly image?: string;
  readonly nodeClass?: string;
  readonly meta?: Readonly<Record<string, string>>;
  /** How the autoscaler scales this pool; unset, nothing scales it. */
  readonly autoscaling?: ScalingPolicy;
}

export interface GcpClusterProps {
  /** Names every resource and the ownership label; lower-case letters, digits and dashes. */
  readonly name: string;
  readonly project: string;
  readonly region: string;
  /** Nomad datacenter of every agent (default: the region). */
  readonly datacenter?: string;
  readonly nomad: NomadSource;
  /** Source image of the boot disk, e.g. projects/debian-cloud/global/images/family/debian-12. */
  readonly image: string;
  /** Default: global/networks/default. */
  readonly network?: string;
  /**
   * Servers to join by address instead of by GCE auto-join: servers this cluster doesn't run
   * (an existing cluster's), or a test's, since go-discover can't be pointed at another API.
   */
  readonly joinAddresses?: readonly string[];
  /** Service account email the VMs run as; it needs compute.instances.list (auto-join). */
  readonly serviceAccount?: string;
  readonly servers: GcpServerGroupProps;
  readonly pools: readonly GcpPoolProps[];
  readonly agent?: AgentProps;
}

export class GcpCluster {
  readonly cloud = "gcp";
  constructor(readonly props: GcpClusterProps) {}

  get name(): string {
    return this.props.name;
  }

  /** Every problem in the description at once; empty when it can be applied. */
  validate(): ClusterProblem[] {
    const p = this.props;
    const problems: ClusterProblem[] = [];
    const at = (path: string, message: string) => problems.push({ path, message });
    if (!/^[a-z][a-z0-9-]{0,20}$/.test(p.name))
      at(`cluster "${p.name}"`, "the name must be lower-case letters, digits and dashes (at most 21)");
    if (!/^[a-z]+-[a-z]+\d+$/.test(p.region))
      at(`cluster "${p.name}"`, `unknown region "${p.region}": regions look like europe-west1`);
    problems.push(...commonProblems(p.servers.count, p.pools));
    for (const c of p.pools) {
      const path = `pool "${c.pool.name}"`;
      // The pool name goes into resource names and label values.
      if (!/^[a-z][a-z0-9-]{0,19}$/.test(c.pool.name))
        at(path, "on GCP a pool name is lower-case letters, digits and dashes (at most 20)");
    }
    return problems;
  }
}
