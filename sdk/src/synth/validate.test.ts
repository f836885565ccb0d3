import { describe, expect, it } from "vitest";
import { App, Check, Driver, Group, Job, Port, Service, synthesize, Task, Volume } from "../index.js";

const sleep = () => Driver.rawExec({ command: "/bin/sleep", args: ["60"] });

/** An app with one of every mistake synth must catch. */
function brokenApp(): App {
  const app = new App({ name: "broken" });
  const job = new Job(app, "web", { datacenters: ["dc1"], periodic: { crons: ["61 * * * *"] } });
  const api = new Group(job, "api", { count: -1, update: { canary: 3 } });
  const other = new Group(job, "other");
  const foreignPort = new Port(other, "admin");
  const foreignVolume = new Volume(other, "data", { type: "host", source: "data" });
  new Task(other, "t", { driver: sleep() });
  new Task(api, "app", {
    driver: Driver.docker({ image: "nginx", ports: [foreignPort] }),
    leader: true,
    killTimeout: "5 seconds" as never,
    volumeMounts: [{ volume: foreignVolume, destination: "/data" }],
  });
  new Task(api, "app", { driver: sleep(), leader: true });
  new Service(api, "svc", {
    port: foreignPort,
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
    checks: [Check.http({ path: "/", interval: "10x" as never, timeout: "1s" })],
  });
  const sidecars = new Group(job, "sidecars-only");
  new Task(sidecars, "side", { driver: sleep(), lifecycle: { hook: "poststart", sidecar: true } });
  return app;
}

describe("synth validation", () => {
  const { jobs, problems, warnings } = synthesize(brokenApp());
  const lines = problems.map((p) => `${p.path}: ${p.message}`);
  const expectLine = (path: string, fragment: string) =>
    expect(
      lines.some((l) => l.startsWith(`${path}: `) && l.includes(fragment)),
      `${path} … ${fragment}\n${lines.join("\n")}`,
    ).toBe(true);

  it("writes nothing when there are problems", () => {
    expect(jobs).toEqual([]);
  });

  it("reports every problem at once, each with its construct path", () => {
    expectLine('job "web"', "only batch and sysbatch jobs can be periodic");
    expectLine('job "web"', 'cron "61 * * * *"');
    expectLine('job "web" › group "api"', 'group "api" has count -1');

    expectLine('job "web" › group "api" › task "app"', 'two tasks of group "api" are named "app"');
    expectLine('job "web" › group "api" › task "app"', "more than one leader task");
    expectLine('job "web" › group "api" › task "app"', 'port "admin" is not declared in group "api"');
    expectLine('job "web" › group "api" › service "svc"', 'port "admin" is not declared in group "api"');
    expectLine('job "web" › group "api" › task "app"', 'volume "data" is not declared in group "api"');
    expectLine('job "web" › group "api" › task "app"', '"5 seconds" is not a duration');
    expectLine(
      'job "web" › group "api" › service "svc"',
      'needs group "api" to have one network in bridge mode',
    );
    expectLine(
      'job "web" › group "api" › service "svc"',
      'upstreams "a" and "b" both listen on local port 8080',
    );
    expectLine('job "web" › group "api" › service "svc"', '"10x" is not a duration');
    expect(problems.length).toBeGreaterThanOrEqual(12);
  });

  it("reports warnings without stopping synth", () => {
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toContain(
      'job "web" › group "sidecars-only": every task of group "sidecars-only" has a lifecycle hook, so none is the main task. Remove lifecycle from the task that does the group\'s work.',
    );
  });

  it("flags unknown fields with a suggestion (for JavaScript users)", () => {
    const app = new App();
    const job = new Job(app, "j", { datacenters: ["dc1"], ...({ priorty: 50 } as object) });
    new Task(new Group(job, "g"), "t", { driver: sleep() });
    const { problems: found } = synthesize(app);
    expect(found).toEqual([
      { path: 'job "j"', message: 'job: unknown field "priorty" (did you mean "priority"?)' },
    ]);
  });

  it("checks enum values", () => {
    const app = new App();
    const job = new Job(app, "j", { type: "servce" as never });
    new Task(new Group(job, "g"), "t", { driver: sleep() });
    const { problems: found } = synthesize(app);
    expect(found.map((p) => p.message)).toEqual([expect.stringContaining('did you mean "service"')]);
  });

  it("rejects duplicate job names in an app", () => {
    const app = new App();
    for (let i = 0; i < 2; i++) new Task(new Group(new Job(app, "same"), "g"), "t", { driver: sleep() });
    expect(synthesize(app).problems.map((p) => p.message)).toContain(
      'two jobs are named "same": give each a unique name',
    );
  });
});
