// Option objects kept in variables, typed by the props types nomadkit exports. This file
// is type-checked by `tsc -p test`: it failing to compile is the test.
import {
  App,
  type CanaryUpdateProps,
  Check,
  type CheckProps,
  Driver,
  Group,
  type GroupProps,
  Job,
  type JobProps,
  type LogShipperProps,
  Port,
  Secret,
  Service,
  Sidecar,
  synthesize,
  Task,
  type Timing,
  Update,
  type UpdateProps,
} from "nomadkit";
import { describe, expect, it } from "vitest";

describe("option objects in variables", () => {
  it("type-check and synthesize without annotations or satisfies", () => {
    // Each literal widens to string here; duration fields take any string and synth checks it.
    const timing = { healthyDeadline: "3m", minHealthyTime: "10s" };
    const checkTiming = { interval: "10s", timeout: "2s" };
    const app = new App({ name: "vars" });
    const job = new Job(app, "web", { datacenters: ["dc1"] });
    const group = new Group(job, "api", { count: 2, update: Update.canary(1, timing) });
    const port = new Port(group, "http");
    const main = new Task(group, "app", { driver: Driver.rawExec({ command: "/bin/sleep" }) });
    new Service(group, "api", { port, checks: [Check.http({ path: "/health", ...checkTiming })] });
    Sidecar.logShipper(group, {
      main,
      config: { lokiUrl: "http://loki:3100" },
      env: { LOKI_TOKEN: Secret.fromNomadVariable("nomad/jobs/web", "loki_token"), LEVEL: "info" },
    });
    const result = synthesize(app);
    expect(result.problems).toEqual([]);
    const update = (result.jobs[0]?.payload.Job as { TaskGroups: Array<{ Update: Record<string, unknown> }> })
      .TaskGroups[0]?.Update;
    expect(update?.HealthyDeadline).toBe(180e9);
    const shipper = result.jobs[0]?.hcl ?? "";
    expect(shipper).toContain('LEVEL = "info"');
  });

  it("keep literal types with satisfies and the exported props types", () => {
    const timing = { healthyDeadline: "30s" } satisfies Timing;
    const canary = { autoPromote: true, ...timing } satisfies CanaryUpdateProps;
    const update = { healthCheck: "checks", maxParallel: 1 } satisfies UpdateProps;
    const jobProps = { type: "service", datacenters: ["dc1"] } satisfies JobProps;
    const groupProps = { count: 3, update } satisfies GroupProps;
    const check = { interval: "5s", timeout: "1s" } satisfies CheckProps;
    const app = new App();
    const job = new Job(app, "web", jobProps);
    const group = new Group(job, "g", { ...groupProps, update: Update.canary(1, canary) });
    const port = new Port(group, "http");
    const main = new Task(group, "t", { driver: Driver.rawExec({ command: "/bin/sleep" }) });
    new Service(group, "web", { port, checks: [Check.tcp(check)] });
    const shipper: LogShipperProps = { main, config: "server: {}", env: { A: "1" } };
    Sidecar.logShipper(group, shipper);
    expect(synthesize(app).problems).toEqual([]);
  });

  it("a bad duration kept in a variable is a synth problem at its construct path", () => {
    const timing = { healthyDeadline: "3 minutes" };
    const app = new App();
    const job = new Job(app, "web", { datacenters: ["dc1"] });
    const group = new Group(job, "g", { update: Update.rolling(timing) });
    new Task(group, "t", { driver: Driver.rawExec({ command: "/bin/sleep" }) });
    const { problems } = synthesize(app);
    expect(problems.map((p) => p.path)).toContain('job "web" › group "g"');
    expect(problems.map((p) => p.message).join("\n")).toContain('"3 minutes" is not a duration');
  });
});
