// The cluster's EC2 instances joined to the Nomad nodes they became (cloud/status.ts), with
// the AWS fingerprinter's instance-ID attribute as a fallback where that is on.
import type { NomadClient } from "nomadkit/api";
import { type ClusterStatus, joinNodes } from "../cloud/status.js";
import { ownedInstances } from "./actual.js";
import type { AwsClients } from "./clients.js";
import { GROUP_TAG, tagValue } from "./tags.js";

export type { ClusterStatus, InstanceView, NodeView } from "../cloud/status.js";
export { formatStatus } from "../cloud/status.js";

export async function statusAws(
  aws: AwsClients,
  cluster: string,
  nomad?: NomadClient,
): Promise<ClusterStatus> {
  const instances = await ownedInstances(aws, cluster);
  const owned = instances.map((i) => ({
    id: i.InstanceId ?? "",
    group: tagValue(i.Tags, GROUP_TAG) ?? "?",
    state: i.State?.Name ?? "?",
    running: i.State?.Name === "running",
    privateIp: i.PrivateIpAddress,
  }));
  return joinNodes(owned, nomad, "unique.platform.aws.instance-id");
}
