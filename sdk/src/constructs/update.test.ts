import { describe, expect, it } from "vitest";
import { App, Check, Driver, Group, Job, Port, Service, synthesize, Task, Update } from "../index.js";

function synthGroup(
  jobProps: ConstructorParameters<typeof Job>[2],
  groupProps: ConstructorParameters<typeof Group>[2],
) {
  const app = new App();
  const job = new Job(app, "web", jobProps);
  new Task(new Group(job, "g", groupProps), "t", { driver: Driver.exec({ command: "/bin/true" }) });
  const result = synthesize(app);
  expect(result.problems).toEqual([]);
  return result.jobs[0]?.payload.Job as { Update?: unknown; TaskGroups: Array<{ Update?: unknown }> };
}

describe("update strategies", () => {
  it("service jobs wait for checks and auto-revert by default", () => {
    expect(synthGroup({}, {}).Update).toEqual({ HealthCheck: "checks", AutoRevert: true });
    expect(synthGroup({ update: { autoRevert: false } }, {}).Update).toEqual({
      HealthCheck: "checks",
      AutoRevert: false,
    });
    expect(synthGroup({ type: "batch" }, {}).Update).toBeUndefined();
  });

  it("blueGreen starts as many canaries as the group has allocations", () => {
    const job = synthGroup({}, { count: 5, update: Update.blueGreen({ autoPromote: true }) });
    expect(job.TaskGroups[0]?.Update).toEqual({
      MaxParallel: 5,
      HealthCheck: "checks",
      AutoRevert: true,
      AutoPromote: true,
      Canary: 5,
    });
  });

  it("canary and rolling fill in safe settings", () => {
    expect(Update.canary(2)).toEqual({
      canary: 2,
      maxParallel: 2,
      autoPromote: false,
      healthCheck: "checks",
      autoRevert: true,
    });
    expect(Update.rolling({ maxParallel: 3 })).toEqual({
      maxParallel: 3,
      healthCheck: "checks",
      autoRevert: true,
    });
  });
});

describe("health checks on services that take traffic", () => {
  function app(props: Partial<ConstructorParameters<typeof Service>[2]>) {
    const a = new App();
    const group = new Group(new Job(a, "web"), "g");
    const http = new Port(group, "http");
    new Task(group, "t", { driver: Driver.exec({ command: "/bin/true" }) });
    new Service(group, "web", { port: http, ...props });
    return synthesize(a).problems;
  }

  it("are required", () => {
    expect(app({})).toEqual([
      {
        path: 'job "web" › group "g" › service "web"',
        message: expect.stringContaining("takes traffic but has no health check"),
      },
    ]);
  });

  it("can be waived with a reason, or given", () => {
    expect(app({ withoutHealthCheck: { reason: "UDP syslog sink" } })).toEqual([]);
    expect(app({ checks: [Check.tcp({ interval: "5s", timeout: "1s" })] })).toEqual([]);
  });
});
