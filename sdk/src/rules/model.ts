// The decoded job model the rules read: a job as Nomad's HTTP API takes it (API field
// names), whether it came from HCL through jobspec's decoder or from constructs through
// synth. Rules read it through these few views so each rule stays a handful of lines.
import { parseDuration } from "../schema/duration.js";
import { fieldByApi } from "../schema/index.js";

/** Any JSON object of the model. */
export type ModelObject = { [key: string]: unknown };

/** A place in the model, from the Job root, in API names: ["TaskGroups", 0, "Update", "Canary"]. */
export type ModelPath = readonly (string | number)[];

export function obj(value: unknown): ModelObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as ModelObject)
    : undefined;
}

export function list(value: unknown): ModelObject[] {
  return Array.isArray(value) ? value.map((v) => obj(v) ?? {}) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** A string that still holds `${…}` is filled in by the client at run time: rules leave it alone. */
export function isRuntime(value: string): boolean {
  return value.includes("${");
}

/**
 * The value Nomad fills in when a field is left out, from the schema (durations in
 * nanoseconds, as the model holds them).
 */
export function defaultOf(typeName: string, api: string): unknown {
  const field = fieldByApi(typeName, api);
  if (!field) throw new Error(`bug: ${typeName} has no "${api}" field in the schema`);
  const value = field.default;
  if (field.type.kind === "duration" && typeof value === "string") {
    const parsed = parseDuration(value);
    return parsed.ok ? parsed.nanoseconds : undefined;
  }
  return value;
}

/** A duration in nanoseconds as Nomad prints it: 90s → "1m30s". */
export function showDuration(ns: number): string {
  if (ns === 0) return "0s";
  const units: [number, string][] = [
    [3_600_000_000_000, "h"],
    [60_000_000_000, "m"],
    [1_000_000_000, "s"],
    [1_000_000, "ms"],
  ];
  let rest = ns;
  let out = "";
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out === "" ? `${ns}ns` : out;
}

export function jobType(job: ModelObject): string {
  return str(job.Type) ?? String(defaultOf("Job", "Type"));
}

/** One group of the job with its path. */
export interface GroupView {
  group: ModelObject;
  index: number;
  path: ModelPath;
  name: string;
}

export function groupsOf(job: ModelObject): GroupView[] {
  return list(job.TaskGroups).map((group, index) => ({
    group,
    index,
    path: ["TaskGroups", index],
    name: str(group.Name) ?? "",
  }));
}

export interface TaskView {
  task: ModelObject;
  path: ModelPath;
  name: string;
}

export function tasksOf(g: GroupView): TaskView[] {
  return list(g.group.Tasks).map((task, i) => ({
    task,
    path: [...g.path, "Tasks", i],
    name: str(task.Name) ?? "",
  }));
}

export interface ServiceView {
  service: ModelObject;
  path: ModelPath;
  /** The task the service is declared in; undefined for a group service. */
  task?: TaskView;
}

/** Group services first, then each task's. */
export function servicesOf(g: GroupView): ServiceView[] {
  const own = list(g.group.Services).map((service, i) => ({ service, path: [...g.path, "Services", i] }));
  const tasks = tasksOf(g).flatMap((task) =>
    list(task.task.Services).map((service, i) => ({ service, path: [...task.path, "Services", i], task })),
  );
  return [...own, ...tasks];
}

/** The group's network mode as Nomad reads it ("host" when unset), or undefined with no network. */
export function networkMode(g: GroupView): string | undefined {
  const networks = list(g.group.Networks);
  if (networks.length === 0) return undefined;
  return str(networks[0]?.Mode) || "host";
}

/** Modes that give a group a network namespace of its own: "bridge", and CNI networks ("cni/<name>"). */
export function isBridgedMode(mode: string | undefined): boolean {
  return mode === "bridge" || (mode ?? "").startsWith("cni/");
}

/** Whether the group's network is bridged (see isBridgedMode). */
export function bridged(g: GroupView): boolean {
  return isBridgedMode(networkMode(g));
}

/** Port labels the group's network declares (dynamic and reserved). */
export function portLabels(g: GroupView): string[] {
  return list(g.group.Networks).flatMap((n) =>
    [...list(n.DynamicPorts), ...list(n.ReservedPorts)].map((p) => str(p.Label) ?? ""),
  );
}

/** Labels the group may use: its network's ports and those of tasks' own (older) networks. */
export function declaredPorts(g: GroupView): string[] {
  const own = portLabels(g);
  const tasks = tasksOf(g).flatMap((t) =>
    list(obj(t.task.Resources)?.Networks).flatMap((n) =>
      [...list(n.DynamicPorts), ...list(n.ReservedPorts)].map((p) => str(p.Label) ?? ""),
    ),
  );
  return [...own, ...tasks];
}

/**
 * A group's update strategy as Nomad will apply it: the group's fields over the job's, over
 * the schema defaults. `given` says whether the job or the group wrote an update block.
 */
export function effectiveUpdate(
  job: ModelObject,
  g: GroupView,
): { given: boolean; get(api: string): unknown } {
  const own = obj(g.group.Update);
  const shared = obj(job.Update);
  return {
    given: own !== undefined || shared !== undefined,
    get: (api) => own?.[api] ?? shared?.[api] ?? defaultOf("UpdateStrategy", api),
  };
}

/** Where a field of the update strategy comes from: the group's block if it sets it, else the job's. */
export function updatePath(job: ModelObject, g: GroupView, api: string): ModelPath {
  const own = obj(g.group.Update);
  if (own?.[api] !== undefined) return [...g.path, "Update", api];
  if (obj(job.Update)?.[api] !== undefined) return ["Update", api];
  return own ? [...g.path, "Update"] : obj(job.Update) ? ["Update"] : g.path;
}

export function count(g: GroupView): number {
  return num(g.group.Count) ?? (defaultOf("TaskGroup", "Count") as number);
}

/** Every string inside `value` that holds `needle`, with its path: for rules that read text anywhere. */
export function stringsIn(
  value: unknown,
  path: ModelPath,
  needle: string,
): { text: string; at: ModelPath }[] {
  // Runs over every string of a job on each analysis: one shared path stack, and a path
  // is copied out only for the few strings that hold the needle.
  const out: { text: string; at: ModelPath }[] = [];
  const stack: (string | number)[] = [...path];
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      if (v.includes(needle)) out.push({ text: v, at: [...stack] });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(i);
        walk(v[i]);
        stack.pop();
      }
    } else if (typeof v === "object" && v !== null) {
      for (const k in v) {
        stack.push(k);
        walk((v as ModelObject)[k]);
        stack.pop();
      }
    }
  };
  walk(value);
  return out;
}
