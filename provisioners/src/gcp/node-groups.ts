// The cluster's client pools as the autoscaler's node groups on GCP: one regional managed
// instance group per pool. list() is one list of the region's groups, one
// listManagedInstances per pool (never per instance) and one aggregated instances list by
// the ownership label for IPs and launch times. MIGs store no min/max: they come from the
// cluster description. An instance's ID is its name, as in the node meta the boot script writes.
import type { protos } from "@google-cloud/compute";
import { groupKey } from "../cloud/cluster-props.js";
import {
  type GroupInstance,
  type InstancePhase,
  NodeGroupError,
  type NodeGroupErrorKind,
  type NodeGroupState,
  type NodeGroups,
} from "../cloud/node-groups.js";
import { counted, type GcpClients, LIST, OperationError, RETRY, waitOperation } from "./clients.js";
import type { GcpCluster, GcpPoolProps } from "./cluster.js";
import { gcpResourceName } from "./desired.js";
import { explainGcpError, listGcpInstances } from "./provision.js";

type Operation = protos.google.cloud.compute.v1.IOperation;
type ManagedInstance = protos.google.cloud.compute.v1.IManagedInstance;

/** A managed instance's currentAction → where it is in its life. */
export function gcpPhase(currentAction: string | null | undefined): InstancePhase {
  switch (currentAction) {
    case "NONE":
      return "running";
    case "DELETING":
    case "ABANDONING":
      return "terminating";
    default:
      // CREATING, CREATING_WITHOUT_RETRIES, RECREATING, REFRESHING, RESTARTING, STARTING,
      // VERIFYING, …: not yet (or not again) serving.
      return "launching";
  }
}

/** What kind of failure a Compute error is, for the autoscaler to act on. */
export function gcpErrorKind(error: unknown): NodeGroupErrorKind {
  if (error instanceof OperationError) {
    if (error.codes.some((c) => c.includes("QUOTA"))) return "quota";
    if (error.codes.some((c) => c.startsWith("ZONE_RESOURCE_POOL_EXHAUSTED") || c.includes("STOCKOUT")))
      return "capacity";
    if (error.codes.some((c) => c === "PERMISSION_DENIED" || c === "FORBIDDEN")) return "permission";
    return "other";
  }
  const e = error as { code?: number | string; status?: number; message?: string };
  const message = e.message ?? "";
  // The REST transport reports gRPC codes (7, 5, 8) or HTTP statuses, depending on where it failed.
  if (e.code === 7 || e.code === 403 || e.status === 403 || /PERMISSION_DENIED/.test(message))
    return "permission";
  if (e.code === 5 || e.code === 404 || e.status === 404 || /NOT_FOUND|was not found/.test(message))
    return "not-found";
  if (
    e.code === 8 ||
    e.code === 429 ||
    e.status === 429 ||
    /RESOURCE_EXHAUSTED|rateLimitExceeded/.test(message)
  )
    return "throttled";
  if (/QUOTA_EXCEEDED/.test(message)) return "quota";
  if (/ZONE_RESOURCE_POOL_EXHAUSTED/.test(message)) return "capacity";
  return "other";
}

const last = (url: string | null | undefined) => (url ?? "").split("/").pop() ?? "";

export function gcpNodeGroups(c: GcpClients, cluster: GcpCluster): NodeGroups {
  const { project, region } = cluster.props;
  const pools = new Map<string, GcpPoolProps>(cluster.props.pools.map((p) => [p.pool.name, p]));
  const migName = (pool: GcpPoolProps) => gcpResourceName(cluster.name, groupKey(pool.pool));

  /** One step for a pool (or, for list, the cluster: pool ""), its failure named and sorted. */
  async function step<T>(pool: string, action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof NodeGroupError) throw error;
      const where = pool ? `pool "${pool}"` : `cluster "${cluster.name}"`;
      throw new NodeGroupError(
        gcpErrorKind(error),
        pool,
        `${where}: ${action} failed: ${explainGcpError(error)}`,
      );
    }
  }

  function known(pool: string): GcpPoolProps {
    const p = pools.get(pool);
    if (!p)
      throw new NodeGroupError(
        "not-found",
        pool,
        `pool "${pool}" is not one of cluster "${cluster.name}"'s pools (${[...pools.keys()].join(", ")})`,
      );
    return p;
  }

  async function managed(pool: string, name: string): Promise<ManagedInstance[]> {
    return step(pool, `listing the instances of ${name}`, () =>
      counted(c.calls, "regionInstanceGroupManagers.listManagedInstances", async () => {
        const out: ManagedInstance[] = [];
        for await (const m of c.groups.listManagedInstancesAsync(
          { project, region, instanceGroupManager: name, maxResults: c.maxResults },
          LIST,
        ))
          out.push(m);
        return out;
      }),
    );
  }

  async function wait(op: unknown): Promise<void> {
    await waitOperation(c, project, (op as { latestResponse: Operation }).latestResponse);
  }

  return {
    cloud: "gcp",
    async list() {
      const wanted = new Map([...pools.values()].map((p) => [migName(p), p]));
      const migs = await step("", "listing the managed instance groups", () =>
        counted(c.calls, "regionInstanceGroupManagers.list", async () => {
          const out: protos.google.cloud.compute.v1.IInstanceGroupManager[] = [];
          for await (const g of c.groups.listAsync({ project, region, maxResults: c.maxResults }, LIST))
            if (wanted.has(g.name ?? "")) out.push(g);
          return out;
        }),
      );
      const [members, instances] = await Promise.all([
        Promise.all(migs.map((g) => managed(wanted.get(g.name ?? "")?.pool.name ?? "", g.name ?? ""))),
        step("", "listing the instances", () => listGcpInstances(c, cluster)),
      ]);
      const byName = new Map(instances.map((i) => [i.name ?? "", i]));
      return migs
        .map((g, k): NodeGroupState => {
          const spec = wanted.get(g.name ?? "") as GcpPoolProps;
          return {
            pool: spec.pool.name,
            groupName: g.name ?? "",
            min: spec.min,
            max: spec.max,
            desired: g.targetSize ?? 0,
            shapes: [spec.machineType],
            instances: (members[k] ?? []).map((m): GroupInstance => {
              const id = m.name ?? last(m.instance);
              const i = byName.get(id);
              return {
                id,
                phase: gcpPhase(m.currentAction),
                launchedAt: i?.creationTimestamp ? Date.parse(i.creationTimestamp) : undefined,
                shape: i?.machineType ? last(i.machineType) : spec.machineType,
                privateIp: i?.networkInterfaces?.[0]?.networkIP ?? undefined,
              };
            }),
          };
        })
        .sort((a, b) => a.pool.localeCompare(b.pool));
    },
    async setDesired(pool, desired) {
      const name = migName(known(pool));
      await step(pool, `resizing ${name} to ${desired}`, async () => {
        const [op] = await counted(c.calls, "regionInstanceGroupManagers.resize", () =>
          c.groups.resize({ project, region, instanceGroupManager: name, size: desired }, RETRY),
        );
        await wait(op);
      });
    },
    async terminate(pool, instanceId) {
      const name = migName(known(pool));
      // The group's own list gives the instance's URL (its zone), and proves it is this
      // pool's: deleteInstances on another group's instance must never happen.
      const member = (await managed(pool, name)).find((m) => (m.name ?? last(m.instance)) === instanceId);
      if (!member?.instance)
        throw new NodeGroupError(
          "not-found",
          pool,
          `pool "${pool}": instance ${instanceId} is not in its group ${name}`,
        );
      await step(pool, `deleting instance ${instanceId} from ${name}`, async () => {
        const [op] = await counted(c.calls, "regionInstanceGroupManagers.deleteInstances", () =>
          c.groups.deleteInstances(
            {
              project,
              region,
              instanceGroupManager: name,
              regionInstanceGroupManagersDeleteInstancesRequestResource: {
                instances: [member.instance ?? ""],
              },
            },
            RETRY,
          ),
        );
        await wait(op);
      });
    },
  };
}
