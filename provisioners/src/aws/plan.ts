// Desired groups against what the cloud holds → the changes apply would make, per group.
// Launch templates and groups are compared by the spec hashes they carry as tags, and sizes
// directly, so a no-change plan needs no per-version reads.

import type { CloudPlan, GroupChange } from "../cloud/cluster-plan.js";
import { groupLabel } from "../cloud/cluster-props.js";
import type { ActualState } from "./actual.js";
import type { GroupSpec } from "./desired.js";
import { GROUP_TAG, SPEC_TAG, tagValue } from "./tags.js";

export type Step =
  | { readonly kind: "create-template"; readonly group: GroupSpec }
  | { readonly kind: "new-template-version"; readonly group: GroupSpec; readonly templateId: string }
  | { readonly kind: "create-group"; readonly group: GroupSpec }
  | { readonly kind: "update-group"; readonly group: GroupSpec; readonly changes: readonly string[] }
  | { readonly kind: "delete-group"; readonly key: string; readonly name: string }
  | {
      readonly kind: "delete-template";
      readonly key: string;
      readonly templateId: string;
      readonly name: string;
    }
  | { readonly kind: "terminate-orphans"; readonly key: string; readonly instanceIds: readonly string[] };

export type ClusterPlan = CloudPlan<Step>;

export function planCluster(desired: readonly GroupSpec[], actual: ActualState): ClusterPlan {
  const steps: Step[] = [];
  const changes: GroupChange[] = [];
  const unchanged: string[] = [];
  const wanted = new Set(desired.map((g) => g.key));

  for (const g of desired) {
    const label = groupLabel(g.key);
    const lt = actual.launchTemplates.get(g.key);
    const asg = actual.groups.get(g.key);
    const details: string[] = [];
    if (!lt) {
      steps.push({ kind: "create-template", group: g });
      details.push(`launch template ${g.name}`);
    } else if (tagValue(lt.Tags, SPEC_TAG) !== g.templateHash) {
      steps.push({ kind: "new-template-version", group: g, templateId: lt.LaunchTemplateId ?? "" });
      details.push("new launch template version (image, instance type, boot script or agent config changed)");
    }
    if (!asg) {
      steps.push({ kind: "create-group", group: g });
      details.push(
        `Auto Scaling group ${g.name}: ${g.instanceTypes.join("/")}, min ${g.min} max ${g.max}` +
          (g.desired !== undefined ? ` desired ${g.desired}` : "") +
          `, ${g.subnetIds.length} subnet(s)${g.spot ? ", spot mixed in" : ""}`,
      );
    } else {
      const diffs: string[] = [];
      if (asg.MinSize !== g.min) diffs.push(`min ${asg.MinSize} → ${g.min}`);
      if (asg.MaxSize !== g.max) diffs.push(`max ${asg.MaxSize} → ${g.max}`);
      if (g.desired !== undefined && asg.DesiredCapacity !== g.desired)
        diffs.push(`desired ${asg.DesiredCapacity} → ${g.desired}`);
      if (tagValue(asg.Tags, SPEC_TAG) !== g.groupHash) diffs.push("subnets, instance types or spot mix");
      if (diffs.length > 0) {
        steps.push({ kind: "update-group", group: g, changes: diffs });
        details.push(...diffs);
      }
    }
    if (details.length === 0) unchanged.push(label);
    else changes.push({ key: g.key, label, action: !lt && !asg ? "create" : "update", details });
  }

  // Owned things no desired group claims: a removed pool, or leftovers of a failed run.
  const stale = new Set<string>();
  for (const key of [...actual.groups.keys(), ...actual.launchTemplates.keys()])
    if (!wanted.has(key)) stale.add(key);
  // Instances no live owned group manages: the group was deleted part-way, or never made.
  const liveGroups = new Set([...actual.groups.values()].map((g) => g.AutoScalingGroupName));
  const orphans = new Map<string, string[]>();
  for (const i of actual.instances) {
    if (liveGroups.has(tagValue(i.Tags, "aws:autoscaling:groupName"))) continue;
    const key = tagValue(i.Tags, GROUP_TAG) ?? "unknown";
    orphans.set(key, [...(orphans.get(key) ?? []), i.InstanceId ?? ""]);
    stale.add(key);
  }
  for (const key of [...stale].sort()) {
    const details: string[] = [];
    const asg = wanted.has(key) ? undefined : actual.groups.get(key);
    if (asg) {
      steps.push({ kind: "delete-group", key, name: asg.AutoScalingGroupName ?? "" });
      details.push(
        `Auto Scaling group ${asg.AutoScalingGroupName} and its ${asg.Instances?.length ?? 0} instance(s)`,
      );
    }
    const ids = orphans.get(key);
    if (ids) {
      steps.push({ kind: "terminate-orphans", key, instanceIds: ids });
      details.push(`${ids.length} instance(s) left without a group`);
    }
    const lt = actual.launchTemplates.get(key);
    if (lt && !wanted.has(key)) {
      steps.push({
        kind: "delete-template",
        key,
        templateId: lt.LaunchTemplateId ?? "",
        name: lt.LaunchTemplateName ?? "",
      });
      details.push(`launch template ${lt.LaunchTemplateName}`);
    }
    if (details.length > 0)
      changes.push({ key, label: groupLabel(key), action: wanted.has(key) ? "update" : "delete", details });
  }
  return { steps, changes, unchanged };
}
