import { environmentOf } from "../constructs/construct.js";
import type { Group } from "../constructs/group.js";
import type { Job } from "../constructs/job.js";
import { applyJsonPatch } from "../constructs/json-patch.js";
import type { Capability } from "../constructs/node-pool.js";
import type { ConstraintRule } from "../constructs/placement.js";
import type { Service } from "../constructs/service.js";
import type { Task } from "../constructs/task.js";
import { isBlueGreen, SAFE_SERVICE_UPDATE } from "../constructs/update.js";
import type { Volume } from "../constructs/volume.js";
import { looseApiBody } from "../jobspec/loose.js";
import { normalizeJob } from "../jobspec/normalize.js";
import { driverRoot, fieldByApi, fieldByHcl, structSchema } from "../schema/index.js";
import { GROUP_SCALING_TYPE } from "../schema/jobspec2-defaults.js";
import { consulName, consulPlacement } from "./consul-names.js";
import { segmentNetworkMode } from "./declared.js";
import type { Problems } from "./problems.js";
import { secretTemplates } from "./secret-templates.js";
import { ingressTags, metricsCatalog } from "./service-tags.js";
import { type ApiObject, specToApi } from "./spec-to-api.js";

// Constructs are turned into specs (camelCase HCL names, object references replaced
// by the names HCL uses), then every spec goes through the schema-driven specToApi.
// No API field name is written here.

/**
 * Which construct produced which payload object, so a rule finding on the payload (a model
 * path) is reported at the construct path the user wrote; see rule-problems.ts.
 */
export type Origins = WeakMap<object, string>;

/** The `{"Job": …}` payload `PUT /v1/jobs` accepts, with jobspec2's normalizations applied. */
export function jobPayload(
  job: Job,
  problems: Problems,
  origins: Origins = new WeakMap(),
): { Job: ApiObject } {
  const {
    name,
    constraints,
    affinities,
    spreads,
    periodic,
    requires,
    nodePool,
    update,
    withoutUpdate,
    ...rest
  } = job.props;
  const env = job.environment?.props;
  const spec = {
    namespace: job.environment?.namespace,
    region: env?.region,
    datacenters: env?.datacenters,
    ...rest,
    nodePool: job.nodePool?.name,
    // Service jobs wait for health checks and revert failed deployments unless they say otherwise.
    update:
      (rest.type ?? "service") === "service" && !withoutUpdate
        ? { ...SAFE_SERVICE_UPDATE, ...update }
        : update,
    periodic,
    id: job.id,
    name: name ?? job.id,
    constraint: withCapabilities(constraints, requires),
    affinity: affinities,
    spread: spreads,
  };
  if (name === "")
    problems.add(
      job.path,
      'job › name: "" is empty, and Nomad refuses a job without a name: leave name out to use the job ID',
    );
  if (name?.includes("\u0000"))
    problems.add(job.path, "job › name: has a NUL character, which Nomad refuses in a job name");
  const out = specToApi("Job", spec, { path: job.path, problems, at: "job" });
  const groups = job.groups.map((g) => groupPayload(g, problems, origins));
  const payload = withField("Job", out, "group", groups);
  origins.set(payload, job.path);
  // The same normalizations the decoder applies, so JSON and HCL say the same thing.
  // specToApi only produces JSON values, so the payload is the decoder's JSON object type.
  normalizeJob(payload as Parameters<typeof normalizeJob>[0], { label: job.id, secrets: [], tasks: [] });
  for (const failure of applyJsonPatch(payload, job.jsonPatches)) problems.add(job.path, failure);
  return { Job: payload };
}

function groupPayload(group: Group, problems: Problems, origins: Origins): ApiObject {
  const { network, constraints, affinities, spreads, scaling, requires, update, ...rest } = group.props;
  // All ports go in as `port` blocks; normalizeJob moves static ones to reserved ports.
  const ports = group.ports.map((p) => ({ label: p.label, ...p.props }));
  const segmentMode = network?.mode === undefined ? segmentNetworkMode(group) : undefined;
  const networks =
    network || ports.length > 0 || segmentMode
      ? [
          {
            ...network,
            ...(segmentMode ? { mode: segmentMode } : {}),
            ...(ports.length > 0 ? { port: ports } : {}),
          },
        ]
      : undefined;
  const volumes =
    group.volumes.length > 0
      ? Object.fromEntries(group.volumes.map((v) => [v.name, volumeRequestSpec(v)]))
      : undefined;
  const consul = consulPlacement(environmentOf(group));
  const spec = {
    ...rest,
    // The environment's Consul namespace or partition, unless the group names its own.
    consul: rest.consul ?? (Object.keys(consul).length > 0 ? consul : undefined),
    scaling: scaling && { type: GROUP_SCALING_TYPE, ...scaling },
    update: isBlueGreen(update)
      ? { ...update, canary: rest.count ?? 1, maxParallel: rest.count ?? 1 }
      : update,
    name: group.id,
    network: networks,
    volume: volumes,
    constraint: withCapabilities(constraints, requires),
    affinity: affinities,
    spread: spreads,
  };
  if (group.id.includes("\u0000"))
    problems.add(group.path, "group name: has a NUL character, which Nomad refuses in a group name");
  const out = specToApi("TaskGroup", spec, { path: group.path, problems, at: "group" });
  const services = group.services.flatMap((s) => servicePayloads(s, problems, origins));
  const tasks = group.tasks.map((t) => taskPayload(t, problems, origins));
  const payload = withField("TaskGroup", withField("TaskGroup", out, "service", services), "task", tasks);
  origins.set(payload, group.path);
  const requests = payload[fieldByHcl("TaskGroup", "volume")?.api ?? ""] as
    | Record<string, object>
    | undefined;
  for (const volume of group.volumes) {
    const request = requests?.[volume.name];
    if (request) origins.set(request, volume.path);
  }
  const built = (payload[fieldByHcl("TaskGroup", "network")?.api ?? ""] as ApiObject[] | undefined) ?? [];
  for (const network of built) {
    for (const port of Object.values(network).flat()) {
      const label = (port as ApiObject | null)?.[fieldByApi("Port", "Label")?.api ?? ""];
      const construct = group.ports.find((p) => p.label === label);
      if (construct && typeof port === "object" && port !== null) origins.set(port, construct.path);
    }
  }
  return payload;
}

/** A group volume request as a spec: a declared volume gives its ID (or name) and type. */
function volumeRequestSpec(volume: Volume): object {
  const { source, ...rest } = volume.props;
  const declared = volume.declared;
  if (!declared) return { name: volume.name, ...rest, source };
  return {
    name: volume.name,
    type: rest.type ?? (declared.kind === "csiVolume" ? "csi" : "host"),
    ...rest,
    source: declared.id,
  };
}

function taskPayload(task: Task, problems: Problems, origins: Origins): ApiObject {
  const { driver, volumeMounts, constraints, affinities, env, secretFiles, allowLiteralSecrets, ...rest } =
    task.props;
  const secrets = secretTemplates(task, problems);
  const spec = {
    ...rest,
    env: secrets.env,
    template:
      rest.template || secrets.templates.length > 0
        ? [...(rest.template ?? []), ...secrets.templates]
        : undefined,
    vault: rest.vault ?? (secrets.usesVault ? {} : undefined),
    leader: task.leader || rest.leader,
    name: task.id,
    driver: driver.name,
    volumeMount: volumeMounts?.map(({ volume, ...m }) => ({ ...m, volume: volume.name })),
    constraint: constraints,
    affinity: affinities,
  };
  const out = specToApi("Task", spec, { path: task.path, problems, at: "task" });
  const root = driverRoot(driver.name);
  const config =
    driver.typed && root
      ? specToApi(root, driver.config, { path: task.path, problems, at: "config", driver: true })
      : looseApiBody(driver.config);
  const services = task.services.flatMap((s) => servicePayloads(s, problems, origins));
  const payload = withField("Task", withField("Task", out, "config", config), "service", services);
  origins.set(payload, task.path);
  return payload;
}

/** A service's registration, plus a `<name>-metrics` one when metrics use another port. */
function servicePayloads(service: Service, problems: Problems, origins: Origins): ApiObject[] {
  const { port, checks, connect, withoutHealthCheck: _optOut, metrics, ...rest } = service.props;
  const sidecar = connect?.sidecarService;
  const metricsPath = metrics?.path ?? "/metrics";
  const metricsHere = metrics !== undefined && (metrics.port === undefined || metrics.port === port);
  const catalog = metricsHere ? metricsCatalog(metricsPath) : { tags: [], meta: {} };
  const tags = [...(rest.tags ?? []), ...ingressTags(service), ...catalog.tags];
  const meta = { ...rest.meta, ...catalog.meta };
  const spec = {
    ...rest,
    tags: tags.length > 0 ? tags : undefined,
    meta: Object.keys(meta).length > 0 ? meta : undefined,
    name: consulName(service),
    // A Connect service names the port the app listens on inside the allocation's
    // network namespace; Envoy forwards there and exposed checks are built from it.
    port: sidecar && port?.props.to ? String(port.props.to) : port?.label,
    check: checks?.map((c) => ({ ...c.spec, port: c.port?.label, task: c.task?.id })),
    connect: connect && {
      ...connect,
      sidecarService: sidecar && {
        ...sidecar,
        proxy: sidecar.proxy && {
          ...sidecar.proxy,
          upstreams: sidecar.proxy.upstreams?.map(({ destination, ...u }) => ({
            ...u,
            destinationName: typeof destination === "string" ? destination : consulName(destination),
          })),
        },
      },
    },
  };
  const at = `service "${service.name}"`;
  const out = [specToApi("Service", spec, { path: service.path, problems, at })];
  if (metrics?.port && !metricsHere) {
    const own = metricsCatalog(metricsPath);
    const metricsSpec = {
      name: `${consulName(service)}-metrics`,
      port: metrics.port.label,
      provider: rest.provider,
      address: rest.address,
      addressMode: rest.addressMode,
      tags: own.tags,
      meta: own.meta,
    };
    out.push(specToApi("Service", metricsSpec, { path: service.path, problems, at: `${at} › metrics` }));
  }
  for (const payload of out) origins.set(payload, service.path);
  return out;
}

/** Sets a field given by HCL name, keeping the schema's field order. Empty lists are left out. */
function withField(typeName: string, obj: ApiObject, hclName: string, value: unknown): ApiObject {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return obj;
  const struct = structSchema(typeName);
  const field = fieldByHcl(typeName, hclName);
  if (!field) throw new Error(`bug: ${typeName} has no "${hclName}" field in the schema`);
  const out: ApiObject = {};
  for (const f of struct.fields) {
    if (f === field) out[f.api] = value;
    else if (f.api in obj) out[f.api] = obj[f.api];
  }
  return out;
}

/** Constraints plus one per required node capability. */
function withCapabilities(
  constraints: readonly ConstraintRule[] | undefined,
  requires: ReadonlyArray<Capability | Capability[]> | undefined,
): readonly ConstraintRule[] | undefined {
  const needed = (requires ?? []).flat().map((c) => c.constraint);
  return needed.length === 0 ? constraints : [...(constraints ?? []), ...needed];
}
