// The cluster as AWS resources: per group, a launch template (boot script, tags the instances
// are born with) and an Auto Scaling group across its subnets. Pure: no calls.
import { createHash } from "node:crypto";
import type { _InstanceType, RequestLaunchTemplateData } from "@aws-sdk/client-ec2";
import type { DiscoverConfig } from "nomadkit/schema";
import { agentHcl, clientConfig, serverConfig } from "../agent/agent-config.js";
import { bootScript } from "../agent/boot-script.js";
import { groupKey, sharedAgentOptions } from "../cloud/cluster-props.js";
import type { AwsCluster, ClientPoolProps } from "./cluster.js";
import { JOIN_TAG, ownerTags } from "./tags.js";

export interface GroupSpec {
  /** "server" or "pool-<name>". */
  readonly key: string;
  readonly role: "server" | "client";
  /** Launch template and Auto Scaling group name. */
  readonly name: string;
  readonly launchTemplate: RequestLaunchTemplateData;
  readonly min: number;
  readonly max: number;
  /** Unset: left to whoever scales the group. */
  readonly desired?: number;
  readonly subnetIds: readonly string[];
  readonly instanceTypes: readonly string[];
  readonly spot?: ClientPoolProps["spot"];
  /** Hashes written as tags; a differing hash means a changed group. */
  readonly templateHash: string;
  readonly groupHash: string;
  /** The agent configuration the boot script writes. */
  readonly agentHcl: string;
}

/** The go-discover string that finds this cluster's servers. */
export function awsJoin(cluster: AwsCluster, region: string): DiscoverConfig {
  const args: Record<string, string> = {
    tag_key: JOIN_TAG,
    tag_value: cluster.name,
    region,
    addr_type: "private_v4",
  };
  if (cluster.props.joinEndpoint) args.endpoint = cluster.props.joinEndpoint;
  return { provider: "aws", args };
}

export function resourceName(cluster: string, key: string): string {
  return `nomadkit-${cluster}-${key}`;
}

function hash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

/** Desired groups, servers first. `defaultSubnets` serve groups that name none. */
export function desiredGroups(
  cluster: AwsCluster,
  region: string,
  defaultSubnets: readonly string[],
): GroupSpec[] {
  const p = cluster.props;
  const join = awsJoin(cluster, region);
  const common = sharedAgentOptions(p.agent, p.datacenter ?? region, join);
  const groups: GroupSpec[] = [];
  const add = (
    key: string,
    role: "server" | "client",
    hcl: string,
    types: readonly string[],
    sizes: { min: number; max: number; desired?: number },
    subnets: readonly string[] | undefined,
    imageId: string,
    spot?: ClientPoolProps["spot"],
  ) => {
    const name = resourceName(cluster.name, key);
    const instanceTags = [
      ...ownerTags(cluster.name, key),
      ...(role === "server" ? [{ Key: JOIN_TAG, Value: cluster.name }] : []),
    ];
    const mixed = types.length > 1 || spot !== undefined;
    const launchTemplate: RequestLaunchTemplateData = {
      ImageId: imageId,
      ...(mixed ? {} : { InstanceType: types[0] as _InstanceType }),
      UserData: Buffer.from(
        bootScript({ cloud: "aws", nomad: p.nomad, agentHcl: hcl, client: role === "client" }),
      ).toString("base64"),
      ...(p.iamInstanceProfile ? { IamInstanceProfile: { Name: p.iamInstanceProfile } } : {}),
      ...(p.securityGroupIds ? { SecurityGroupIds: [...p.securityGroupIds] } : {}),
      ...(p.keyName ? { KeyName: p.keyName } : {}),
      MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled" },
      // Instances carry their tags from the first moment, so auto-join can find a server
      // before any client boots, and no instance exists untagged.
      TagSpecifications: [
        { ResourceType: "instance", Tags: instanceTags },
        { ResourceType: "volume", Tags: ownerTags(cluster.name, key) },
      ],
    };
    const subnetIds = [...(subnets ?? p.subnetIds ?? defaultSubnets)];
    groups.push({
      key,
      role,
      name,
      launchTemplate,
      ...sizes,
      subnetIds,
      instanceTypes: types,
      spot,
      templateHash: hash(launchTemplate),
      groupHash: hash({ subnetIds: [...subnetIds].sort(), types, spot: spot ?? null, mixed }),
      agentHcl: hcl,
    });
  };

  const server = serverConfig({ ...common, bootstrapExpect: p.servers.count, gossipKey: p.agent?.gossipKey });
  const n = p.servers.count;
  add(
    "server",
    "server",
    agentHcl(server),
    [p.servers.instanceType],
    { min: n, max: n, desired: n },
    p.servers.subnetIds,
    p.imageId,
  );
  for (const c of p.pools) {
    const hcl = agentHcl(
      clientConfig({
        ...common,
        nodePool: c.pool,
        nodeClass: c.nodeClass,
        meta: c.meta,
        hostVolumes: c.hostVolumes,
        options: p.agent?.clientOptions,
      }),
    );
    const types = typeof c.instanceType === "string" ? [c.instanceType] : [...c.instanceType];
    add(
      groupKey(c.pool),
      "client",
      hcl,
      types,
      { min: c.min, max: c.max, desired: c.desired },
      c.subnetIds,
      c.imageId ?? p.imageId,
      c.spot,
    );
  }
  return groups;
}
