// The cluster's client pools as the autoscaler's node groups on AWS: one Auto Scaling group
// per pool, found by the ownership tag. list() is one paged DescribeAutoScalingGroups and
// one paged DescribeInstances (for private IPs and launch times), however many instances.
import {
  type AutoScalingGroup,
  DescribeAutoScalingInstancesCommand,
  paginateDescribeAutoScalingGroups,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { type Instance, paginateDescribeInstances } from "@aws-sdk/client-ec2";
import { groupKey, groupLabel } from "../cloud/cluster-props.js";
import {
  type InstancePhase,
  NodeGroupError,
  type NodeGroupErrorKind,
  type NodeGroupState,
  type NodeGroups,
} from "../cloud/node-groups.js";
import type { AwsClients } from "./clients.js";
import type { AwsCluster } from "./cluster.js";
import { resourceName } from "./desired.js";
import { explainAwsError, PERMISSION, QUOTA, THROTTLED } from "./errors.js";
import { GROUP_TAG, OWNER_TAG, tagValue } from "./tags.js";

const POOL_PREFIX = "pool-";

/** Auto Scaling lifecycle states → where the instance is in its life. */
export function awsPhase(lifecycleState: string | undefined): InstancePhase {
  if (!lifecycleState || lifecycleState.startsWith("Pending") || lifecycleState === "Warmed:Pending")
    return "launching";
  if (
    lifecycleState === "InService" ||
    lifecycleState.startsWith("Standby") ||
    lifecycleState === "EnteringStandby"
  )
    return "running";
  // Terminating*, Detaching, Detached, Quarantined, Warmed:*.
  return "terminating";
}

/** What kind of failure an AWS error is, for the autoscaler to act on. */
export function awsErrorKind(error: unknown): NodeGroupErrorKind {
  const e = error as { name?: string; Code?: string; message?: string };
  const code = e.Code ?? e.name ?? "";
  if (QUOTA.has(code)) return "quota";
  if (code === "InsufficientInstanceCapacity" || /InsufficientInstanceCapacity/.test(e.message ?? ""))
    return "capacity";
  if (PERMISSION.has(code)) return "permission";
  if (THROTTLED.has(code)) return "throttled";
  if (/not found/i.test(e.message ?? "") || code.endsWith("NotFound")) return "not-found";
  return "other";
}

export function awsNodeGroups(aws: AwsClients, cluster: AwsCluster): NodeGroups {
  const pools = new Map(cluster.props.pools.map((p) => [p.pool.name, p]));
  const groupName = (pool: string) => resourceName(cluster.name, groupKey(pools.get(pool)?.pool));

  /** One call for a pool (or, for list, the cluster: pool ""), its failure named and sorted. */
  async function call<T>(pool: string, action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof NodeGroupError) throw error;
      const where = pool ? groupLabel(`${POOL_PREFIX}${pool}`) : `cluster "${cluster.name}"`;
      throw new NodeGroupError(
        awsErrorKind(error),
        pool,
        `${where}: ${action} failed: ${explainAwsError(error)}`,
      );
    }
  }

  function known(pool: string): void {
    if (!pools.has(pool))
      throw new NodeGroupError(
        "not-found",
        pool,
        `pool "${pool}" is not one of cluster "${cluster.name}"'s pools (${[...pools.keys()].join(", ")})`,
      );
  }

  return {
    cloud: "aws",
    async list() {
      const [groups, instances] = await Promise.all([
        call("", "DescribeAutoScalingGroups", async () => {
          const out: AutoScalingGroup[] = [];
          const pages = paginateDescribeAutoScalingGroups(
            { client: aws.autoScaling },
            { Filters: [{ Name: `tag:${OWNER_TAG}`, Values: [cluster.name] }] },
          );
          for await (const page of pages) out.push(...(page.AutoScalingGroups ?? []));
          return out;
        }),
        call("", "DescribeInstances", async () => {
          const out: Instance[] = [];
          const pages = paginateDescribeInstances(
            { client: aws.ec2 },
            {
              Filters: [
                { Name: `tag:${OWNER_TAG}`, Values: [cluster.name] },
                {
                  Name: "instance-state-name",
                  Values: ["pending", "running", "stopping", "stopped", "shutting-down"],
                },
              ],
              MaxResults: 1000,
            },
          );
          for await (const page of pages)
            for (const r of page.Reservations ?? []) out.push(...(r.Instances ?? []));
          return out;
        }),
      ]);
      const byId = new Map<string, Instance>(instances.map((i) => [i.InstanceId ?? "", i]));
      const states: NodeGroupState[] = [];
      for (const g of groups) {
        const key = tagValue(g.Tags, GROUP_TAG) ?? "";
        if (!key.startsWith(POOL_PREFIX) || g.Status === "Delete in progress") continue;
        const pool = key.slice(POOL_PREFIX.length);
        const spec = pools.get(pool);
        const types = spec
          ? typeof spec.instanceType === "string"
            ? [spec.instanceType]
            : spec.instanceType
          : [];
        states.push({
          pool,
          groupName: g.AutoScalingGroupName ?? "",
          min: g.MinSize ?? 0,
          max: g.MaxSize ?? 0,
          desired: g.DesiredCapacity ?? 0,
          shapes: [...types],
          instances: (g.Instances ?? []).map((member) => {
            const ec2 = byId.get(member.InstanceId ?? "");
            return {
              id: member.InstanceId ?? "",
              phase: awsPhase(member.LifecycleState),
              launchedAt: ec2?.LaunchTime?.getTime(),
              shape: member.InstanceType ?? ec2?.InstanceType,
              privateIp: ec2?.PrivateIpAddress,
            };
          }),
        });
      }
      return states.sort((a, b) => a.pool.localeCompare(b.pool));
    },
    async setDesired(pool, desired) {
      known(pool);
      await call(pool, `SetDesiredCapacity ${desired}`, () =>
        aws.autoScaling.send(
          new SetDesiredCapacityCommand({
            AutoScalingGroupName: groupName(pool),
            DesiredCapacity: desired,
            // The autoscaler keeps its own cooldowns; the group's must not refuse it.
            HonorCooldown: false,
          }),
        ),
      );
    },
    async terminate(pool, instanceId) {
      known(pool);
      // TerminateInstanceInAutoScalingGroup takes any group's instance: make sure it is this
      // pool's, so a mix-up can never remove a server or another pool's node.
      const [owner] = await call(pool, `DescribeAutoScalingInstances ${instanceId}`, async () => {
        const out = await aws.autoScaling.send(
          new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] }),
        );
        return (out.AutoScalingInstances ?? []).map((i) => i.AutoScalingGroupName);
      });
      if (owner !== groupName(pool))
        throw new NodeGroupError(
          "not-found",
          pool,
          `pool "${pool}": instance ${instanceId} is not in its group ${groupName(pool)}` +
            (owner ? ` but in ${owner}` : ""),
        );
      await call(pool, `TerminateInstanceInAutoScalingGroup ${instanceId}`, () =>
        aws.autoScaling.send(
          new TerminateInstanceInAutoScalingGroupCommand({
            InstanceId: instanceId,
            ShouldDecrementDesiredCapacity: true,
          }),
        ),
      );
    },
  };
}
