// One rule engine, two front ends: each case writes the same mistake as a TypeScript app
// and as HCL, and both `synthesize(app)` and the editor / `nomadkit lint`
// (analyzeDocument) must report it with the same rule id and message, at the construct
// path and at the HCL line marked `# <-`.
import { readFileSync } from "node:fs";
import { App, Check, Driver, Group, Job, JsonPatch, Port, Service, synthesize, Task, Volume } from "nomadkit";
import { analyzeDocument } from "nomadkit/analysis";
import { RULES } from "nomadkit/rules";
import { describe, expect, it } from "vitest";

const sleep = () => Driver.rawExec({ command: "/bin/sleep", args: ["60"] });
const docker = (ports: Port[] = []) => Driver.docker({ image: "nginx", ports });
const check = { interval: "10s", timeout: "2s" } as const;

/** An app with job "web"; `build` adds the groups. */
function app(build: (job: Job) => void, props: ConstructorParameters<typeof Job>[2] = {}): App {
  const a = new App({ name: "rules" });
  build(new Job(a, "web", { datacenters: ["dc1"], ...props }));
  return a;
}

/** A group "api" with a task "app", plus whatever `more` adds. */
function api(props: ConstructorParameters<typeof Group>[2] = {}, more: (g: Group) => void = () => {}) {
  return (job: Job) => {
    const g = new Group(job, "api", props);
    new Task(g, "app", { driver: sleep() });
    more(g);
  };
}

/** A group "other" with a task "t": the source of ports and volumes that aren't "api"'s own. */
const other = (job: Job) => {
  const g = new Group(job, "other");
  new Task(g, "t", { driver: sleep() });
  return g;
};

const TASK =
  '    task "app" {\n      driver = "raw_exec"\n      config {\n        command = "/bin/sleep"\n      }\n    }\n';
/** HCL for job "web" with a group "api" holding `group` and task "app"; `job` goes in the job body. */
const hcl = (group: string, job = "") =>
  `job "web" {\n  datacenters = ["dc1"]\n${job}  group "api" {\n${group}${TASK}  }\n}\n`;

interface Case {
  rule: string;
  app: () => App;
  hcl: string;
  /** The construct path synth reports. */
  path: string;
}

const JOB = 'job "web"';
const GROUP = 'job "web" › group "api"';
const SVC = 'job "web" › group "api" › service "svc"';

const cases: Case[] = [
  {
    rule: "canary-exceeds-count",
    app: () => app(api({ count: 2, update: { canary: 3 } })),
    hcl: hcl("    count = 2\n    update {\n      canary = 3 # <-\n    }\n"),
    path: GROUP,
  },
  {
    rule: "multiple-leaders",
    app: () =>
      app((job) => {
        const g = new Group(job, "api");
        new Task(g, "b", { driver: sleep(), leader: true });
        new Task(g, "app", { driver: sleep(), leader: true });
      }),
    hcl: hcl('    task "b" {\n      driver = "raw_exec"\n      leader = true\n    }\n').replace(
      'task "app" {\n      driver = "raw_exec"\n',
      'task "app" {\n      driver = "raw_exec"\n      leader = true # <-\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "healthy-deadline-exceeds-progress-deadline",
    app: () => app(api({ update: { healthyDeadline: "10m", progressDeadline: "5m" } })),
    hcl: hcl('    update {\n      healthy_deadline = "10m" # <-\n      progress_deadline = "5m"\n    }\n'),
    path: GROUP,
  },
  {
    rule: "min-healthy-time-exceeds-healthy-deadline",
    app: () => app(api({ update: { minHealthyTime: "6m", healthyDeadline: "5m" } })),
    hcl: hcl('    update {\n      min_healthy_time = "6m" # <-\n      healthy_deadline = "5m"\n    }\n'),
    path: GROUP,
  },
  {
    rule: "check-needs-port",
    app: () => app(api({}, (g) => new Service(g, "svc", { checks: [Check.http({ path: "/", ...check })] }))),
    hcl: hcl(
      '    service {\n      name = "svc"\n      check { # <-\n        type = "http"\n        path = "/"\n        interval = "10s"\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "connect-needs-bridge",
    app: () =>
      app(
        api(
          { network: { mode: "host" } },
          (g) => new Service(g, "svc", { port: new Port(g, "http"), connect: { sidecarService: {} } }),
        ),
      ),
    hcl: hcl(
      '    network {\n      mode = "host" # <-\n      port "http" {}\n    }\n    service {\n      name = "svc"\n      port = "http"\n      connect {\n        sidecar_service {}\n      }\n    }\n',
    ),
    path: GROUP,
  },
  {
    rule: "bad-cron",
    app: () => app(api(), { type: "batch", periodic: { crons: ["0 3 * *"] } }),
    hcl: hcl("", '  type = "batch"\n  periodic {\n    crons = ["0 3 * *"] # <-\n  }\n'),
    path: JOB,
  },
  {
    rule: "periodic-needs-batch",
    app: () => app(api(), { periodic: { crons: ["0 3 * * *"] } }),
    hcl: hcl("", '  periodic { # <-\n    crons = ["0 3 * * *"]\n  }\n'),
    path: JOB,
  },
  {
    rule: "undeclared-port",
    app: () =>
      app((job) => {
        const port = new Port(other(job), "http");
        api({}, (g) => new Service(g, "svc", { port, withoutHealthCheck: { reason: "test" } }))(job);
      }),
    hcl: hcl('    service {\n      name = "svc"\n      port = "http" # <-\n    }\n'),
    path: SVC,
  },
  {
    rule: "undeclared-volume",
    app: () =>
      app((job) => {
        const volume = new Volume(other(job), "data", { type: "host", source: "data" });
        const g = new Group(job, "api");
        new Task(g, "app", { driver: sleep(), volumeMounts: [{ volume, destination: "/data" }] });
      }),
    hcl: hcl("").replace(
      '      config {\n        command = "/bin/sleep"\n      }\n',
      '      config {\n        command = "/bin/sleep"\n      }\n      volume_mount {\n        volume = "data" # <-\n        destination = "/data"\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "upstream-bind-collision",
    app: () =>
      app(
        api(
          { network: { mode: "bridge" } },
          (g) =>
            new Service(g, "svc", {
              connect: {
                sidecarService: {
                  proxy: {
                    upstreams: [
                      { destination: "a", localBindPort: 8080 },
                      { destination: "b", localBindPort: 8080 },
                    ],
                  },
                },
              },
              withoutHealthCheck: { reason: "test" },
            }),
        ),
      ),
    hcl: hcl(
      '    network {\n      mode = "bridge"\n    }\n    service {\n      name = "svc"\n      connect {\n        sidecar_service {\n          proxy {\n            upstreams {\n              destination_name = "a"\n              local_bind_port = 8080\n            }\n            upstreams {\n              destination_name = "b"\n              local_bind_port = 8080 # <-\n            }\n          }\n        }\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "docker-port-in-bridge",
    app: () =>
      app((job) => {
        const port = new Port(other(job), "http");
        const g = new Group(job, "api", { network: { mode: "bridge" } });
        new Task(g, "app", { driver: docker([port]) });
      }),
    hcl: `job "web" {\n  datacenters = ["dc1"]\n  group "api" {\n    network {\n      mode = "bridge"\n    }\n    task "app" {\n      driver = "docker"\n      config {\n        image = "nginx"\n        ports = ["http"] # <-\n      }\n    }\n  }\n}\n`,
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "negative-count",
    app: () => app(api({ count: -1 })),
    hcl: hcl("    count = -1 # <-\n"),
    path: GROUP,
  },
  {
    rule: "duplicate-task",
    app: () => app(api({}, (g) => new Task(g, "app", { driver: sleep() }))),
    hcl: hcl('    task "app" {\n      driver = "raw_exec"\n    }\n').replace(
      /(.*)task "app" \{/s,
      '$1task "app" { # <-',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "update-job-type",
    app: () => app(api({ update: { maxParallel: 1 } }), { type: "batch" }),
    hcl: hcl("    update { # <-\n      max_parallel = 1\n    }\n", '  type = "batch"\n'),
    path: GROUP,
  },
  {
    rule: "migrate-job-type",
    app: () => app(api({ migrate: { maxParallel: 1 } }), { type: "system" }),
    hcl: hcl("    migrate { # <-\n      max_parallel = 1\n    }\n", '  type = "system"\n'),
    path: GROUP,
  },
  {
    rule: "scaling-bounds",
    app: () => app(api({ count: 5, scaling: { min: 1, max: 3 } })),
    hcl: hcl("    count = 5 # <-\n    scaling {\n      min = 1\n      max = 3\n    }\n"),
    path: GROUP,
  },
  {
    rule: "nomad-check-type",
    app: () =>
      app(
        api(
          {},
          (g) =>
            new Service(g, "svc", {
              provider: "nomad",
              port: new Port(g, "http"),
              checks: [Check.grpc(check)],
            }),
        ),
      ),
    hcl: hcl(
      '    network {\n      port "http" {}\n    }\n    service {\n      name = "svc"\n      provider = "nomad"\n      port = "http"\n      check {\n        type = "grpc" # <-\n        interval = "10s"\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "duplicate-check-name",
    app: () =>
      app((job) => {
        const g = new Group(job, "api");
        const port = new Port(g, "http");
        const t = new Task(g, "app", { driver: sleep() });
        new Service(t, "svc", { port, checks: [Check.tcp(check), Check.tcp(check)] });
      }),
    hcl: hcl('    network {\n      port "http" {}\n    }\n').replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      service {\n        name = "svc"\n        port = "http"\n        check {\n          type = "tcp"\n          interval = "10s"\n          timeout = "2s"\n        }\n        check { # <-\n          type = "tcp"\n          interval = "10s"\n          timeout = "2s"\n        }\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app" › service "svc"',
  },
  {
    rule: "system-count",
    app: () => app(api({ count: 2 }), { type: "system" }),
    hcl: hcl("    count = 2 # <-\n", '  type = "system"\n'),
    path: GROUP,
  },
  {
    rule: "resources-minimum",
    app: () =>
      app((job) => {
        const g = new Group(job, "api");
        new Task(g, "app", { driver: sleep(), resources: { memory: 5 } });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      resources {\n        memory = 5 # <-\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "ephemeral-disk-size",
    app: () => app(api({ ephemeralDisk: { size: 5 } })),
    hcl: hcl("    ephemeral_disk {\n      size = 5 # <-\n    }\n"),
    path: GROUP,
  },
  {
    rule: "restart-policy",
    app: () => app(api({ restart: { interval: "2s" } })),
    hcl: hcl('    restart {\n      interval = "2s" # <-\n    }\n'),
    path: GROUP,
  },
  {
    rule: "misspelt-driver",
    app: () =>
      app((job) => {
        new Task(new Group(job, "api"), "app", { driver: Driver.custom("dokcer", { image: "nginx" }) });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n      config {\n        command = "/bin/sleep"\n',
      '      driver = "dokcer" # <-\n      config {\n        image = "nginx"\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "task-restart-fit",
    app: () =>
      app((job) => {
        const restart = { attempts: 5, delay: "15s", interval: "30s" } as const;
        new Task(new Group(job, "api"), "app", { driver: sleep(), restart });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      restart {\n        attempts = 5 # <-\n        delay = "15s"\n        interval = "30s"\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "no-main-task",
    app: () =>
      app((job) => {
        const g = new Group(job, "api");
        new Task(g, "app", { driver: sleep(), lifecycle: { hook: "prestart" } });
      }),
    hcl: hcl("")
      .replace(
        '      driver = "raw_exec"\n',
        '      driver = "raw_exec"\n      lifecycle {\n        hook = "prestart"\n      }\n',
      )
      .replace('group "api" {', 'group "api" { # <-'),
    path: GROUP,
  },
  {
    rule: "check-interval",
    app: () =>
      app(
        api(
          {},
          (g) =>
            new Service(g, "svc", {
              port: new Port(g, "http"),
              checks: [Check.tcp({ interval: "500ms", timeout: "2s" })],
            }),
        ),
      ),
    hcl: hcl(
      '    network {\n      port "http" {}\n    }\n    service {\n      name = "svc"\n      port = "http"\n      check {\n        type = "tcp"\n        interval = "500ms" # <-\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "service-name",
    app: () => app(api({}, (g) => new Service(g, "web_api", { withoutHealthCheck: { reason: "test" } }))),
    hcl: hcl('    service {\n      name = "web_api" # <-\n    }\n'),
    path: 'job "web" › group "api" › service "web_api"',
  },
  {
    rule: "connect-tcp-check",
    app: () =>
      app(
        api(
          { network: { mode: "bridge" } },
          (g) =>
            new Service(g, "svc", {
              port: new Port(g, "http", { to: 8080 }),
              connect: { sidecarService: {} },
              checks: [Check.tcp(check)],
            }),
        ),
      ),
    hcl: hcl(
      '    network {\n      mode = "bridge"\n      port "http" {\n        to = 8080\n      }\n    }\n    service {\n      name = "svc"\n      port = "8080"\n      connect {\n        sidecar_service {}\n      }\n      check {\n        type = "tcp" # <-\n        interval = "10s"\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "volume-request",
    app: () =>
      app(
        api({}, (g) => new Volume(g, "data", { type: "host", source: "data", perAlloc: true, sticky: true })),
      ),
    hcl: hcl(
      '    volume "data" {\n      type = "host"\n      source = "data"\n      per_alloc = true # <-\n      sticky = true\n    }\n',
    ),
    path: 'job "web" › group "api" › volume "data"',
  },
  {
    rule: "auto-promote-needs-canary",
    app: () => app(api({ update: { autoPromote: true } })),
    hcl: hcl("    update {\n      auto_promote = true # <-\n    }\n"),
    path: GROUP,
  },
  {
    rule: "unknown-runtime-name",
    app: () =>
      app((job) => {
        const g = new Group(job, "api");
        new Port(g, "http");
        new Task(g, "app", { driver: sleep(), env: { PORT: "${NOMAD_PORT_htpp}" } });
      }),
    hcl: hcl('    network {\n      port "http" {}\n    }\n').replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      env {\n        PORT = "${NOMAD_PORT_htpp}" # <-\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "unknown-interpolation",
    app: () => app(api(), { meta: { zone: "${nod.region}" } }),
    hcl: hcl("", '  meta {\n    zone = "${nod.region}" # <-\n  }\n'),
    path: JOB,
  },
  {
    rule: "job-id",
    app: () => {
      const a = new App({ name: "rules" });
      api()(new Job(a, "my web", { datacenters: ["dc1"] }));
      return a;
    },
    hcl: hcl("").replace('job "web" {', 'job "my web" { # <-'),
    path: 'job "my web"',
  },
  {
    rule: "job-has-groups",
    app: () => app(() => {}),
    hcl: 'job "web" { # <-\n  datacenters = ["dc1"]\n}\n',
    path: JOB,
  },
  {
    rule: "duplicate-group",
    app: () =>
      app((job) => {
        api()(job);
        api()(job);
      }),
    hcl: hcl("").replace(/\n}\n$/, `\n  group "api" { # <-\n${TASK}  }\n}\n`),
    path: GROUP,
  },
  {
    rule: "group-has-tasks",
    app: () => app((job) => void new Group(job, "api")),
    hcl: 'job "web" {\n  datacenters = ["dc1"]\n  group "api" { # <-\n  }\n}\n',
    path: GROUP,
  },
  {
    rule: "task-name",
    app: () => app((job) => void new Task(new Group(job, "api"), "alloc", { driver: sleep() })),
    hcl: hcl("").replace('task "app" {', 'task "alloc" { # <-'),
    path: 'job "web" › group "api" › task "alloc"',
  },
  {
    rule: "poststop-sidecar",
    app: () =>
      app(
        api({}, (g) => new Task(g, "t", { driver: sleep(), lifecycle: { hook: "poststop", sidecar: true } })),
      ),
    hcl: hcl(
      '    task "t" {\n      driver = "raw_exec"\n      lifecycle {\n        hook = "poststop"\n        sidecar = true # <-\n      }\n    }\n',
    ),
    path: 'job "web" › group "api" › task "t"',
  },
  {
    rule: "reschedule-policy",
    app: () => app(api({ reschedule: { attempts: 3, unlimited: true } })),
    hcl: hcl("    reschedule {\n      attempts = 3\n      unlimited = true # <-\n    }\n"),
    path: GROUP,
  },
  {
    rule: "reschedule-on-system",
    app: () => app(api({ reschedule: { attempts: 1 } }), { type: "system" }),
    hcl: hcl("    reschedule { # <-\n      attempts = 1\n    }\n", '  type = "system"\n'),
    path: GROUP,
  },
  {
    rule: "duplicate-template-destination",
    app: () =>
      app((job) => {
        const template = [
          { destination: "local/a", data: "x" },
          { destination: "local/a", data: "y" },
        ];
        new Task(new Group(job, "api"), "app", { driver: sleep(), template });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      template {\n        destination = "local/a"\n        data = "x"\n      }\n      template {\n        destination = "local/a" # <-\n        data = "y"\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "task-driver",
    // The constructs always set a driver; a patch takes it away, as a hand-edited payload would.
    app: () =>
      app((job) => {
        api()(job);
        job.addJsonPatch(JsonPatch.remove("/TaskGroups/0/Tasks/0/Driver"));
      }),
    hcl: hcl("").replace('    task "app" {\n      driver = "raw_exec"\n', '    task "app" { # <-\n'),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "template-source-destination",
    app: () =>
      app((job) => {
        new Task(new Group(job, "api"), "app", { driver: sleep(), template: [{ destination: "local/a" }] });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      template { # <-\n        destination = "local/a"\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
  {
    rule: "parameterized-needs-batch",
    app: () => app(api(), { parameterized: { payload: "optional" } }),
    hcl: hcl("", '  parameterized { # <-\n    payload = "optional"\n  }\n'),
    path: JOB,
  },
  {
    rule: "system-no-affinity-spread",
    app: () => app(api({ spreads: [{ attribute: "${node.datacenter}" }] }), { type: "system" }),
    hcl: hcl('    spread { # <-\n      attribute = "${node.datacenter}"\n    }\n', '  type = "system"\n'),
    path: GROUP,
  },
  {
    rule: "duplicate-port",
    app: () =>
      app(
        api({}, (g) => {
          new Port(g, "http");
          new Port(g, "http");
        }),
      ),
    hcl: hcl('    network {\n      port "http" {}\n      port "http" {} # <-\n    }\n'),
    path: 'job "web" › group "api" › port "http"',
  },
  {
    rule: "duplicate-service",
    app: () =>
      app(
        api({}, (g) => {
          new Service(g, "svc", { withoutHealthCheck: { reason: "test" } });
          new Service(g, "svc", { withoutHealthCheck: { reason: "test" } });
        }),
      ),
    hcl: hcl('    service {\n      name = "svc"\n    }\n    service {\n      name = "svc" # <-\n    }\n'),
    path: SVC,
  },
  {
    rule: "undeclared-task",
    app: () =>
      app((job) => {
        const t = new Task(new Group(job, "other"), "t", { driver: sleep() });
        api(
          {},
          (g) =>
            new Service(g, "svc", { checks: [Check.script({ command: "/bin/true", task: t, ...check })] }),
        )(job);
      }),
    hcl: hcl(
      '    service {\n      name = "svc"\n      check {\n        type = "script"\n        command = "/bin/true"\n        task = "t" # <-\n        interval = "10s"\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "script-check-needs-task",
    app: () =>
      app(
        api({}, (g) => new Service(g, "svc", { checks: [Check.script({ command: "/bin/true", ...check })] })),
      ),
    hcl: hcl(
      '    service {\n      name = "svc"\n      check { # <-\n        type = "script"\n        command = "/bin/true"\n        interval = "10s"\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "connect-on-task-service",
    app: () =>
      app((job) => {
        const t = new Task(new Group(job, "api"), "app", { driver: sleep() });
        new Service(t, "svc", { connect: { native: true }, withoutHealthCheck: { reason: "test" } });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      service {\n        name = "svc"\n        connect { # <-\n          native = true\n        }\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app" › service "svc"',
  },
  {
    rule: "exposed-check-needs-to",
    app: () =>
      app(
        api(
          { network: { mode: "bridge" } },
          (g) =>
            new Service(g, "svc", {
              port: new Port(g, "http"),
              connect: { sidecarService: {} },
              checks: [Check.http({ path: "/", expose: true, ...check })],
            }),
        ),
      ),
    hcl: hcl(
      '    network {\n      mode = "bridge"\n      port "http" {}\n    }\n    service {\n      name = "svc"\n      port = "http"\n      connect {\n        sidecar_service {}\n      }\n      check {\n        type = "http"\n        path = "/"\n        expose = true # <-\n        interval = "10s"\n        timeout = "2s"\n      }\n    }\n',
    ),
    path: SVC,
  },
  {
    rule: "mixed-service-providers",
    app: () =>
      app(
        api({}, (g) => {
          new Service(g, "a", { withoutHealthCheck: { reason: "test" } });
          new Service(g, "b", { provider: "nomad", withoutHealthCheck: { reason: "test" } });
        }),
      ),
    hcl: hcl(
      '    service {\n      name = "a"\n    }\n    service {\n      name = "b"\n      provider = "nomad"\n    }\n',
    ).replace('group "api" {', 'group "api" { # <-'),
    path: GROUP,
  },
  {
    rule: "missing-attribute",
    app: () => app(api(), { constraints: [{ operator: "=", value: "a" }] }),
    hcl: hcl("", '  constraint { # <-\n    operator = "="\n    value = "a"\n  }\n'),
    path: JOB,
  },
  {
    rule: "missing-value",
    app: () => app(api(), { constraints: [{ attribute: "${attr.kernel.name}", operator: "=" }] }),
    hcl: hcl("", '  constraint {\n    attribute = "${attr.kernel.name}"\n    operator = "=" # <-\n  }\n'),
    path: JOB,
  },
  {
    rule: "unexpected-value",
    app: () => app(api(), { constraints: [{ attribute: "${meta.a}", operator: "is_set", value: "a" }] }),
    hcl: hcl(
      "",
      '  constraint {\n    attribute = "${meta.a}"\n    operator = "is_set"\n    value = "a" # <-\n  }\n',
    ),
    path: JOB,
  },
  {
    rule: "bad-version-constraint",
    app: () =>
      app(api(), {
        constraints: [{ attribute: "${attr.nomad.version}", operator: "version", value: "at least 1" }],
      }),
    hcl: hcl(
      "",
      '  constraint {\n    attribute = "${attr.nomad.version}"\n    version = "at least 1" # <-\n  }\n',
    ),
    path: JOB,
  },
  {
    rule: "bad-regexp",
    app: () =>
      app(api(), { constraints: [{ attribute: "${attr.kernel.name}", operator: "regexp", value: "(" }] }),
    hcl: hcl("", '  constraint {\n    attribute = "${attr.kernel.name}"\n    regexp = "(" # <-\n  }\n'),
    path: JOB,
  },
  {
    rule: "distinct-property-limit",
    app: () =>
      app(api(), {
        constraints: [{ attribute: "${meta.rack}", operator: "distinct_property", value: "two" }],
      }),
    hcl: hcl(
      "",
      '  constraint {\n    attribute = "${meta.rack}"\n    operator = "distinct_property"\n    value = "two" # <-\n  }\n',
    ),
    path: JOB,
  },
  {
    rule: "task-distinct-constraint",
    app: () =>
      app((job) => {
        const constraints = [{ operator: "distinct_hosts", value: "true" }] as const;
        new Task(new Group(job, "api"), "app", { driver: sleep(), constraints });
      }),
    hcl: hcl("").replace(
      '      driver = "raw_exec"\n',
      '      driver = "raw_exec"\n      constraint {\n        operator = "distinct_hosts" # <-\n        value = "true"\n      }\n',
    ),
    path: 'job "web" › group "api" › task "app"',
  },
];

/** The 1-based line of the `# <-` marker. */
const markedLine = (text: string) => text.split("\n").findIndex((l) => l.includes("# <-")) + 1;

describe("one rule, the same finding from synth and from the editor", () => {
  it("has a case for every rule", () => {
    expect(cases.map((c) => c.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it.each(cases)("$rule", ({ rule, app: build, hcl: text, path }) => {
    expect(markedLine(text), "the HCL marks the expected line with # <-").toBeGreaterThan(0);
    const result = synthesize(build());
    const fromSynth = [...result.problems, ...result.warnings].filter((p) => p.rule === rule);
    const fromEditor = analyzeDocument(`file:///${rule}.nomad.hcl`, text).diagnostics.filter(
      (d) => d.code === rule,
    );
    expect(
      fromSynth.map((p) => p.message),
      "synth and the editor say the same",
    ).toEqual(fromEditor.map((d) => d.message));
    expect(fromSynth.length).toBe(1);
    expect(fromSynth[0]?.path).toBe(path);
    expect(fromEditor[0]?.range.start.line).toBe(markedLine(text));
    expect(fromSynth[0]?.severity ?? "error").toBe(fromEditor[0]?.severity);
  });
});

describe("the sdk README's rule table", () => {
  it("lists every rule with its severity and summary, and no other", () => {
    const readme = readFileSync(new URL("../sdk/README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning) \| (.+) \|$/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    const expected = [...RULES, { id: "newer-than-target", severity: "warning", summary: "" }].map(
      (r) => r.id,
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.sort());
    for (const rule of RULES)
      expect(rows.find((r) => r[0] === rule.id)?.slice(1)).toEqual([rule.severity, rule.summary]);
  });
});
