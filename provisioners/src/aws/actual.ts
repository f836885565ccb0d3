// What the cloud holds for a cluster, found by its ownership tag alone: launch templates,
// Auto Scaling groups and instances. There is no state file; every run reads this afresh.
import { type AutoScalingGroup, paginateDescribeAutoScalingGroups } from "@aws-sdk/client-auto-scaling";
import {
  DescribeSubnetsCommand,
  type Instance,
  type LaunchTemplate,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
} from "@aws-sdk/client-ec2";
import { ClusterError } from "../cloud/cluster-errors.js";
import type { AwsClients } from "./clients.js";
import { explainAwsError } from "./errors.js";
import { GROUP_TAG, OWNER_TAG, tagValue } from "./tags.js";

export interface ActualState {
  /** By group key. */
  readonly launchTemplates: ReadonlyMap<string, LaunchTemplate>;
  readonly groups: ReadonlyMap<string, AutoScalingGroup>;
  /** Owned instances that are not terminated, of every group. */
  readonly instances: readonly Instance[];
}

const LIVE_STATES = ["pending", "running", "stopping", "stopped", "shutting-down"];

export async function readActual(aws: AwsClients, cluster: string): Promise<ActualState> {
  const [launchTemplates, groups, instances] = await Promise.all([
    ownedLaunchTemplates(aws, cluster),
    ownedGroups(aws, cluster),
    ownedInstances(aws, cluster),
  ]);
  return { launchTemplates, groups, instances };
}

async function ownedLaunchTemplates(aws: AwsClients, cluster: string): Promise<Map<string, LaunchTemplate>> {
  const out = new Map<string, LaunchTemplate>();
  const pages = paginateDescribeLaunchTemplates(
    { client: aws.ec2 },
    { Filters: [{ Name: `tag:${OWNER_TAG}`, Values: [cluster] }] },
  );
  for await (const page of guard(pages, "read the launch templates"))
    for (const lt of page.LaunchTemplates ?? []) {
      const key = tagValue(lt.Tags, GROUP_TAG);
      if (key) out.set(key, lt);
    }
  return out;
}

async function ownedGroups(aws: AwsClients, cluster: string): Promise<Map<string, AutoScalingGroup>> {
  const out = new Map<string, AutoScalingGroup>();
  const pages = paginateDescribeAutoScalingGroups(
    { client: aws.autoScaling },
    { Filters: [{ Name: `tag:${OWNER_TAG}`, Values: [cluster] }] },
  );
  for await (const page of guard(pages, "read the Auto Scaling groups"))
    for (const g of page.AutoScalingGroups ?? []) {
      // A group being deleted still shows until AWS finishes; it's gone for our purposes.
      if (g.Status === "Delete in progress") continue;
      const key = tagValue(g.Tags, GROUP_TAG);
      if (key) out.set(key, g);
    }
  return out;
}

/** Owned, not-terminated instances; DescribeInstances pages by reservation, so follow every page. */
export async function ownedInstances(aws: AwsClients, cluster: string, group?: string): Promise<Instance[]> {
  const out: Instance[] = [];
  const filters = [
    { Name: `tag:${OWNER_TAG}`, Values: [cluster] },
    { Name: "instance-state-name", Values: LIVE_STATES },
    ...(group ? [{ Name: `tag:${GROUP_TAG}`, Values: [group] }] : []),
  ];
  const pages = paginateDescribeInstances({ client: aws.ec2 }, { Filters: filters, MaxResults: 100 });
  for await (const page of guard(pages, "read the instances"))
    for (const r of page.Reservations ?? []) out.push(...(r.Instances ?? []));
  return out;
}

/** The default VPC's subnets (one per zone), for groups that name none. */
export async function defaultSubnets(aws: AwsClients): Promise<string[]> {
  try {
    const out = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: "default-for-az", Values: ["true"] }] }),
    );
    return (out.Subnets ?? [])
      .map((s) => s.SubnetId ?? "")
      .filter((s) => s !== "")
      .sort();
  } catch (error) {
    throw new ClusterError("cluster", `could not read the default VPC's subnets: ${explainAwsError(error)}`);
  }
}

/** Which of these subnets exist; a missing one is the caller's to name. */
export async function existingSubnets(aws: AwsClients, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  try {
    const out = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: "subnet-id", Values: [...ids] }] }),
    );
    return new Set((out.Subnets ?? []).map((s) => s.SubnetId ?? ""));
  } catch (error) {
    throw new ClusterError("cluster", `could not read the subnets: ${explainAwsError(error)}`);
  }
}

async function* guard<T>(pages: AsyncIterable<T>, what: string): AsyncIterable<T> {
  try {
    yield* pages;
  } catch (error) {
    throw new ClusterError("cluster", `could not ${what}: ${explainAwsError(error)}`);
  }
}
