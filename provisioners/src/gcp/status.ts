// The cluster's GCE instances (one aggregated list by the ownership label) joined to the
// Nomad nodes they became. The boot script writes the instance name as the node's meta, the
// name being what the metadata server and the MIG's managed-instance list both give.
import type { NomadClient } from "nomadkit/api";
import { type ClusterStatus, joinNodes } from "../cloud/status.js";
import type { GcpClients } from "./clients.js";
import type { GcpCluster } from "./cluster.js";
import { GROUP_LABEL } from "./labels.js";
import { readGcpInstances } from "./provision.js";

export async function statusGcp(
  c: GcpClients,
  cluster: GcpCluster,
  nomad?: NomadClient,
): Promise<ClusterStatus> {
  const instances = await readGcpInstances(c, cluster);
  const owned = instances.map((i) => ({
    id: i.name ?? "",
    group: i.labels?.[GROUP_LABEL] ?? "?",
    state: i.status ?? "?",
    running: i.status === "RUNNING",
    privateIp: i.networkInterfaces?.[0]?.networkIP ?? undefined,
  }));
  return joinNodes(owned, nomad);
}
