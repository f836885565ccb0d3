// The cluster as GCP resources: per group, an instance template (startup-script = the boot
// script, ownership labels, the auto-join tag on servers) and a regional managed instance
// group. Pure: no calls.
import { createHash } from "node:crypto";
import type { protos } from "@google-cloud/compute";
import type { DiscoverConfig } from "nomadkit/schema";
import { agentHcl, clientConfig, serverConfig } from "../agent/agent-config.js";
import { gceAutoJoin } from "../agent/auto-join.js";
import { bootScript } from "../agent/boot-script.js";
import { groupKey, sharedAgentOptions } from "../cloud/cluster-props.js";
import type { GcpCluster } from "./cluster.js";
import { joinTag, ownerLabels } from "./labels.js";

export interface GcpGroupSpec {
  /** "server" or "pool-<name>". */
  readonly key: string;
  readonly role: "server" | "client";
  /** The managed instance group's name. */
  readonly name: string;
  /** The template's name: the group's name and a hash of the template's content. */
  readonly templateName: string;
  readonly template: protos.google.cloud.compute.v1.IInstanceTemplate;
  readonly min: number;
  readonly max: number;
  /** Unset: left to whoever scales the group (a new group starts at min). */
  readonly desired?: number;
  readonly agentHcl: string;
}

/** The go-discover string that finds this cluster's servers. */
export function gceJoin(cluster: GcpCluster): DiscoverConfig {
  return gceAutoJoin({ projectName: cluster.props.project, tagValue: joinTag(cluster.name) });
}

export function gcpResourceName(cluster: string, key: string): string {
  return `nomadkit-${cluster}-${key}`;
}

function hash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 10);
}

/** Desired groups, servers first. */
export function desiredGcpGroups(cluster: GcpCluster): GcpGroupSpec[] {
  const p = cluster.props;
  const common = sharedAgentOptions(p.agent, p.datacenter ?? p.region, p.joinAddresses ?? gceJoin(cluster));
  const groups: GcpGroupSpec[] = [];
  const add = (
    key: string,
    role: "server" | "client",
    hcl: string,
    machineType: string,
    sizes: { min: number; max: number; desired?: number },
    image: string,
  ) => {
    const name = gcpResourceName(cluster.name, key);
    const properties: protos.google.cloud.compute.v1.IInstanceProperties = {
      machineType,
      labels: ownerLabels(cluster.name, key),
      tags: { items: role === "server" ? [joinTag(cluster.name)] : [] },
      metadata: {
        items: [
          {
            key: "startup-script",
            value: bootScript({ cloud: "gcp", nomad: p.nomad, agentHcl: hcl, client: role === "client" }),
          },
        ],
      },
      disks: [{ boot: true, autoDelete: true, initializeParams: { sourceImage: image } }],
      networkInterfaces: [{ network: p.network ?? "global/networks/default" }],
      ...(p.serviceAccount
        ? {
            serviceAccounts: [
              { email: p.serviceAccount, scopes: ["https://www.googleapis.com/auth/compute.readonly"] },
            ],
          }
        : {}),
    };
    const templateName = `${name}-${hash(properties)}`;
    groups.push({
      key,
      role,
      name,
      templateName,
      template: { name: templateName, description: `nomadkit ${cluster.name} ${key}`, properties },
      ...sizes,
      agentHcl: hcl,
    });
  };
  const n = p.servers.count;
  add(
    "server",
    "server",
    agentHcl(serverConfig({ ...common, bootstrapExpect: n, gossipKey: p.agent?.gossipKey })),
    p.servers.machineType,
    { min: n, max: n, desired: n },
    p.image,
  );
  for (const c of p.pools) {
    const hcl = agentHcl(
      clientConfig({
        ...common,
        nodePool: c.pool,
        nodeClass: c.nodeClass,
        meta: c.meta,
        options: p.agent?.clientOptions,
      }),
    );
    add(
      groupKey(c.pool),
      "client",
      hcl,
      c.machineType,
      { min: c.min, max: c.max, desired: c.desired },
      c.image ?? p.image,
    );
  }
  return groups;
}
