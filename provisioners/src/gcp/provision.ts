// Plan, apply and destroy on GCP, reading the actual state from the cloud (templates by
// their ownership labels, groups by name, instances by label filter): no state file. A
// no-change apply makes only list calls.
import type { protos } from "@google-cloud/compute";
import { ClusterError, InvalidCluster } from "../cloud/cluster-errors.js";
import type { CloudPlan, GroupChange } from "../cloud/cluster-plan.js";
import { groupLabel } from "../cloud/cluster-props.js";
import { counted, type GcpClients, LIST, OperationError, RETRY, waitOperation } from "./clients.js";
import type { GcpCluster } from "./cluster.js";
import { desiredGcpGroups, type GcpGroupSpec, gcpResourceName } from "./desired.js";
import { GROUP_LABEL, OWNER_LABEL } from "./labels.js";

type Template = protos.google.cloud.compute.v1.IInstanceTemplate;
type Manager = protos.google.cloud.compute.v1.IInstanceGroupManager;
type Instance = protos.google.cloud.compute.v1.IInstance;

export interface GcpActual {
  /** Owned templates, by name. */
  readonly templates: Map<string, Template>;
  /** Owned managed instance groups, by group key. */
  readonly groups: Map<string, Manager>;
  readonly instances: readonly Instance[];
}

export type GcpStep =
  | { readonly kind: "create-template"; readonly group: GcpGroupSpec }
  | { readonly kind: "create-group"; readonly group: GcpGroupSpec }
  | { readonly kind: "set-template"; readonly group: GcpGroupSpec }
  | { readonly kind: "resize"; readonly group: GcpGroupSpec; readonly from: number; readonly size: number }
  | { readonly kind: "delete-group"; readonly key: string; readonly name: string }
  | { readonly kind: "delete-template"; readonly key: string; readonly name: string };

export type GcpPlan = CloudPlan<GcpStep>;

const last = (url: string | null | undefined) => (url ?? "").split("/").pop() ?? "";

/** Everything the cluster owns, read with list calls only. */
export async function readGcp(c: GcpClients, cluster: GcpCluster): Promise<GcpActual> {
  const { project, region } = cluster.props;
  const templates = new Map<string, Template>();
  await reading("the instance templates", () =>
    counted(c.calls, "instanceTemplates.list", async () => {
      for await (const t of c.templates.listAsync({ project, maxResults: c.maxResults }, LIST))
        if (t.properties?.labels?.[OWNER_LABEL] === cluster.name) templates.set(t.name ?? "", t);
    }),
  );
  const groups = new Map<string, Manager>();
  const prefix = `${gcpResourceName(cluster.name, "")}`;
  await reading("the managed instance groups", () =>
    counted(c.calls, "regionInstanceGroupManagers.list", async () => {
      // MIGs carry no labels: a group is ours when its name has our prefix and its template
      // carries our ownership label (so cluster "ml" never claims "ml-2"'s groups).
      for await (const g of c.groups.listAsync({ project, region, maxResults: c.maxResults }, LIST))
        if (g.name?.startsWith(prefix) && templates.has(last(g.instanceTemplate)))
          groups.set(g.name.slice(prefix.length), g);
    }),
  );
  return { templates, groups, instances: await readGcpInstances(c, cluster) };
}

/** The cluster's instances in every zone, by the ownership label: one paged call. */
export async function readGcpInstances(c: GcpClients, cluster: GcpCluster): Promise<Instance[]> {
  return reading("the instances", () => listGcpInstances(c, cluster));
}

/** readGcpInstances, with the client's own error for callers that sort errors themselves. */
export async function listGcpInstances(c: GcpClients, cluster: GcpCluster): Promise<Instance[]> {
  const instances: Instance[] = [];
  await counted(c.calls, "instances.aggregatedList", async () => {
    const filter = `labels.${OWNER_LABEL} = "${cluster.name}"`;
    for await (const [, scoped] of c.instances.aggregatedListAsync(
      { project: cluster.props.project, filter, maxResults: c.maxResults },
      LIST,
    ))
      instances.push(...(scoped.instances ?? []));
  });
  return instances;
}

export function planGcpCluster(desired: readonly GcpGroupSpec[], actual: GcpActual): GcpPlan {
  const steps: GcpStep[] = [];
  const changes: GroupChange[] = [];
  const unchanged: string[] = [];
  const wanted = new Set(desired.map((g) => g.key));
  const keep = new Set(desired.map((g) => g.templateName));
  for (const g of desired) {
    const label = groupLabel(g.key);
    const mig = actual.groups.get(g.key);
    const details: string[] = [];
    if (!actual.templates.has(g.templateName)) {
      steps.push({ kind: "create-template", group: g });
      details.push(`instance template ${g.templateName}`);
    }
    if (!mig) {
      steps.push({ kind: "create-group", group: g });
      const range = g.key === "server" ? "" : ` (min ${g.min}, max ${g.max})`;
      details.push(
        `regional managed instance group ${g.name}: ${g.template.properties?.machineType} × ${startSize(g)}${range}`,
      );
    } else {
      if (last(mig.instanceTemplate) !== g.templateName) {
        steps.push({ kind: "set-template", group: g });
        details.push(`template ${last(mig.instanceTemplate)} → ${g.templateName} (applies to new instances)`);
      }
      const resize = resizeTo(g, mig.targetSize ?? 0);
      if (resize) {
        steps.push({ kind: "resize", group: g, from: mig.targetSize ?? 0, size: resize.size });
        details.push(`size ${mig.targetSize} → ${resize.size} (${resize.why})`);
      }
    }
    if (details.length === 0) unchanged.push(label);
    else changes.push({ key: g.key, label, action: mig ? "update" : "create", details });
  }
  const stale = new Map<string, string[]>();
  const note = (key: string, d: string) => stale.set(key, [...(stale.get(key) ?? []), d]);
  const deletes: GcpStep[] = [];
  for (const [key, mig] of actual.groups)
    if (!wanted.has(key)) {
      deletes.push({ kind: "delete-group", key, name: mig.name ?? "" });
      note(key, `managed instance group ${mig.name} and its ${mig.targetSize ?? 0} instance(s)`);
    }
  for (const [name, t] of actual.templates)
    if (!keep.has(name)) {
      const key = t.properties?.labels?.[GROUP_LABEL] ?? "unknown";
      deletes.push({ kind: "delete-template", key, name });
      note(key, `instance template ${name}`);
    }
  // Groups go before templates: a template in use can't be deleted.
  steps.push(
    ...deletes.filter((s) => s.kind === "delete-group"),
    ...deletes.filter((s) => s.kind !== "delete-group"),
  );
  for (const [key, details] of [...stale].sort())
    changes.push({ key, label: groupLabel(key), action: wanted.has(key) ? "update" : "delete", details });
  return { steps, changes, unchanged };
}

/** A new group's targetSize. */
export function startSize(g: GcpGroupSpec): number {
  return g.desired ?? g.min;
}

/**
 * The size apply sets on an existing group, if any. Without `desired` the size belongs to
 * whoever scales the group (the autoscaler), so only a size outside min … max is brought back.
 */
export function resizeTo(g: GcpGroupSpec, current: number): { size: number; why: string } | undefined {
  if (g.desired !== undefined) return current === g.desired ? undefined : { size: g.desired, why: "desired" };
  if (current < g.min) return { size: g.min, why: `below min ${g.min}` };
  if (current > g.max) return { size: g.max, why: `above max ${g.max}` };
  return undefined;
}

/** The error's message, with what to do about the common kinds. */
export function explainGcpError(error: unknown): string {
  if (error instanceof OperationError) {
    if (error.codes.some((c) => c.includes("QUOTA")))
      return `${error.message} — a GCP quota is reached; ask for more (IAM & Admin → Quotas) or lower the size`;
    if (error.codes.some((c) => c.startsWith("ZONE_RESOURCE_POOL_EXHAUSTED")))
      return `${error.message} — the region has no capacity for this machine type now; try again later or use another machine type`;
    return error.message;
  }
  const e = error as { code?: number; message?: string; statusDetails?: unknown };
  const message = e.message ?? String(error);
  if (e.code === 7 || /PERMISSION_DENIED|403/.test(message))
    return `${message} — the credentials in use lack a Compute permission (roles/compute.instanceAdmin.v1)`;
  if (/Could not load the default credentials/.test(message))
    return `${message.split(". ")[0]} — set GOOGLE_APPLICATION_CREDENTIALS or run \`gcloud auth application-default login\``;
  if (/ECONNREFUSED|ENOTFOUND/.test(message))
    return `${message} — is NOMADKIT_GCE_ENDPOINT (if set) reachable?`;
  return message;
}

async function reading<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ClusterError("cluster", `could not read ${what}: ${explainGcpError(error)}`);
  }
}

async function inGroup<T>(key: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ClusterError(groupLabel(key), `${action} failed: ${explainGcpError(error)}`);
  }
}

export interface GcpPlanResult {
  readonly plan: GcpPlan;
  readonly actual: GcpActual;
}

export async function planGcp(c: GcpClients, cluster: GcpCluster): Promise<GcpPlanResult> {
  const problems = cluster.validate();
  if (problems.length > 0) throw new InvalidCluster(problems);
  const actual = await readGcp(c, cluster);
  return { plan: planGcpCluster(desiredGcpGroups(cluster), actual), actual };
}

export interface GcpApplyOptions {
  /** Called with a line before each step (a TTY shows it as progress). */
  readonly progress?: (line: string) => void;
}

export async function applyGcpPlan(
  c: GcpClients,
  cluster: GcpCluster,
  plan: GcpPlan,
  o: GcpApplyOptions = {},
): Promise<void> {
  const { project, region } = cluster.props;
  const say = o.progress ?? (() => {});
  const global = (op: protos.google.cloud.compute.v1.IOperation) => waitOperation(c, project, op);
  const regional = global;
  for (const s of plan.steps) {
    const key = "group" in s ? s.group.key : s.key;
    say(`${groupLabel(key)}: ${describeStep(s)}`);
    switch (s.kind) {
      case "create-template":
        await inGroup(key, `creating instance template ${s.group.templateName}`, async () => {
          const [op] = await counted(c.calls, "instanceTemplates.insert", () =>
            c.templates.insert({ project, instanceTemplateResource: s.group.template }, RETRY),
          );
          await global(op.latestResponse as protos.google.cloud.compute.v1.IOperation);
        });
        break;
      case "create-group":
        await inGroup(key, `creating managed instance group ${s.group.name}`, async () => {
          const [op] = await counted(c.calls, "regionInstanceGroupManagers.insert", () =>
            c.groups.insert(
              {
                project,
                region,
                instanceGroupManagerResource: {
                  name: s.group.name,
                  baseInstanceName: s.group.name,
                  instanceTemplate: `projects/${project}/global/instanceTemplates/${s.group.templateName}`,
                  targetSize: startSize(s.group),
                },
              },
              RETRY,
            ),
          );
          await regional(op.latestResponse as protos.google.cloud.compute.v1.IOperation);
        });
        break;
      case "set-template":
        await inGroup(key, `setting the template of ${s.group.name}`, async () => {
          const [op] = await counted(c.calls, "regionInstanceGroupManagers.setInstanceTemplate", () =>
            c.groups.setInstanceTemplate(
              {
                project,
                region,
                instanceGroupManager: s.group.name,
                regionInstanceGroupManagersSetTemplateRequestResource: {
                  instanceTemplate: `projects/${project}/global/instanceTemplates/${s.group.templateName}`,
                },
              },
              RETRY,
            ),
          );
          await regional(op.latestResponse as protos.google.cloud.compute.v1.IOperation);
        });
        break;
      case "resize":
        await inGroup(key, `resizing ${s.group.name}`, async () => {
          const [op] = await counted(c.calls, "regionInstanceGroupManagers.resize", () =>
            c.groups.resize({ project, region, instanceGroupManager: s.group.name, size: s.size }, RETRY),
          );
          await regional(op.latestResponse as protos.google.cloud.compute.v1.IOperation);
        });
        break;
      case "delete-group":
        await inGroup(key, `deleting managed instance group ${s.name}`, async () => {
          const [op] = await counted(c.calls, "regionInstanceGroupManagers.delete", () =>
            c.groups.delete({ project, region, instanceGroupManager: s.name }, RETRY),
          );
          await regional(op.latestResponse as protos.google.cloud.compute.v1.IOperation);
        });
        break;
      case "delete-template":
        await inGroup(key, `deleting instance template ${s.name}`, async () => {
          const [op] = await counted(c.calls, "instanceTemplates.delete", () =>
            c.templates.delete({ project, instanceTemplate: s.name }, RETRY),
          );
          await global(op.latestResponse as protos.google.cloud.compute.v1.IOperation);
        });
        break;
    }
  }
}

function describeStep(s: GcpStep): string {
  switch (s.kind) {
    case "create-template":
      return `creating instance template ${s.group.templateName}`;
    case "create-group":
      return `creating managed instance group ${s.group.name}`;
    case "set-template":
      return `pointing ${s.group.name} at ${s.group.templateName}`;
    case "resize":
      return `resizing ${s.group.name} to ${s.size}`;
    case "delete-group":
      return `deleting managed instance group ${s.name}`;
    case "delete-template":
      return `deleting instance template ${s.name}`;
  }
}

export async function applyGcp(
  c: GcpClients,
  cluster: GcpCluster,
  o: GcpApplyOptions = {},
): Promise<GcpPlan> {
  const { plan } = await planGcp(c, cluster);
  await applyGcpPlan(c, cluster, plan, o);
  return plan;
}

/** What destroy would remove. */
export async function planGcpDestroy(c: GcpClients, cluster: GcpCluster): Promise<GcpPlan> {
  return planGcpCluster([], await readGcp(c, cluster));
}

/** Everything the cluster owns, deleted. */
export async function destroyGcp(
  c: GcpClients,
  cluster: GcpCluster,
  o: GcpApplyOptions = {},
): Promise<GcpPlan> {
  const plan = await planGcpDestroy(c, cluster);
  await applyGcpPlan(c, cluster, plan, o);
  return plan;
}
