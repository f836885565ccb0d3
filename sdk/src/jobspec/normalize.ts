// What jobspec2 does to the decoded job before returning it (parse_job.go, normalizeJob):
// ID and Name from the label, the periodic spec type, job-level tasks as groups of one,
// static ports moved to reserved ports, template/vault/change_script defaults, job-level
// vault and secrets handed to tasks, and the default identity moved to Task.Identity.
import { parseDuration } from "../schema/duration.js";
import { api, fieldByApi, fieldBySpecKey, labelApi } from "../schema/index.js";
import { JOBSPEC2_DEFAULTS, PERIODIC_SPEC_TYPE } from "../schema/jobspec2-defaults.js";
import type { ApiObject } from "./decode-body.js";
import type { Json } from "./decode-value.js";

export interface JobExtras {
  label: string;
  vault?: ApiObject;
  secrets: ApiObject[];
  tasks: ApiObject[];
}

/** Checks that a field jobspec2 sets but HCL can't write is still in the schema. */
function apiOnly(typeName: string, name: string): string {
  if (!fieldByApi(typeName, name)) throw new Error(`bug: ${typeName} has no "${name}" field in the schema`);
  return name;
}

/** Fills jobspec2's defaults (the table synth uses) into fields left unset. */
function applyDefaults(typeName: string, obj: ApiObject): void {
  for (const [key, value] of Object.entries(JOBSPEC2_DEFAULTS[typeName] ?? {})) {
    const field = fieldBySpecKey(typeName, key);
    if (!field) throw new Error(`bug: ${typeName} has no "${key}" field in the schema`);
    if (obj[field.api] !== undefined && obj[field.api] !== null) continue;
    if (field.type.kind === "duration" && typeof value === "string") {
      const parsed = parseDuration(value);
      if (parsed.ok) obj[field.api] = parsed.nanoseconds;
    } else obj[field.api] = value as Json;
  }
}

function list(obj: ApiObject | undefined, key: string): ApiObject[] {
  return ((obj?.[key] as ApiObject[] | undefined) ?? []).filter((x) => x !== null);
}

export function normalizeJob(job: ApiObject, extras: JobExtras): void {
  const nameKey = api("Job", "name");
  const idKey = api("Job", "id");
  job[nameKey] ??= extras.label;
  job[idKey] ??= extras.label;
  const periodic = job[api("Job", "periodic")] as ApiObject | undefined;
  if (
    periodic &&
    (periodic[api("PeriodicConfig", "cron")] !== undefined ||
      periodic[api("PeriodicConfig", "crons")] !== undefined)
  ) {
    periodic[apiOnly("PeriodicConfig", "SpecType")] = PERIODIC_SPEC_TYPE;
  }
  if (extras.vault) applyDefaults("Vault", extras.vault);
  const groupsKey = api("Job", "group");
  if (extras.tasks.length > 0) {
    const alone = extras.tasks.map((t) => ({
      [labelApi("TaskGroup")]: t[labelApi("Task")] ?? "",
      [api("TaskGroup", "task")]: [t],
    }));
    job[groupsKey] = [...alone, ...list(job, groupsKey)];
  }
  for (const group of list(job, groupsKey)) {
    moveStaticPorts(list(group, api("TaskGroup", "network")));
    for (const task of list(group, api("TaskGroup", "task"))) normalizeTask(task, extras);
  }
}

function normalizeTask(task: ApiObject, extras: JobExtras): void {
  const resources = task[api("Task", "resources")] as ApiObject | undefined;
  moveStaticPorts(list(resources, api("Resources", "network")));
  for (const template of list(task, api("Task", "template"))) {
    applyDefaults("Template", template);
    const script = template[api("Template", "change_script")] as ApiObject | undefined;
    if (script) applyDefaults("ChangeScript", script);
  }
  const vaultKey = api("Task", "vault");
  const vault = task[vaultKey] as ApiObject | undefined;
  if (vault) applyDefaults("Vault", vault);
  else if (extras.vault) task[vaultKey] = extras.vault;
  const secretsKey = api("Task", "secret");
  if (extras.secrets.length > 0) task[secretsKey] = [...list(task, secretsKey), ...extras.secrets];
  // For agents older than 1.7 the unnamed (or "default") identity lives in Task.Identity.
  const identitiesKey = api("Task", "identity");
  const identities = list(task, identitiesKey);
  const nameKey = api("WorkloadIdentity", "name");
  const index = identities.findIndex(
    (id) => id[nameKey] === undefined || id[nameKey] === "" || id[nameKey] === "default",
  );
  if (index >= 0) {
    task[apiOnly("Task", "Identity")] = identities[index] as ApiObject;
    const rest = identities.filter((_, i) => i !== index);
    if (rest.length > 0) task[identitiesKey] = rest;
    else task[identitiesKey] = [];
  }
}

/** Ports with a static value are reserved ports; jobspec2 replaces the reserved list with them. */
function moveStaticPorts(networks: ApiObject[]): void {
  const dynamicKey = api("NetworkResource", "port");
  const reservedKey = api("NetworkResource", "reserved_ports");
  const valueKey = api("Port", "static");
  for (const network of networks) {
    const ports = list(network, dynamicKey);
    if (ports.length === 0) continue;
    const reserved = ports.filter((p) => typeof p[valueKey] === "number" && (p[valueKey] as number) > 0);
    const dynamic = ports.filter((p) => !reserved.includes(p));
    if (dynamic.length > 0) network[dynamicKey] = dynamic;
    else delete network[dynamicKey];
    if (reserved.length > 0) network[reservedKey] = reserved;
    else delete network[reservedKey];
  }
}
