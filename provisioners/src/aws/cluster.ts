// A Nomad cluster on AWS as the user writes it in cluster.ts: a server group and client node
// pools, each pool a NodePool object the jobs share. This file is only the description and
// its checks; desired.ts turns it into launch templates and Auto Scaling groups.
import type { NodePool } from "nomadkit";
import type { HostVolumeOptions } from "../agent/agent-config.js";
import type { NomadSource } from "../agent/boot-script.js";
import { type AgentProps, type ClusterProblem, commonProblems } from "../cloud/cluster-props.js";
import type { ScalingPolicy } from "../cloud/scaling-policy.js";

export interface ServerGroupProps {
  /** 3 or 5 servers: bootstrap_expect, and the quorum that survives 1 or 2 losses. */
  readonly count: 3 | 5;
  readonly instanceType: string;
  readonly subnetIds?: readonly string[];
}

export interface SpotOptions {
  /** On-demand instances before any spot (default 0). */
  readonly onDemandBase?: number;
  /** Percent on-demand above the base (default 0: all spot). */
  readonly onDemandPercentAboveBase?: number;
}

export interface ClientPoolProps {
  readonly pool: NodePool;
  /** One type, or several for a mixed-instances group. */
  readonly instanceType: string | readonly string[];
  readonly min: number;
  readonly max: number;
  /** Left to the autoscaler when unset (a new group starts at min). */
  readonly desired?: number;
  readonly subnetIds?: readonly string[];
  /** Mix spot instances in. */
  readonly spot?: SpotOptions;
  readonly nodeClass?: string;
  readonly meta?: Readonly<Record<string, string>>;
  readonly hostVolumes?: Readonly<Record<string, HostVolumeOptions>>;
  /** An AMI for this pool (a GPU image, say); else the cluster's. */
  readonly imageId?: string;
  /** How the autoscaler scales this pool; unset, nothing scales it. */
  readonly autoscaling?: ScalingPolicy;
}

export interface AwsClusterProps {
  /** Names every resource and the ownership tag; lower-case letters, digits and dashes. */
  readonly name: string;
  /** Else the SDK's default chain (AWS_REGION, the profile). */
  readonly region?: string;
  /** Nomad datacenter of every agent (default: the region). */
  readonly datacenter?: string;
  readonly nomad: NomadSource;
  readonly imageId: string;
  /** Subnets for every group that names none; else the default VPC's. */
  readonly subnetIds?: readonly string[];
  readonly securityGroupIds?: readonly string[];
  /** Instance profile whose role allows ec2:DescribeInstances (auto-join). */
  readonly iamInstanceProfile?: string;
  readonly keyName?: string;
  readonly servers: ServerGroupProps;
  readonly pools: readonly ClientPoolProps[];
  readonly agent?: AgentProps;
  /** go-discover's `endpoint` for auto-join: an EC2 API other than AWS's own (a VPC endpoint, moto). */
  readonly joinEndpoint?: string;
}

export class AwsCluster {
  readonly cloud = "aws";
  constructor(readonly props: AwsClusterProps) {}

  get name(): string {
    return this.props.name;
  }

  /** Every problem in the description at once; empty when it can be applied. */
  validate(region?: string): ClusterProblem[] {
    const p = this.props;
    const problems: ClusterProblem[] = [];
    const at = (path: string, message: string) => problems.push({ path, message });
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(p.name))
      at(`cluster "${p.name}"`, "the name must be lower-case letters, digits and dashes (at most 31)");
    const r = region ?? p.region;
    if (r !== undefined && !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/.test(r))
      at(`cluster "${p.name}"`, `unknown region "${r}": regions look like eu-west-1`);
    problems.push(...commonProblems(p.servers.count, p.pools));
    for (const c of p.pools) {
      const path = `pool "${c.pool.name}"`;
      if (!/^[a-zA-Z0-9-_]{1,128}$/.test(c.pool.name))
        at(path, "a node pool name is letters, digits, dashes and underscores");
      const types = typeof c.instanceType === "string" ? [c.instanceType] : c.instanceType;
      if (types.length === 0) at(path, "give at least one instance type");
      const spot = c.spot;
      if (spot?.onDemandPercentAboveBase !== undefined) {
        const v = spot.onDemandPercentAboveBase;
        if (v < 0 || v > 100) at(path, `spot.onDemandPercentAboveBase ${v} must be 0 … 100`);
      }
      if (c.subnetIds?.length === 0) at(path, "subnetIds is empty: leave it out to use the cluster's");
    }
    return problems;
  }
}
