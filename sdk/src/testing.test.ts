import { describe, expect, it } from "vitest";
import { App, Driver, Group, Job, Task } from "./index.js";
import { Testing } from "./testing.js";

function app(count: number): App {
  const a = new App({ name: "t" });
  const job = new Job(a, "web", { datacenters: ["dc1"] });
  new Task(new Group(job, "g", { count }), "t", { driver: Driver.exec({ command: "/bin/true" }) });
  return a;
}

describe("Testing", () => {
  it("returns payloads keyed by job ID", () => {
    const payloads = Testing.payloads(app(2)) as Record<
      string,
      { Job: { TaskGroups: Array<{ Count: number }> } }
    >;
    expect(Object.keys(payloads)).toEqual(["web"]);
    expect(payloads.web?.Job.TaskGroups[0]?.Count).toBe(2);
  });

  it("throws listing every problem", () => {
    expect(() => Testing.synth(app(-2))).toThrow(
      /1 problem\(s\):\n {2}job "web" › group "g": group "g" has count -2/,
    );
  });
});
