import type { App } from "../constructs/app.js";
import type { Construct, ConstructKind } from "../constructs/construct.js";
import type { Group } from "../constructs/group.js";
import type { Job } from "../constructs/job.js";
import { Secret } from "../constructs/secret.js";
import type { Service } from "../constructs/service.js";
import type { Task } from "../constructs/task.js";
import type { Problems } from "./problems.js";

// Run-time shape checks of the values constructs refer to by object. TypeScript makes
// them right at compile time, but a JavaScript user (or a cast) can pass a string where a
// Port goes; synth then reports where and what to pass instead of failing with a
// TypeError deep inside payload building. Field values (types, enums, durations) are
// checked later by specToApi against the schema; these are only the references and
// containers synth reads itself.

/** How to make each kind of construct, for the fix hint. */
const MAKE: Partial<Record<ConstructKind, string>> = {
  port: 'a Port (`new Port(group, "http", {…})`)',
  volume: 'a Volume (`new Volume(group, "data", {…})`)',
  task: 'a Task (`new Task(group, "app", {…})`)',
  service: 'a Service (`new Service(group, "api", {…})`)',
};

/** Whether a value is a construct of a kind, from any copy of nomadkit (no instanceof). */
export function isConstruct(value: unknown, kind: ConstructKind): value is Construct {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === kind &&
    Array.isArray((value as { children?: unknown }).children)
  );
}

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) {
    const kind = (value as { kind?: unknown }).kind;
    return typeof kind === "string" ? `a ${kind}` : "an object";
  }
  return String(value);
}

/** Checks every construct's references; true when the app's shapes are sound. */
export function checkShapes(app: App, problems: Problems): boolean {
  const before = problems.list.length;
  for (const job of app.jobs) checkJob(job, problems);
  return problems.list.length === before;
}

class Shape {
  constructor(
    private readonly path: string,
    private readonly problems: Problems,
  ) {}

  fail(at: string, expected: string, value: unknown): void {
    this.problems.add(this.path, `${at}: expected ${expected}, got ${show(value)}`);
  }

  /** A construct of a kind, or (when optional) undefined. */
  ref(at: string, value: unknown, kind: ConstructKind, optional = true): void {
    if (value === undefined && optional) return;
    if (!isConstruct(value, kind)) this.fail(at, MAKE[kind] ?? `a ${kind}`, value);
  }

  /** A list (or undefined); returns its items to check further. */
  list(at: string, value: unknown): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(at, "a list", value);
      return [];
    }
    return value;
  }

  /** A plain object (or undefined); true when it is one. */
  object(at: string, value: unknown, optional = true): value is Record<string, unknown> {
    if (value === undefined && optional) return false;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return true;
    this.fail(at, "an object", value);
    return false;
  }

  /** Placement rules and capability lists shared by jobs, groups and tasks. */
  placement(props: Record<string, unknown>): void {
    for (const key of ["constraints", "affinities", "spreads"]) {
      this.list(key, props[key]).forEach((rule, i) => {
        this.object(`${key}[${i}]`, rule, false);
      });
    }
    this.list("requires", props.requires).forEach((need, i) => {
      for (const c of Array.isArray(need) ? need : [need]) {
        const ok = typeof c === "object" && c !== null && "constraint" in c;
        if (!ok) this.fail(`requires[${i}]`, 'a Capability (`Capability.diskType("ssd")`, …)', c);
      }
    });
  }
}

function checkJob(job: Job, problems: Problems): void {
  const s = new Shape(job.path, problems);
  if (!s.object("props", job.props, false)) return;
  s.placement(job.props as Record<string, unknown>);
  for (const group of job.groups) checkGroup(group, problems);
}

function checkGroup(group: Group, problems: Problems): void {
  const s = new Shape(group.path, problems);
  if (!s.object("props", group.props, false)) return;
  s.placement(group.props as Record<string, unknown>);
  s.object("network", group.props.network);
  s.object("update", group.props.update);
  for (const service of group.services) checkService(service, problems);
  for (const task of group.tasks) checkTask(task, problems);
}

function checkTask(task: Task, problems: Problems): void {
  const s = new Shape(task.path, problems);
  if (!s.object("props", task.props, false)) return;
  const { driver, volumeMounts, env, secretFiles } = task.props as unknown as Record<string, unknown>;
  const driverHint =
    "a driver from `Driver.docker({…})`, `Driver.exec({…})`, … or `Driver.custom(name, {…})`";
  if (
    typeof driver !== "object" ||
    driver === null ||
    typeof (driver as { name?: unknown }).name !== "string" ||
    typeof (driver as { config?: unknown }).config !== "object" ||
    (driver as { config?: unknown }).config === null
  ) {
    s.fail("driver", driverHint, driver);
  } else {
    s.list("driver › ports", (driver as { ports?: unknown }).ports).forEach((p, i) => {
      s.ref(`driver › ports[${i}]`, p, "port", false);
    });
  }
  s.list("volumeMounts", volumeMounts).forEach((m, i) => {
    if (s.object(`volumeMounts[${i}]`, m, false))
      s.ref(`volumeMounts[${i}] › volume`, m.volume, "volume", false);
  });
  if (s.object("env", env)) {
    for (const [name, value] of Object.entries(env)) {
      if (typeof value !== "string" && !Secret.is(value))
        s.fail(`env["${name}"]`, "a string or a Secret (`Secret.fromVault(path, key)`)", value);
    }
  }
  s.list("secretFiles", secretFiles).forEach((f, i) => {
    if (s.object(`secretFiles[${i}]`, f, false) && !Secret.is(f.secret))
      s.fail(`secretFiles[${i}] › secret`, "a Secret (`Secret.fromVault(path, key)`)", f.secret);
  });
  if (task.serves !== undefined) s.ref("serves", task.serves, "task", false);
  s.placement(task.props as unknown as Record<string, unknown>);
  for (const service of task.services) checkService(service, problems);
}

function checkService(service: Service, problems: Problems): void {
  const s = new Shape(service.path, problems);
  if (!s.object("props", service.props, false)) return;
  const { port, checks, metrics, connect } = service.props;
  s.ref("port", port, "port");
  s.list("checks", checks).forEach((check, i) => {
    const at = `checks[${i}]`;
    const hint = "a check from `Check.http({…})`, `Check.tcp({…})`, `Check.grpc({…})` or `Check.script({…})`";
    if (
      typeof check !== "object" ||
      check === null ||
      typeof (check as { spec?: unknown }).spec !== "object"
    ) {
      s.fail(at, hint, check);
      return;
    }
    s.ref(`${at} › port`, (check as { port?: unknown }).port, "port");
    s.ref(`${at} › task`, (check as { task?: unknown }).task, "task");
  });
  if (s.object("metrics", metrics)) s.ref("metrics › port", metrics.port, "port");
  if (s.object("connect", connect)) {
    const sidecar = connect.sidecarService as { proxy?: { upstreams?: unknown } } | undefined;
    const upstreams = sidecar?.proxy?.upstreams;
    s.list("connect › upstreams", upstreams).forEach((u, i) => {
      const at = `connect › upstreams[${i}]`;
      if (!s.object(at, u, false)) return;
      const dest = (u as { destination?: unknown }).destination;
      if (typeof dest !== "string" && !isConstruct(dest, "service"))
        s.fail(`${at} › destination`, `${MAKE.service} or a Consul service name`, dest);
    });
  }
}
