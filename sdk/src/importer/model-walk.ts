import type { JsonPatchOp } from "../constructs/json-patch.js";
import type { Constraint } from "../constructs/placement.js";
import { literalSecretReason } from "../constructs/secret.js";
import type { Check } from "../constructs/service.js";
import { SAFE_SERVICE_UPDATE } from "../constructs/update.js";
import { api, driverRoot, isCheckType, labelApi, operatorSemantics } from "../schema/index.js";
import type { CheckType, PlacementOperator } from "../schema/specs.generated.js";
import { apiToSpec } from "./api-to-spec.js";
import { arr, call, type Expr, entryOf, lit, newOf, obj, ref, type Stmt, withEntry } from "./code-model.js";
import { NameScope } from "./naming.js";

// The decoded job (API JSON) as construct calls: Job › Group › Port/Volume/Task/Service.
// Ports, volumes and tasks are bound to variables and referred to by object. Whatever
// doesn't fit a construct is left out here; escape-hatch.ts finds it by comparing what
// the constructs synthesize with the original, and writes it back as a JSON patch.

type ApiObject = Record<string, unknown>;

export interface JobCode {
  /** Statements of the function that builds the job; `scope` and `nodePool` are its parameters. */
  readonly stmts: Stmt[];
  /** The node pool the job names, made by the caller (`NodePool.existing`). */
  readonly nodePool?: string;
  /** Fields known up front to need the escape hatch (synth would refuse the job without them). */
  readonly escapes: JsonPatchOp[];
}

const objects = (v: unknown): ApiObject[] => (Array.isArray(v) ? (v as ApiObject[]) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const DRIVER_HELPERS: Record<string, string> = {
  docker: "Driver.docker",
  exec: "Driver.exec",
  raw_exec: "Driver.rawExec",
  java: "Driver.java",
  qemu: "Driver.qemu",
};

export function walkJob(job: ApiObject): JobCode {
  const names = new NameScope(["scope", "nodePool", "job"]);
  const stmts: Stmt[] = [];
  const escapes: JsonPatchOp[] = [];
  const A = (hcl: string) => api("Job", hcl);
  let props = apiToSpec("Job", job, {
    skip: [A("id"), A("name"), A("group"), A("constraint"), A("affinity"), A("spread"), A("node_pool")],
  });
  const id = String(job[A("id")] ?? "");
  const name = str(job[A("name")]);
  if (name !== undefined && name !== id) props = withEntry(props, "name", lit(name));
  const nodePool = str(job[A("node_pool")]);
  if (nodePool !== undefined) props = withEntry(props, "nodePool", ref("nodePool"));
  props = withEntry(props, "constraints", placement(job[A("constraint")], constraintExpr));
  props = withEntry(props, "affinities", placement(job[A("affinity")], affinityExpr));
  props = withEntry(props, "spreads", placement(job[A("spread")], spreadExpr));
  const type = str(job[A("type")]) ?? "service";
  // nomadkit fills in health_check and auto_revert for service jobs; the original leaves them to Nomad.
  const update = job[A("update")] as ApiObject | undefined;
  const U = (hcl: string) => api("UpdateStrategy", hcl);
  if (
    type === "service" &&
    (update?.[U("health_check")] === undefined || update[U("auto_revert")] === undefined)
  ) {
    const reason = update
      ? "the update block leaves health_check or auto_revert to Nomad"
      : "the job file has no update block";
    props = withEntry(props, "withoutUpdate", obj([["reason", lit(`imported: ${reason}`)]]));
  } else if (type === "service") {
    // What nomadkit fills in for service jobs anyway needn't be written.
    const spec = entryOf(props, "update");
    if (spec?.kind === "lit" && spec.value && typeof spec.value === "object") {
      const rest = Object.fromEntries(
        Object.entries(spec.value).filter(
          ([k, v]) => (SAFE_SERVICE_UPDATE as Record<string, unknown>)[k] !== v,
        ),
      );
      props = withEntry(props, "update", Object.keys(rest).length > 0 ? lit(rest) : undefined);
    }
  }
  stmts.push({ bind: "job", expr: newOf("Job", ref("scope"), lit(id), props) });
  objects(job[A("group")]).forEach((group, i) => {
    walkGroup(group, { stmts, names, escapes, at: `/${A("group")}/${i}` });
  });
  return { stmts, escapes, ...(nodePool !== undefined ? { nodePool } : {}) };
}

interface Walk {
  readonly stmts: Stmt[];
  readonly names: NameScope;
  readonly escapes: JsonPatchOp[];
  /** JSON pointer of the current object in the job. */
  readonly at: string;
}

function walkGroup(group: ApiObject, walk: Walk): void {
  const { stmts, names } = walk;
  const A = (hcl: string) => api("TaskGroup", hcl);
  const groupName = String(group[labelApi("TaskGroup")] ?? "");
  const bind = names.name(groupName, "Group");
  let props = apiToSpec("TaskGroup", group, {
    skip: [
      labelApi("TaskGroup"),
      A("task"),
      A("service"),
      A("network"),
      A("volume"),
      A("constraint"),
      A("affinity"),
      A("spread"),
    ],
  });
  const network = objects(group[A("network")])[0];
  const N = (hcl: string) => api("NetworkResource", hcl);
  if (network) {
    props = withEntry(
      props,
      "network",
      apiToSpec("NetworkResource", network, { skip: [N("reserved_ports"), N("port")] }),
    );
  }
  props = withEntry(props, "constraints", placement(group[A("constraint")], constraintExpr));
  props = withEntry(props, "affinities", placement(group[A("affinity")], affinityExpr));
  props = withEntry(props, "spreads", placement(group[A("spread")], spreadExpr));
  stmts.push({ bind, expr: newOf("Group", ref("job"), lit(groupName), props) });

  const ports = new Map<string, string>();
  for (const port of [...objects(network?.[N("reserved_ports")]), ...objects(network?.[N("port")])]) {
    const label = String(port[labelApi("Port")] ?? "");
    const portBind = names.name(label, "Port");
    ports.set(label, portBind);
    const spec = apiToSpec("Port", port, { skip: [labelApi("Port")] });
    stmts.push({ bind: portBind, expr: newOf("Port", ref(bind), lit(label), spec) });
  }
  const volumes = new Map<string, string>();
  const requests = group[A("volume")];
  if (requests && typeof requests === "object") {
    for (const [volumeName, request] of Object.entries(requests as Record<string, ApiObject>)) {
      const volumeBind = names.name(volumeName, "Volume");
      volumes.set(volumeName, volumeBind);
      const spec = apiToSpec("VolumeRequest", request, { skip: [labelApi("VolumeRequest")] });
      stmts.push({ bind: volumeBind, expr: newOf("Volume", ref(bind), lit(volumeName), spec) });
    }
  }
  const tasks = new Map<string, string>();
  const portSpecs = new Map<string, ApiObject>();
  for (const port of [...objects(network?.[N("reserved_ports")]), ...objects(network?.[N("port")])]) {
    portSpecs.set(String(port[labelApi("Port")] ?? ""), port);
  }
  const refs: GroupRefs = { ports, volumes, tasks, portSpecs };
  objects(group[A("task")]).forEach((task, ti) => {
    const taskName = String(task[labelApi("Task")] ?? "");
    const taskBind = names.name(taskName, "Task");
    tasks.set(taskName, taskBind);
    stmts.push({ bind: taskBind, expr: newOf("Task", ref(bind), lit(taskName), taskProps(task, refs)) });
    objects(task[api("Task", "service")]).forEach((service, si) => {
      const at = `${walk.at}/${A("task")}/${ti}/${api("Task", "service")}/${si}`;
      stmts.push({ expr: serviceExpr(service, taskBind, refs, { ...walk, at }) });
    });
  });
  objects(group[A("service")]).forEach((service, si) => {
    const at = `${walk.at}/${A("service")}/${si}`;
    stmts.push({ expr: serviceExpr(service, bind, refs, { ...walk, at }) });
  });
}

interface GroupRefs {
  ports: Map<string, string>;
  volumes: Map<string, string>;
  tasks: Map<string, string>;
  portSpecs: Map<string, ApiObject>;
}

function taskProps(task: ApiObject, refs: GroupRefs): Expr {
  const A = (hcl: string) => api("Task", hcl);
  let props = apiToSpec("Task", task, {
    skip: [
      labelApi("Task"),
      A("driver"),
      A("config"),
      A("service"),
      A("volume_mount"),
      A("constraint"),
      A("affinity"),
    ],
  });
  const driver = String(task[A("driver")] ?? "");
  const config = (task[A("config")] ?? {}) as ApiObject;
  props = obj([["driver", driverExpr(driver, config, refs)], ...(props.kind === "obj" ? props.entries : [])]);
  const mounts = objects(task[A("volume_mount")]).flatMap((m) => {
    const volume = refs.volumes.get(String(m[api("VolumeMount", "volume")] ?? ""));
    if (!volume) return [];
    const spec = apiToSpec("VolumeMount", m, { skip: [api("VolumeMount", "volume")] });
    return [obj([["volume", ref(volume)], ...(spec.kind === "obj" ? spec.entries : [])])];
  });
  if (mounts.length > 0) props = withEntry(props, "volumeMounts", arr(mounts));
  props = withEntry(props, "constraints", placement(task[A("constraint")], constraintExpr));
  props = withEntry(props, "affinities", placement(task[A("affinity")], affinityExpr));
  // Literals that look like credentials are refused by synth unless listed: the original
  // job already holds them, so the import keeps them and says so.
  const literals = [task[A("env")], task[A("meta")]].flatMap((m) =>
    m && typeof m === "object" ? Object.entries(m as Record<string, unknown>) : [],
  );
  const allowed = literals
    .filter(([k, v]) => typeof v === "string" && literalSecretReason(k, v) !== undefined)
    .map(([k]) => k);
  if (allowed.length > 0) props = withEntry(props, "allowLiteralSecrets", lit([...new Set(allowed)]));
  return props;
}

function driverExpr(driver: string, config: ApiObject, refs: GroupRefs): Expr {
  const root = driverRoot(driver);
  const helper = DRIVER_HELPERS[driver];
  if (!root || !helper) return call("Driver.custom", lit(driver), lit(config));
  let spec = apiToSpec(root, config, { driver: true, skip: driver === "docker" ? ["ports"] : [] });
  if (driver === "docker" && Array.isArray(config.ports)) {
    const labels = config.ports as unknown[];
    const bound = labels.map((l) => refs.ports.get(String(l)));
    if (bound.every((b): b is string => b !== undefined))
      spec = withEntry(spec, "ports", arr(bound.map(ref)));
  }
  return call(helper, spec);
}

/** `Check.<type>` exists for every check type of the schema (a type error otherwise). */
export type CheckHelpers = { [K in CheckType]: (typeof Check)[K] };

function serviceExpr(service: ApiObject, owner: string, refs: GroupRefs, walk: Walk): Expr {
  const S = (hcl: string) => api("Service", hcl);
  let props = apiToSpec("Service", service, { skip: [S("name"), S("port"), S("check"), S("task")] });
  const label = str(service[S("port")]);
  const hasSidecar = (service[S("connect")] as ApiObject | undefined)?.[
    api("ConsulConnect", "sidecar_service")
  ];
  // A Connect service names the port the app listens on; the constructs write the `to` of its Port.
  const byTo = hasSidecar
    ? [...refs.portSpecs].find(([, p]) => String(p[api("Port", "to")]) === label)?.[0]
    : undefined;
  const port = label === undefined ? undefined : (refs.ports.get(label) ?? refs.ports.get(byTo ?? ""));
  if (port) props = withEntry(props, "port", ref(port));
  else if (label !== undefined)
    walk.escapes.push({ op: "add", path: `${walk.at}/${S("port")}`, value: label });
  const checks = objects(service[S("check")])
    .map((c) => checkExpr(c, refs))
    .filter((c): c is Expr => c !== undefined);
  if (checks.length > 0) props = withEntry(props, "checks", arr(checks));
  const connect = entryOf(props, "connect");
  if (connect?.kind === "lit") props = withEntry(props, "connect", lit(upstreamsByName(connect.value)));
  const sidecar = connect?.kind === "lit" && (connect.value as ApiObject).sidecarService !== undefined;
  if ((port || sidecar) && checks.length === 0) {
    props = withEntry(
      props,
      "withoutHealthCheck",
      obj([["reason", lit("imported: the original service has no check")]]),
    );
  }
  return newOf("Service", ref(owner), lit(String(service[S("name")] ?? "")), props);
}

/** Connect upstreams name their service `destination` in the constructs. */
function upstreamsByName(connect: unknown): unknown {
  const c = connect as { sidecarService?: { proxy?: { upstreams?: ApiObject[] } } };
  const upstreams = c.sidecarService?.proxy?.upstreams;
  if (!upstreams) return connect;
  const renamed = upstreams.map(({ destinationName, ...u }) => ({
    destination: destinationName ?? "",
    ...u,
  }));
  return {
    ...c,
    sidecarService: { ...c.sidecarService, proxy: { ...c.sidecarService?.proxy, upstreams: renamed } },
  };
}

function checkExpr(check: ApiObject, refs: GroupRefs): Expr | undefined {
  const C = (hcl: string) => api("ServiceCheck", hcl);
  const type = str(check[C("type")]);
  if (!type || !isCheckType(type)) return undefined;
  if (check[C("interval")] === undefined || check[C("timeout")] === undefined) return undefined;
  if (type === "http" && check[C("path")] === undefined) return undefined;
  if (type === "script" && check[C("command")] === undefined) return undefined;
  let props = apiToSpec("ServiceCheck", check, { skip: [C("type"), C("port"), C("task")] });
  const portLabel = str(check[C("port")]);
  if (portLabel !== undefined) {
    const port = refs.ports.get(portLabel);
    if (!port) return undefined;
    props = withEntry(props, "port", ref(port));
  }
  const taskName = str(check[C("task")]);
  if (taskName !== undefined) {
    const task = refs.tasks.get(taskName);
    if (!task || type !== "script") return undefined;
    props = withEntry(props, "task", ref(task));
  }
  return call(`Check.${type}`, props);
}

// Placement: typed targets (`attr("kernel.name")`, `node.datacenter`) and helpers where they fit.

function placement(list: unknown, one: (rule: ApiObject) => Expr | undefined): Expr | undefined {
  const rules = objects(list);
  if (rules.length === 0) return undefined;
  const exprs = rules.map(one);
  // All or nothing keeps the rules in their order; a rule without a typed form sends the
  // whole list through the escape hatch.
  return exprs.every((e): e is Expr => e !== undefined) ? arr(exprs) : undefined;
}

const NODE_FIELDS: Record<string, string> = {
  "unique.id": "id",
  "unique.name": "name",
  datacenter: "datacenter",
  region: "region",
  class: "class",
  pool: "pool",
};

function targetExpr(text: string | undefined): Expr | undefined {
  if (text === undefined) return undefined;
  const m = /^\$\{(attr|meta|node)\.([^{}$]+)\}$/.exec(text);
  if (!m) return undefined;
  const [, root, rest] = m as unknown as [string, string, string];
  if (root === "node") {
    const field = NODE_FIELDS[rest];
    return field ? ref(`node.${field}`) : undefined;
  }
  return call(root, lit(rest));
}

/** Another spelling of an operator ("==", "is", "not"): written as is, through the escape hatch. */
const isAlias = (op: string) => operatorSemantics(op)?.aliasOf !== undefined;
const HELPERS: Partial<Record<PlacementOperator, keyof typeof Constraint>> = {
  "=": "equals",
  "!=": "notEquals",
  ">": "greaterThan",
  ">=": "atLeast",
  "<": "lessThan",
  "<=": "atMost",
  regexp: "regexp",
  version: "version",
  semver: "semver",
};

function constraintExpr(rule: ApiObject): Expr | undefined {
  const [attribute, value, operator] = ["attribute", "value", "operator"].map((h) =>
    str(rule[api("Constraint", h)]),
  );
  const op = operator ?? "=";
  if (op === "distinct_hosts" && attribute === undefined) {
    return value === "true"
      ? call("Constraint.distinctHosts")
      : obj([
          ["operator", lit(op)],
          ["value", lit(value)],
        ]);
  }
  const target = targetExpr(attribute);
  if (!target || isAlias(op)) return undefined;
  const helper = HELPERS[op as PlacementOperator];
  if (helper && value !== undefined) return call(`Constraint.${helper}`, target, lit(value));
  if (op === "is_set" && value === undefined) return call("Constraint.isSet", target);
  if (op === "is_not_set" && value === undefined) return call("Constraint.isNotSet", target);
  return obj([
    ["attribute", target],
    ["operator", lit(op)],
    ["value", value === undefined ? undefined : lit(value)],
  ]);
}

function affinityExpr(rule: ApiObject): Expr | undefined {
  const [attribute, value, operator] = ["attribute", "value", "operator"].map((h) =>
    str(rule[api("Affinity", h)]),
  );
  const weight = rule[api("Affinity", "weight")];
  const op = operator ?? "=";
  const target = targetExpr(attribute);
  if (!target || isAlias(op) || typeof weight !== "number") return undefined;
  if (op === "=" && value !== undefined) return call("Affinity.equals", target, lit(value), lit(weight));
  return obj([
    ["attribute", target],
    ["operator", lit(op)],
    ["value", value === undefined ? undefined : lit(value)],
    ["weight", lit(weight)],
  ]);
}

function spreadExpr(rule: ApiObject): Expr | undefined {
  const target = targetExpr(str(rule[api("Spread", "attribute")]));
  if (!target) return undefined;
  const weight = rule[api("Spread", "weight")];
  const targets = objects(rule[api("Spread", "target")]).map((t) => ({
    value: t[labelApi("SpreadTarget")],
    percent: t[api("SpreadTarget", "percent")],
  }));
  return obj([
    ["attribute", target],
    ["weight", weight === undefined ? undefined : lit(weight)],
    ["target", targets.length > 0 ? lit(targets) : undefined],
  ]);
}
