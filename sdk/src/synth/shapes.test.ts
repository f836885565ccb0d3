import { describe, expect, it } from "vitest";
import { App, Check, Driver, Group, Job, Port, Service, Sidecar, synthesize, Task } from "../index.js";

// What a JavaScript user (or a cast) can pass where an object goes: each case must be a
// problem at a construct path naming what to pass, never a TypeError.
const tcp = () => Check.tcp({ interval: "10s", timeout: "2s" });
const sleep = () => Driver.rawExec({ command: "/bin/sleep" });
const bad = (v: unknown) => v as never;

const cases: Array<[string, (g: Group) => void, string, string]> = [
  [
    "service port",
    (g) => new Service(g, "web", { port: bad("http"), checks: [tcp()] }),
    'group "g" › service "web"',
    'port: expected a Port (`new Port(group, "http", {…})`), got "http"',
  ],
  [
    "check port",
    (g) =>
      new Service(g, "web", {
        port: new Port(g, "http"),
        checks: [Check.tcp({ interval: "10s", timeout: "2s", port: bad("http") })],
      }),
    'service "web"',
    "checks[0] › port: expected a Port",
  ],
  [
    "volume mount",
    (g) => new Task(g, "t2", { driver: sleep(), volumeMounts: [{ volume: bad("data"), destination: "/d" }] }),
    'task "t2"',
    'volumeMounts[0] › volume: expected a Volume (`new Volume(group, "data", {…})`), got "data"',
  ],
  [
    "docker ports",
    (g) => new Task(g, "t2", { driver: Driver.docker({ image: "x", ports: [bad("http")] }) }),
    'task "t2"',
    'driver › ports[0]: expected a Port (`new Port(group, "http", {…})`), got "http"',
  ],
  ["driver", (g) => new Task(g, "t2", { driver: bad("docker") }), 'task "t2"', "driver: expected a driver"],
  ["no props", (g) => new Task(g, "t2", bad(undefined)), 'task "t2"', "props: expected an object"],
  [
    "checks not a list",
    (g) => new Service(g, "web", { port: new Port(g, "http"), checks: bad("x") }),
    'service "web"',
    'checks: expected a list, got "x"',
  ],
  [
    "env value",
    (g) => new Task(g, "t2", { driver: sleep(), env: { A: bad(5) } }),
    'task "t2"',
    'env["A"]: expected a string or a Secret',
  ],
  [
    "log shipper main",
    (g) => Sidecar.logShipper(g, { main: bad("t"), config: { lokiUrl: "http://loki:3100" } }),
    'task "log-shipper"',
    'serves: expected a Task (`new Task(group, "app", {…})`), got "t"',
  ],
  [
    "upstream destination",
    (g) =>
      new Service(g, "web", {
        port: new Port(g, "http"),
        checks: [Check.http({ path: "/", interval: "10s", timeout: "2s" })],
        connect: Sidecar.connectProxy({ upstreams: [{ service: bad(5), localBindPort: 9000 }] }),
      }),
    'service "web"',
    "connect › upstreams[0] › destination: expected a Service",
  ],
];

describe("run-time shape checks", () => {
  it.each(cases)("%s", (_name, build, path, message) => {
    const app = new App();
    const job = new Job(app, "web", { datacenters: ["dc1"] });
    const g = new Group(job, "g", { network: { mode: "bridge" } });
    new Task(g, "t", { driver: sleep() });
    build(g);
    const { problems } = synthesize(app);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.path.includes(path) && p.message.includes(message))).toBe(true);
  });
});
