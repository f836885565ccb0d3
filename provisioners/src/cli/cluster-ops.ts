// What `nomadkit cluster` does to one cloud, as one small object per cloud: the command file
// picks it by the cluster's `cloud` and never asks again.
import type { NomadClient } from "nomadkit/api";
import { awsClients } from "../aws/clients.js";
import type { AwsCluster } from "../aws/cluster.js";
import { applyAws, destroyAws, planAws, planDestroy } from "../aws/provision.js";
import { statusAws } from "../aws/status.js";
import type { CallCounter } from "../cloud/call-counter.js";
import { formatPlan, type GroupChange } from "../cloud/cluster-plan.js";
import type { ClusterStatus } from "../cloud/status.js";
import { gcpClients } from "../gcp/clients.js";
import type { GcpCluster } from "../gcp/cluster.js";
import { applyGcpPlan, planGcp, planGcpDestroy } from "../gcp/provision.js";
import { statusGcp } from "../gcp/status.js";

export type AnyCluster = AwsCluster | GcpCluster;
export type Progress = (line: string) => void;

/** A plan read from the cloud, ready to show and to carry out. */
export interface Planned {
  readonly changes: readonly GroupChange[];
  readonly unchanged: readonly string[];
  /** The plan for people. */
  readonly text: string;
  apply(progress: Progress): Promise<void>;
}

export interface ClusterOps {
  /** Every cloud call this run made. */
  readonly calls: CallCounter;
  plan(): Promise<Planned>;
  /** What destroy removes; its apply removes it. */
  planDestroy(): Promise<Planned>;
  status(nomad?: NomadClient): Promise<ClusterStatus>;
}

function awsOps(cluster: AwsCluster): ClusterOps {
  const aws = awsClients({ region: cluster.props.region });
  return {
    calls: aws.calls,
    async plan() {
      const { plan } = await planAws(aws, cluster);
      return {
        ...plan,
        text: formatPlan(plan),
        apply: (progress) => applyAws(aws, cluster, plan, { progress }),
      };
    },
    async planDestroy() {
      const plan = await planDestroy(aws, cluster.name);
      return {
        ...plan,
        text: formatPlan(plan),
        apply: (progress) => destroyAws(aws, cluster.name, { progress }),
      };
    },
    status: (nomad) => statusAws(aws, cluster.name, nomad),
  };
}

function gcpOps(cluster: GcpCluster): ClusterOps {
  const gcp = gcpClients();
  return {
    calls: gcp.calls,
    async plan() {
      const { plan } = await planGcp(gcp, cluster);
      return {
        ...plan,
        text: formatPlan(plan),
        apply: (progress) => applyGcpPlan(gcp, cluster, plan, { progress }),
      };
    },
    async planDestroy() {
      const plan = await planGcpDestroy(gcp, cluster);
      return {
        ...plan,
        text: formatPlan(plan),
        // Operations finish when the group's instances are gone, so the plan shown is all.
        apply: (progress) => applyGcpPlan(gcp, cluster, plan, { progress }),
      };
    },
    status: (nomad) => statusGcp(gcp, cluster, nomad),
  };
}

export function clusterOps(cluster: AnyCluster): ClusterOps {
  return cluster.cloud === "aws" ? awsOps(cluster) : gcpOps(cluster);
}
