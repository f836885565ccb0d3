// A cluster's instances joined to the Nomad nodes they became, for any cloud: first by the
// client meta the boot script writes (`nomadkit.instance_id`), then by the node's address
// being the instance's private IP (for agents started some other way).
import type { NomadClient } from "nomadkit/api";
import { INSTANCE_ID_META } from "../agent/agent-config.js";
import { groupLabel } from "./cluster-props.js";

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

/** One owned instance as a cloud reports it. */
export interface OwnedInstance {
  readonly id: string;
  /** The group key: "server" or "pool-<name>". */
  readonly group: string;
  readonly state: string;
  /** True when the cloud says it is up (AWS "running", GCE "RUNNING"). */
  readonly running: boolean;
  readonly privateIp?: string;
}

/**
 * Joins instances to nodes. `idAttribute` is a node attribute a cloud fingerprinter sets to
 * the instance ID, tried when the meta is missing.
 */
export async function joinNodes(
  owned: readonly OwnedInstance[],
  nomad: NomadClient | undefined,
  idAttribute?: string,
): Promise<ClusterStatus> {
  const byInstance = new Map<string, NodeView>();
  const stray: NodeView[] = [];
  if (nomad) {
    const ids = new Set(owned.map((i) => i.id));
    const byIp = new Map(owned.filter((i) => i.privateIp).map((i) => [i.privateIp, i.id]));
    const { data: stubs } = await nomad.nodes.list();
    const nodes = await Promise.all(stubs.map((s) => nomad.nodes.read(s.ID ?? "")));
    nodes.forEach(({ data: n }, k) => {
      const view = { id: n.ID ?? "", name: n.Name ?? "", status: n.Status ?? "", pool: n.NodePool ?? "" };
      const claimed = n.Meta?.[INSTANCE_ID_META] ?? (idAttribute ? n.Attributes?.[idAttribute] : undefined);
      const id = claimed ?? byIp.get(stubs[k]?.Address ?? "");
      if (id && ids.has(id)) byInstance.set(id, view);
      else stray.push(view);
    });
  }
  const instances = owned
    .map(
      (i): InstanceView => ({
        instanceId: i.id,
        group: groupLabel(i.group),
        state: i.state,
        privateIp: i.privateIp,
        server: i.group === "server",
        node: byInstance.get(i.id),
      }),
    )
    .sort((a, b) => a.group.localeCompare(b.group) || a.instanceId.localeCompare(b.instanceId));
  const running = new Set(owned.filter((i) => i.running).map((i) => i.id));
  const notJoined = nomad
    ? instances.filter((v) => !v.server && running.has(v.instanceId) && !v.node).map((v) => v.instanceId)
    : [];
  return { instances, notJoined, strayNodes: stray };
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
