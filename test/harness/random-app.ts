// Random job apps for the differential property test (test/synth-property.test.ts): a
// fast-check arbitrary of plain data describing a job, and a builder that makes the app
// from it with the constructs, the way a user would. The values mix good and bad ones
// (short intervals, deadlines in the wrong order, tiny resources, a string cast where a
// Port goes…) so synth both accepts and rejects, and every free-form string (display name,
// meta and env keys and values, args, tags, check paths, constraint values) is sometimes an
// arbitrary one full of what HCL escapes: quotes, backslashes, `${`, `%{`, `$${`, newlines,
// control characters and non-ASCII text. Everything is a fast-check arbitrary, so a failure
// shrinks to a small app.
import fc from "fast-check";
import {
  App,
  Check,
  type ConstraintRule,
  Driver,
  type DurationLike,
  Group,
  type GroupProps,
  Job,
  type JobProps,
  Port,
  Service,
  Task,
  type TaskDriver,
} from "nomadkit";

/** Mostly good values, now and then a bad one, so synth both accepts and rejects. */
function pick<T>(good: readonly T[], bad: readonly T[] = []): fc.Arbitrary<T> {
  const ok = fc.constantFrom(...good);
  return bad.length === 0
    ? ok
    : fc.oneof({ weight: 50, arbitrary: ok }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
}

/** Pieces HCL has to escape or treats specially, glued between arbitrary text. */
const hclTricky = fc.constantFrom(
  '"',
  "\\",
  "${",
  "%{",
  "$${",
  "%%{",
  "}",
  "${NOMAD_ALLOC_ID}",
  "%{ if true }x%{ endif }",
  "\n",
  "\r\n",
  "\t",
  "\u0000",
  "\u001b",
  "\u007f",
  "é",
  "日本語",
  "🚀",
  "\u2028",
  "$",
  "%",
  "\\n",
  "\\${",
);

/** Any string: arbitrary code points mixed with HCL's special sequences. */
export const anyText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), hclTricky), { maxLength: 5 })
  .map((parts) => parts.join(""));

/** A plain word most of the time, an arbitrary string now and then. */
function text(...plain: string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...plain) }, { weight: 1, arbitrary: anyText });
}

/** A small string map whose keys and values may be arbitrary. */
const stringMap: fc.Arbitrary<Record<string, string>> = fc
  .array(fc.tuple(text("owner", "team", "rack", "version"), text("ops", "v1", "a,b")), { maxLength: 3 })
  .map((entries) => Object.fromEntries(entries));

/** Left out three times in four. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

export interface RandomCheck {
  type: "http" | "tcp" | "script" | "grpc";
  /** The HTTP path, or the script's command. */
  path: string;
  /** Unnamed checks of one service share a default name. */
  named: boolean;
  interval: string;
  timeout: string;
}
export interface RandomService {
  name: string;
  /** Index into the group's ports; -1 for none, -2 for a string cast where the Port goes. */
  port: number;
  provider: "nomad" | "consul";
  tags: string[];
  checks: RandomCheck[];
  /** On the first task instead of the group. */
  onTask: boolean;
}
export interface RandomTask {
  /** The task's name before its index; undefined for "t". */
  name?: string;
  driver: "raw_exec" | "exec" | "docker";
  cpu: number;
  memory: number;
  lifecycle?: { hook: "prestart" | "poststart" | "poststop"; sidecar: boolean };
  leader: boolean;
  killTimeout?: string;
  args: string[];
  env: Record<string, string>;
  meta: Record<string, string>;
}
export interface RandomPort {
  static?: number;
  to?: number;
}
export interface RandomUpdate {
  maxParallel: number;
  canary: number;
  minHealthyTime: string;
  healthyDeadline: string;
  progressDeadline: string;
  autoRevert: boolean;
  autoPromote: boolean;
}
export interface RandomGroup {
  /** The group's name before its index; undefined for "g". */
  name?: string;
  count: number;
  mode?: "host" | "bridge";
  ports: RandomPort[];
  tasks: RandomTask[];
  services: RandomService[];
  update?: RandomUpdate;
  migrate?: { maxParallel: number; healthCheck: "checks" | "task_states"; minHealthyTime: string };
  scaling?: { min: number; max: number; check: boolean };
  constraints: ConstraintRule[];
  restart?: { attempts: number; interval: string; delay: string; mode: "delay" | "fail" };
  meta: Record<string, string>;
}
export interface RandomJob {
  type: "service" | "batch" | "system" | "sysbatch";
  priority: number;
  /** The display name; undefined for the ID. */
  name?: string;
  meta: Record<string, string>;
  periodic?: string;
  constraints: ConstraintRule[];
  groups: RandomGroup[];
}

const constraint: fc.Arbitrary<ConstraintRule> = fc.oneof(
  fc.record({
    attribute: text("${attr.kernel.name}", "${node.datacenter}", "${meta.rack}"),
    operator: fc.constantFrom("=", "!=", "regexp", "set_contains"),
    value: text("linux", "dc1", "r[0-9]+", "a,b"),
  }) as fc.Arbitrary<ConstraintRule>,
  fc.record({
    attribute: fc.constant("${attr.nomad.version}"),
    operator: fc.constantFrom("version", "semver", ">="),
    value: pick([">= 1.0.0", ">= 1.2.0, < 3.0.0", "1.5"], ["not a version"]),
  }) as fc.Arbitrary<ConstraintRule>,
  fc.constant({ operator: "distinct_hosts", value: "true" } as ConstraintRule),
  fc.record({
    attribute: fc.constant("${meta.rack}"),
    operator: fc.constantFrom("is_set", "is_not_set"),
  }) as fc.Arbitrary<ConstraintRule>,
);

const check: fc.Arbitrary<RandomCheck> = fc.record({
  type: pick<RandomCheck["type"]>(["http", "tcp", "http", "tcp"], ["script", "grpc"]),
  named: pick([true], [false]),
  interval: pick(["1s", "5s", "10s", "30s"], ["500ms"]),
  timeout: pick(["1s", "2s", "5s"], ["500ms"]),
  path: text("/health", "/"),
});

/** A construct name: usually the plain one, now and then an arbitrary string. */
const constructName = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: anyText },
);

const task: fc.Arbitrary<RandomTask> = fc.record({
  name: constructName,
  driver: fc.constantFrom("raw_exec", "exec", "docker"),
  cpu: pick([50, 100, 500, 50, 100, 500], [0]),
  memory: pick([32, 128, 256, 32, 128, 256], [5]),
  lifecycle: sometimes(
    fc.record({ hook: fc.constantFrom("prestart", "poststart", "poststop"), sidecar: fc.boolean() }),
  ),
  leader: pick([false, false, false, false, false, false, false, true]),
  killTimeout: sometimes(pick(["5s", "30s", "1m"], ["5 seconds"])),
  args: fc.array(text("3600", "--port=${NOMAD_PORT_p0}"), { minLength: 1, maxLength: 2 }),
  env: stringMap,
  meta: stringMap,
});

const group: fc.Arbitrary<RandomGroup> = fc.record({
  name: constructName,
  count: pick([1, 1, 1, 2, 3, 0], [-1]),
  mode: sometimes(fc.constantFrom("host", "bridge")),
  ports: fc.array(
    fc.record({
      static: sometimes(fc.integer({ min: 20000, max: 20010 })),
      to: sometimes(fc.constantFrom(80, 8080)),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  tasks: fc.array(task, { minLength: 1, maxLength: 2 }),
  services: fc.array(
    fc.record({
      name: fc.oneof(
        { weight: 10, arbitrary: pick(["api", "web", "db"], ["Bad_Name"]) },
        { weight: 1, arbitrary: anyText },
      ),
      port: pick([0], [1, -1, -2]),
      provider: pick(["nomad"], ["consul"]),
      tags: fc.array(text("web", "v1", "traefik.enable=true"), { maxLength: 2 }),
      checks: fc.array(check, { maxLength: 2 }),
      onTask: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  update: sometimes(
    fc.record({
      maxParallel: fc.constantFrom(0, 1, 2),
      canary: pick([0, 0, 1], [3]),
      minHealthyTime: pick(["1s", "5s", "10s"], ["10m"]),
      healthyDeadline: pick(["1m", "5m"], ["10m", "30s"]),
      progressDeadline: pick(["10m", "0s", "15m"], ["1m"]),
      autoRevert: fc.boolean(),
      autoPromote: pick([false], [true]),
    }),
  ),
  migrate: sometimes(
    fc.record({
      maxParallel: fc.constantFrom(0, 1, 2),
      healthCheck: fc.constantFrom("checks", "task_states"),
      minHealthyTime: fc.constantFrom("1s", "10s", "1m"),
    }),
  ),
  scaling: sometimes(fc.record({ min: pick([0, 1], [2, 5]), max: pick([3, 10], [1]), check: fc.boolean() })),
  constraints: fc.array(constraint, { maxLength: 2 }),
  restart: sometimes(
    fc.record({
      attempts: pick([2, 3], [0]),
      interval: pick(["30m", "1h"], ["5s"]),
      delay: pick(["15s", "1m"], ["1s"]),
      mode: fc.constantFrom("delay", "fail"),
    }),
  ),
  meta: stringMap,
});

export const randomJob: fc.Arbitrary<RandomJob> = fc.record({
  type: fc.constantFrom("service", "service", "service", "batch", "batch", "system", "sysbatch"),
  priority: fc.constantFrom(1, 50, 100),
  name: sometimes(text("web", "My Web")),
  meta: stringMap,
  periodic: sometimes(pick(["*/5 * * * *", "0 3 * * *", "@daily"], ["61 * * * *"])),
  constraints: fc.array(constraint, { maxLength: 2 }),
  groups: fc.array(group, { minLength: 1, maxLength: 3 }),
});

function driverFor(kind: RandomTask["driver"], args: string[], ports: readonly Port[]): TaskDriver {
  switch (kind) {
    case "docker":
      return Driver.docker({ image: "busybox:1.36", args: ["sleep", ...args], ports: [...ports] });
    case "exec":
      return Driver.exec({ command: "/bin/sleep", args });
    case "raw_exec":
      return Driver.rawExec({ command: "/bin/sleep", args });
  }
}

/** The app a user would write for a random job. */
export function buildApp(spec: RandomJob, id: string): App {
  const app = new App({ name: "property" });
  const jobProps: JobProps = {
    datacenters: ["dc1"],
    type: spec.type,
    priority: spec.priority,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    ...(Object.keys(spec.meta).length > 0 ? { meta: spec.meta } : {}),
    ...(spec.periodic ? { periodic: { crons: [spec.periodic] } } : {}),
    ...(spec.constraints.length > 0 ? { constraints: spec.constraints } : {}),
  };
  const job = new Job(app, id, jobProps);
  spec.groups.forEach((g, gi) => {
    const props: GroupProps = {
      count: g.count,
      ...(g.mode ? { network: { mode: g.mode } } : {}),
      ...(g.update ? { update: g.update as GroupProps["update"] } : {}),
      ...(g.migrate ? { migrate: g.migrate } : {}),
      ...(g.restart ? { restart: g.restart } : {}),
      ...(g.scaling
        ? {
            scaling: {
              min: g.scaling.min,
              max: g.scaling.max,
              ...(g.scaling.check
                ? { policy: { cooldown: "1m", check: { cpu: { source: "nomad-apm", query: "avg_cpu" } } } }
                : {}),
            },
          }
        : {}),
      ...(g.constraints.length > 0 ? { constraints: g.constraints } : {}),
      ...(Object.keys(g.meta).length > 0 ? { meta: g.meta } : {}),
    };
    const group = new Group(job, `${g.name ?? "g"}${gi}`, props);
    const ports = g.ports.map((p, pi) => new Port(group, `p${pi}`, p));
    const tasks = g.tasks.map(
      (t, ti) =>
        new Task(group, `${t.name ?? "t"}${ti}`, {
          driver: driverFor(t.driver, t.args, ti === 0 ? ports : []),
          resources: { cpu: t.cpu, memory: t.memory },
          ...(t.lifecycle ? { lifecycle: t.lifecycle } : {}),
          ...(t.leader ? { leader: true } : {}),
          ...(t.killTimeout ? { killTimeout: t.killTimeout as DurationLike } : {}),
          ...(Object.keys(t.env).length > 0 ? { env: t.env } : {}),
          ...(Object.keys(t.meta).length > 0 ? { meta: t.meta } : {}),
        }),
    );
    g.services.forEach((s, si) => {
      const port = s.port === -2 ? ("p0" as unknown as Port) : s.port >= 0 ? ports[s.port] : undefined;
      const checks = s.checks.map((c, ci) => {
        const timing = {
          interval: c.interval,
          timeout: c.timeout,
          ...(c.named ? { name: `check-${ci}` } : {}),
        };
        if (c.type === "http") return Check.http({ path: c.path, ...timing });
        if (c.type === "tcp") return Check.tcp(timing);
        if (c.type === "grpc") return Check.grpc(timing);
        return Check.script({ command: c.path, ...timing, ...(s.onTask ? {} : { task: tasks[0] }) });
      });
      const owner = s.onTask && tasks[0] ? tasks[0] : group;
      new Service(owner, `${s.name}${si}`, {
        provider: s.provider,
        ...(s.tags.length > 0 ? { tags: s.tags } : {}),
        ...(port ? { port } : {}),
        ...(checks.length > 0 ? { checks } : {}),
        ...(port && checks.length === 0 ? { withoutHealthCheck: { reason: "property test" } } : {}),
      });
    });
  });
  return app;
}
