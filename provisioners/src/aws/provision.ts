// The four cluster operations on AWS, each starting from a fresh read of the cloud:
// plan (what would change), apply (make it so), destroy (remove everything owned) and
// status (instances joined to the Nomad nodes they became).

import { ClusterError, InvalidCluster } from "../cloud/cluster-errors.js";
import { type ActualState, defaultSubnets, existingSubnets, readActual } from "./actual.js";
import { type ApplyOptions, applyPlan, waitForGroupsGone } from "./apply.js";
import type { AwsClients } from "./clients.js";
import type { AwsCluster } from "./cluster.js";
import { desiredGroups, type GroupSpec } from "./desired.js";
import { type ClusterPlan, planCluster } from "./plan.js";

export interface PlanResult {
  readonly plan: ClusterPlan;
  readonly desired: readonly GroupSpec[];
  readonly actual: ActualState;
  readonly region: string;
}

/** The desired groups, with subnets checked and defaults filled in. */
export async function resolveDesired(
  aws: AwsClients,
  cluster: AwsCluster,
): Promise<{ groups: GroupSpec[]; region: string }> {
  const region = await aws.region();
  const problems = cluster.validate(region);
  if (problems.length > 0) throw new InvalidCluster(problems);
  const p = cluster.props;
  const named = new Map<string, string[]>();
  const need = (path: string, ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) named.set(id, [...(named.get(id) ?? []), path]);
  };
  need("cluster", p.subnetIds);
  need("servers", p.servers.subnetIds);
  for (const c of p.pools) need(`pool "${c.pool.name}"`, c.subnetIds);
  const usesDefault = !p.subnetIds && (!p.servers.subnetIds || p.pools.some((c) => !c.subnetIds));
  const [defaults, existing] = await Promise.all([
    usesDefault ? defaultSubnets(aws) : Promise.resolve([]),
    existingSubnets(aws, [...named.keys()]),
  ]);
  const missing = [...named].filter(([id]) => !existing.has(id));
  if (missing.length > 0)
    throw new InvalidCluster(
      missing.flatMap(([id, paths]) =>
        paths.map((path) => ({ path, message: `subnet ${id} does not exist in ${region}` })),
      ),
    );
  if (usesDefault && defaults.length === 0)
    throw new ClusterError("cluster", `no default VPC subnets in ${region}: give subnetIds`);
  return { groups: desiredGroups(cluster, region, defaults), region };
}

export async function planAws(aws: AwsClients, cluster: AwsCluster): Promise<PlanResult> {
  const [{ groups, region }, actual] = await Promise.all([
    resolveDesired(aws, cluster),
    readActual(aws, cluster.name),
  ]);
  return { plan: planCluster(groups, actual), desired: groups, actual, region };
}

export async function applyAws(
  aws: AwsClients,
  cluster: AwsCluster,
  plan: ClusterPlan,
  o: Omit<ApplyOptions, "cluster"> = {},
): Promise<void> {
  await applyPlan(aws, plan, { ...o, cluster: cluster.name });
}

/** What destroy would remove. */
export async function planDestroy(aws: AwsClients, clusterName: string): Promise<ClusterPlan> {
  return planCluster([], await readActual(aws, clusterName));
}

/** Removes every owned group, instance and launch template, until a fresh read finds none. */
export async function destroyAws(
  aws: AwsClients,
  clusterName: string,
  o: Omit<ApplyOptions, "cluster"> = {},
): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const plan = await planDestroy(aws, clusterName);
    if (plan.steps.length === 0) return;
    await applyPlan(aws, plan, { ...o, cluster: clusterName });
    await waitForGroupsGone(aws, clusterName, { ...o, cluster: clusterName });
  }
  const left = await planDestroy(aws, clusterName);
  if (left.steps.length > 0)
    throw new ClusterError(
      "cluster",
      `some resources are still there after destroy: ${left.changes.map((c) => c.label).join(", ")}`,
    );
}
