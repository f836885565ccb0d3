// Carries out a plan's steps in order: servers first (and waits for them to run, so their
// auto-join tag is there before any client boots), then client pools, then removals. Every
// step is idempotent against a fresh read, so a run that failed part-way is finished by
// running apply again.
import {
  CreateAutoScalingGroupCommand,
  type CreateAutoScalingGroupCommandInput,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  paginateDescribeAutoScalingGroups,
  UpdateAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { ClusterError } from "../cloud/cluster-errors.js";
import { groupLabel } from "../cloud/cluster-props.js";
import { ownedInstances } from "./actual.js";
import type { AwsClients } from "./clients.js";
import type { GroupSpec } from "./desired.js";
import { inGroup } from "./errors.js";
import type { ClusterPlan, Step } from "./plan.js";
import { ownerTags, SPEC_TAG } from "./tags.js";

export interface ApplyOptions {
  readonly cluster: string;
  /** Called with a line for each long step (a TTY shows it as progress). */
  readonly progress?: (line: string) => void;
  /** How long to wait for servers to run, and how often to look (ms). */
  readonly waitTimeoutMs?: number;
  readonly pollMs?: number;
}

export async function applyPlan(aws: AwsClients, plan: ClusterPlan, o: ApplyOptions): Promise<void> {
  const say = o.progress ?? (() => {});
  const ordered = [...plan.steps].sort((a, b) => rank(a) - rank(b));
  let serversStarted = false;
  for (const step of ordered) {
    // Servers run (and carry the join tag) before any client group is made.
    if (serversStarted && step.kind === "create-group" && step.group.role === "client") {
      await waitForServers(aws, o, plan);
      serversStarted = false;
    }
    await run(aws, step, o.cluster, say);
    if (step.kind === "create-group" && step.group.role === "server") serversStarted = true;
  }
  if (serversStarted) await waitForServers(aws, o, plan);
}

function rank(step: Step): number {
  const server = "group" in step && step.group.role === "server";
  switch (step.kind) {
    case "create-template":
    case "new-template-version":
      return server ? 0 : 2;
    case "create-group":
    case "update-group":
      return server ? 1 : 3;
    case "delete-group":
      return 4;
    case "terminate-orphans":
      return 5;
    case "delete-template":
      return 6;
  }
}

async function run(aws: AwsClients, step: Step, cluster: string, say: (line: string) => void): Promise<void> {
  switch (step.kind) {
    case "create-template": {
      const g = step.group;
      say(`${groupLabel(g.key)}: creating launch template ${g.name}`);
      await inGroup(groupLabel(g.key), "CreateLaunchTemplate", () =>
        aws.ec2.send(
          new CreateLaunchTemplateCommand({
            LaunchTemplateName: g.name,
            LaunchTemplateData: g.launchTemplate,
            TagSpecifications: [
              {
                ResourceType: "launch-template",
                Tags: [...ownerTags(cluster, g.key), { Key: SPEC_TAG, Value: g.templateHash }],
              },
            ],
          }),
        ),
      );
      return;
    }
    case "new-template-version": {
      const g = step.group;
      say(`${groupLabel(g.key)}: new launch template version`);
      await inGroup(groupLabel(g.key), "CreateLaunchTemplateVersion", () =>
        aws.ec2.send(
          new CreateLaunchTemplateVersionCommand({
            LaunchTemplateId: step.templateId,
            LaunchTemplateData: g.launchTemplate,
          }),
        ),
      );
      // The hash moves only once the version exists, so a failure in between is redone.
      await inGroup(groupLabel(g.key), "CreateTags", () =>
        aws.ec2.send(
          new CreateTagsCommand({
            Resources: [step.templateId],
            Tags: [{ Key: SPEC_TAG, Value: g.templateHash }],
          }),
        ),
      );
      return;
    }
    case "create-group": {
      const g = step.group;
      say(`${groupLabel(g.key)}: creating Auto Scaling group ${g.name}`);
      await inGroup(groupLabel(g.key), "CreateAutoScalingGroup", () =>
        aws.autoScaling.send(new CreateAutoScalingGroupCommand(groupInput(g, cluster))),
      );
      return;
    }
    case "update-group": {
      const g = step.group;
      say(`${groupLabel(g.key)}: updating ${step.changes.join(", ")}`);
      const input = groupInput(g, cluster);
      await inGroup(groupLabel(g.key), "UpdateAutoScalingGroup", () =>
        aws.autoScaling.send(
          new UpdateAutoScalingGroupCommand({
            AutoScalingGroupName: g.name,
            MinSize: g.min,
            MaxSize: g.max,
            DesiredCapacity: g.desired,
            VPCZoneIdentifier: input.VPCZoneIdentifier,
            ...(input.MixedInstancesPolicy
              ? { MixedInstancesPolicy: input.MixedInstancesPolicy }
              : { LaunchTemplate: input.LaunchTemplate }),
          }),
        ),
      );
      await inGroup(groupLabel(g.key), "CreateOrUpdateTags", () =>
        aws.autoScaling.send(
          new CreateOrUpdateTagsCommand({ Tags: [groupTag(g.name, SPEC_TAG, g.groupHash, false)] }),
        ),
      );
      return;
    }
    case "delete-group": {
      say(`${groupLabel(step.key)}: deleting Auto Scaling group ${step.name} and its instances`);
      await inGroup(groupLabel(step.key), "DeleteAutoScalingGroup", () =>
        aws.autoScaling.send(
          new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: step.name, ForceDelete: true }),
        ),
      );
      return;
    }
    case "terminate-orphans": {
      say(`${groupLabel(step.key)}: terminating ${step.instanceIds.length} instance(s) without a group`);
      await inGroup(groupLabel(step.key), "TerminateInstances", () =>
        aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [...step.instanceIds] })),
      );
      return;
    }
    case "delete-template": {
      say(`${groupLabel(step.key)}: deleting launch template ${step.name}`);
      await inGroup(groupLabel(step.key), "DeleteLaunchTemplate", () =>
        aws.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: step.templateId })),
      );
      return;
    }
  }
}

function groupTag(group: string, key: string, value: string, propagate: boolean) {
  return {
    ResourceId: group,
    ResourceType: "auto-scaling-group",
    Key: key,
    Value: value,
    PropagateAtLaunch: propagate,
  };
}

function groupInput(g: GroupSpec, cluster: string): CreateAutoScalingGroupCommandInput {
  const template = { LaunchTemplateName: g.name, Version: "$Latest" };
  const mixed = g.instanceTypes.length > 1 || g.spot !== undefined;
  return {
    AutoScalingGroupName: g.name,
    MinSize: g.min,
    MaxSize: g.max,
    DesiredCapacity: g.desired ?? g.min,
    VPCZoneIdentifier: g.subnetIds.join(","),
    ...(mixed
      ? {
          MixedInstancesPolicy: {
            LaunchTemplate: {
              LaunchTemplateSpecification: template,
              Overrides: g.instanceTypes.map((t) => ({ InstanceType: t })),
            },
            InstancesDistribution: {
              OnDemandBaseCapacity: g.spot?.onDemandBase ?? 0,
              OnDemandPercentageAboveBaseCapacity: g.spot ? (g.spot.onDemandPercentAboveBase ?? 0) : 100,
              SpotAllocationStrategy: "price-capacity-optimized",
            },
          },
        }
      : { LaunchTemplate: template }),
    Tags: [
      ...ownerTags(cluster, g.key).map((t) => groupTag(g.name, t.Key ?? "", t.Value ?? "", true)),
      groupTag(g.name, SPEC_TAG, g.groupHash, false),
    ],
  };
}

async function waitForServers(aws: AwsClients, o: ApplyOptions, plan: ClusterPlan): Promise<void> {
  const server = plan.steps.find((s) => "group" in s && s.group.role === "server");
  const want = server && "group" in server ? server.group.min : 0;
  const deadline = Date.now() + (o.waitTimeoutMs ?? 600_000);
  for (;;) {
    const running = (await ownedInstances(aws, o.cluster, "server")).filter(
      (i) => i.State?.Name === "running",
    );
    o.progress?.(`servers: ${running.length}/${want} running`);
    if (running.length >= want) return;
    if (Date.now() > deadline)
      throw new ClusterError(
        "servers",
        `only ${running.length} of ${want} servers are running; see the group's activity in the EC2 console`,
      );
    await new Promise((r) => setTimeout(r, o.pollMs ?? 5_000));
  }
}

/** Waits until no owned Auto Scaling group is left (deletion is asynchronous on AWS). */
export async function waitForGroupsGone(aws: AwsClients, cluster: string, o: ApplyOptions): Promise<void> {
  const deadline = Date.now() + (o.waitTimeoutMs ?? 600_000);
  for (;;) {
    let left = 0;
    for await (const page of paginateDescribeAutoScalingGroups(
      { client: aws.autoScaling },
      { Filters: [{ Name: "tag:nomadkit:cluster", Values: [cluster] }] },
    ))
      left += page.AutoScalingGroups?.length ?? 0;
    if (left === 0) return;
    if (Date.now() > deadline)
      throw new ClusterError("cluster", `${left} Auto Scaling group(s) are still being deleted`);
    o.progress?.(`waiting for ${left} Auto Scaling group(s) to go`);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 5_000));
  }
}
