// Facts about the environment a Nomad client gives each task at run time: the fixed NOMAD_*
// variables, and the families of names built from a port label or a Connect upstream
// (NOMAD_PORT_http, NOMAD_UPSTREAM_ADDR_db, …). They are facts about the client, not fields
// of the job, so the generated schema cannot hold them; they are kept by hand here, once,
// for completion, hover, navigation and the rule that flags names nothing declares.
// This file imports nothing so that it can sit at the very bottom of the layers.

/** What a runtime name is built from: a `port "x"` label or an upstream's destination name. */
export type RuntimeNameKind = "port" | "upstream";

/** A variable every task gets, whatever the job declares. */
export interface RuntimeEnvVar {
  name: string;
  description: string;
}

/** A family of variables, one per port label or upstream: `prefix + label`. */
export interface RuntimePrefix {
  prefix: string;
  kind: RuntimeNameKind;
  description: string;
}

/** One reference to a per-port or per-upstream name inside a piece of text. */
export interface RuntimeNameRef {
  /** The family, e.g. `NOMAD_PORT_`. */
  prefix: string;
  /** The label as written after the prefix, e.g. `http`. */
  name: string;
  kind: RuntimeNameKind;
  /** Offsets of the label (not the prefix) within the text searched. */
  start: number;
  end: number;
}

export const TASK_ENV: readonly RuntimeEnvVar[] = [
  { name: "NOMAD_ALLOC_DIR", description: "Path of the directory shared by all tasks of the allocation." },
  { name: "NOMAD_TASK_DIR", description: "Path of this task's private local directory." },
  {
    name: "NOMAD_SECRETS_DIR",
    description: "Path of this task's in-memory directory for secrets; other tasks cannot read it.",
  },
  { name: "NOMAD_MEMORY_LIMIT", description: "Memory reserved for the task, in MB." },
  {
    name: "NOMAD_MEMORY_MAX_LIMIT",
    description: "Memory the task may burst to, in MB (set only when `memory_max` is).",
  },
  { name: "NOMAD_CPU_LIMIT", description: "CPU reserved for the task, in MHz." },
  { name: "NOMAD_CPU_CORES", description: "The CPU cores reserved for the task (when `cores` is set)." },
  { name: "NOMAD_ALLOC_ID", description: "The allocation's full ID." },
  { name: "NOMAD_SHORT_ALLOC_ID", description: "The first eight characters of the allocation's ID." },
  { name: "NOMAD_ALLOC_NAME", description: "The allocation's name, `<job>.<group>[<index>]`." },
  {
    name: "NOMAD_ALLOC_INDEX",
    description: "The allocation's index within its group, from 0 to count-1; reused on replacement.",
  },
  { name: "NOMAD_TASK_NAME", description: "The task's name." },
  { name: "NOMAD_GROUP_NAME", description: "The name of the task's group." },
  { name: "NOMAD_JOB_ID", description: "The job's ID (a dispatched or periodic child has its own)." },
  { name: "NOMAD_JOB_NAME", description: "The job's name as written in the job file." },
  { name: "NOMAD_JOB_PARENT_ID", description: "The parent job's ID, for dispatched and periodic jobs." },
  { name: "NOMAD_DC", description: "The datacenter of the client running the task." },
  { name: "NOMAD_NAMESPACE", description: "The job's namespace." },
  { name: "NOMAD_REGION", description: "The job's region." },
  {
    name: "NOMAD_UNIX_ADDR",
    description:
      "Address of the client's task API socket (with `identity { env = true }` or a workload token).",
  },
  {
    name: "NOMAD_TOKEN",
    description: "The task's workload identity token, when `identity` asks for it in env.",
  },
];

/** Longest first, so that a scan never stops at a shorter family that happens to match. */
export const RUNTIME_PREFIXES: readonly RuntimePrefix[] = [
  {
    prefix: "NOMAD_UPSTREAM_ADDR_",
    kind: "upstream",
    description:
      "`ip:port` where the Connect sidecar accepts traffic for this upstream, local to the allocation.",
  },
  {
    prefix: "NOMAD_UPSTREAM_PORT_",
    kind: "upstream",
    description: "Port where the Connect sidecar accepts traffic for this upstream.",
  },
  {
    prefix: "NOMAD_UPSTREAM_IP_",
    kind: "upstream",
    description: "IP where the Connect sidecar accepts traffic for this upstream.",
  },
  {
    prefix: "NOMAD_ALLOC_ADDR_",
    kind: "port",
    description: "`ip:port` of the port inside the allocation's network namespace.",
  },
  {
    prefix: "NOMAD_ALLOC_PORT_",
    kind: "port",
    description: "The port's number inside the allocation's network namespace (its `to` value when mapped).",
  },
  {
    prefix: "NOMAD_HOST_PORT_",
    kind: "port",
    description: "The port's number on the host, the one the scheduler picked or `static` gave.",
  },
  {
    prefix: "NOMAD_HOST_ADDR_",
    kind: "port",
    description: "`ip:port` of the port as reached from outside, on the host.",
  },
  {
    prefix: "NOMAD_ALLOC_IP_",
    kind: "port",
    description: "IP of the port inside the allocation's network namespace.",
  },
  { prefix: "NOMAD_HOST_IP_", kind: "port", description: "The host IP the port is bound on." },
  {
    prefix: "NOMAD_ADDR_",
    kind: "port",
    description: "`ip:port` the task should bind for this port.",
  },
  {
    prefix: "NOMAD_PORT_",
    kind: "port",
    description:
      "The port number the task should listen on (its `to` value when mapped, else the host port).",
  },
  { prefix: "NOMAD_IP_", kind: "port", description: "The IP the task should bind for this port." },
];

/** Per meta key (`NOMAD_META_<key>`): not a port or upstream, so no reference is found for it. */
export const META_ENV_PREFIX = "NOMAD_META_";

/**
 * The form a label takes inside an environment variable name. The client replaces every
 * character a shell name cannot hold with `_`, so port `my-api` is `NOMAD_PORT_my_api`.
 * Compare `envLabel(declared) === envLabel(ref.name)` to match a reference to its port.
 */
export function envLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9_]/g, "_");
}

/** The fixed variable or the family a full name belongs to, with the label for families. */
export function describeRuntimeName(
  name: string,
): { env: RuntimeEnvVar } | { family: RuntimePrefix; label: string } | undefined {
  const env = TASK_ENV.find((v) => v.name === name);
  if (env) return { env };
  const family = RUNTIME_PREFIXES.find((p) => name.startsWith(p.prefix) && name.length > p.prefix.length);
  return family ? { family, label: name.slice(family.prefix.length) } : undefined;
}

const FAMILIES = RUNTIME_PREFIXES.map((p) => p.prefix).join("|");

// Three ways text names a runtime variable. `${NAME}` is an HCL or shell interpolation and
// ends at `}`; `$NAME` is shell and ends where a shell name ends; `{{ env "NAME" }}` is
// consul-template, whose quotes may arrive escaped when the text is an HCL quoted string.
const FORMS = new RegExp(
  [
    `\\$\\{\\s*(${FAMILIES})([\\w-]+)\\s*\\}`,
    `\\$(${FAMILIES})(\\w+)`,
    `\\{\\{-?\\s*env\\s+\\\\?["\`](${FAMILIES})([\\w-]+)\\\\?["\`]`,
  ].join("|"),
  "g",
);

/** Every reference to a per-port or per-upstream variable in `text`, in order. */
export function findRuntimeNames(text: string): RuntimeNameRef[] {
  const out: RuntimeNameRef[] = [];
  // Most strings name no runtime variable: skip the regular expression for them.
  if (!text.includes("NOMAD_")) return out;
  for (const m of text.matchAll(FORMS)) {
    // Exactly one of the three (prefix, label) pairs matched.
    const pair = [1, 3, 5].find((i) => m[i] !== undefined) ?? 1;
    const prefix = m[pair] ?? "";
    const name = m[pair + 1] ?? "";
    const start = (m.index ?? 0) + m[0].indexOf(prefix + name) + prefix.length;
    const family = RUNTIME_PREFIXES.find((p) => p.prefix === prefix);
    out.push({ prefix, name, kind: family?.kind ?? "port", start, end: start + name.length });
  }
  return out;
}
