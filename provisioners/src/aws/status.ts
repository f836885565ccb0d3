// The cluster's instances joined to the Nomad nodes they became: by the instance-ID meta the
// boot script writes, then by the AWS fingerprinter's attribute where that is on.
import type { NomadClient } from "nomadkit/api";
import { INSTANCE_ID_META } from "../agent/agent-config.js";
import { groupLabel } from "../cloud/cluster-props.js";
import { ownedInstances } from "./actual.js";
import type { AwsClients } from "./clients.js";
import { GROUP_TAG, tagValue } from "./tags.js";

export interface NodeView {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly pool: string;
}

export interface InstanceView {
  readonly instanceId: string;
  readonly group: string;
  readonly state: string;
  readonly privateIp?: string;
  readonly server: boolean;
  /** The Nomad client node it became; servers and instances that never joined have none. */
  readonly node?: NodeView;
}

export interface ClusterStatus {
  readonly instances: readonly InstanceView[];
  /** Client instances running with no Nomad node. */
  readonly notJoined: readonly string[];
  /** Nodes that claim an instance the cluster doesn't own (or no instance at all). */
  readonly strayNodes: readonly NodeView[];
}

export async function statusAws(
  aws: AwsClients,
  cluster: string,
  nomad?: NomadClient,
): Promise<ClusterStatus> {
  const instances = await ownedInstances(aws, cluster);
  const byInstance = new Map<string, NodeView>();
  const stray: NodeView[] = [];
  if (nomad) {
    const { data: stubs } = await nomad.nodes.list();
    const nodes = await Promise.all(stubs.map((s) => nomad.nodes.read(s.ID ?? "")));
    for (const { data: n } of nodes) {
      const view = { id: n.ID ?? "", name: n.Name ?? "", status: n.Status ?? "", pool: n.NodePool ?? "" };
      const id = n.Meta?.[INSTANCE_ID_META] ?? n.Attributes?.["unique.platform.aws.instance-id"];
      if (id && instances.some((i) => i.InstanceId === id)) byInstance.set(id, view);
      else stray.push(view);
    }
  }
  const views = instances
    .map((i): InstanceView => {
      const group = tagValue(i.Tags, GROUP_TAG) ?? "?";
      const id = i.InstanceId ?? "";
      return {
        instanceId: id,
        group: groupLabel(group),
        state: i.State?.Name ?? "?",
        privateIp: i.PrivateIpAddress,
        server: group === "server",
        node: byInstance.get(id),
      };
    })
    .sort((a, b) => a.group.localeCompare(b.group) || a.instanceId.localeCompare(b.instanceId));
  const notJoined = nomad
    ? views.filter((v) => !v.server && v.state === "running" && !v.node).map((v) => v.instanceId)
    : [];
  return { instances: views, notJoined, strayNodes: stray };
}

export function formatStatus(s: ClusterStatus, withNomad: boolean): string {
  const rows = s.instances.map((v) =>
    [
      v.group,
      v.instanceId,
      v.state,
      v.privateIp ?? "-",
      v.server
        ? "server"
        : v.node
          ? `${v.node.name} (${v.node.status}, pool ${v.node.pool})`
          : withNomad
            ? "not joined"
            : "-",
    ].join("  "),
  );
  let out = rows.length > 0 ? `${rows.join("\n")}\n` : "No instances.\n";
  if (s.notJoined.length > 0) out += `Never joined Nomad: ${s.notJoined.join(", ")}\n`;
  if (s.strayNodes.length > 0)
    out += `Nomad nodes with no instance of this cluster: ${s.strayNodes.map((n) => n.name).join(", ")}\n`;
  return out;
}
