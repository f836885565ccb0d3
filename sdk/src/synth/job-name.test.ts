import { describe, expect, it } from "vitest";
import { App, Driver, Group, Job, synthesize, Task } from "../index.js";

function appNamed(name: string | undefined): App {
  const app = new App({ name: "names" });
  const job = new Job(app, "web", { datacenters: ["dc1"], ...(name === undefined ? {} : { name }) });
  new Task(new Group(job, "g"), "t", { driver: Driver.rawExec({ command: "/bin/true" }) });
  return app;
}

describe("a job's display name", () => {
  it("defaults to the job ID", () => {
    expect(synthesize(appNamed(undefined)).jobs[0]?.payload.Job.Name).toBe("web");
  });

  // A real agent answers "Missing job name" for Name "" (test/synth-property.test.ts found it).
  it("can't be empty, which Nomad refuses", () => {
    expect(
      synthesize(appNamed(""))
        .problems.map((p) => p.message)
        .join("\n"),
    ).toContain("name");
  });

  // "Job Name contains a null character", said a real agent.
  it("can't hold a NUL character", () => {
    expect(
      synthesize(appNamed("a\u0000b"))
        .problems.map((p) => p.message)
        .join("\n"),
    ).toContain("NUL");
  });

  // "Task group … validation failed" for a group named "\u0000", said a real agent.
  it("and a group's name can't hold a NUL character either", () => {
    const app = new App({ name: "names" });
    const job = new Job(app, "web", { datacenters: ["dc1"] });
    new Task(new Group(job, "a\u0000"), "t", { driver: Driver.rawExec({ command: "/bin/true" }) });
    expect(
      synthesize(app)
        .problems.map((p) => p.message)
        .join("\n"),
    ).toContain("NUL");
  });
});
