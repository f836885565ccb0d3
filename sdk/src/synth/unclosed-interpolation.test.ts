// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${ is the text under test.
import { describe, expect, it } from "vitest";
import { App, Driver, Group, Job, synthesize, Task } from "../index.js";

function appWith(args: string[], env: Record<string, string>): App {
  const app = new App({ name: "text" });
  const job = new Job(app, "web", { datacenters: ["dc1"], meta: { note: "costs ${ 5" } });
  new Task(new Group(job, "g"), "t", {
    driver: Driver.rawExec({ command: "/bin/sh", args }),
    env,
  });
  return app;
}

// A real agent showed both: a task whose args hold "a${" fails with "failed to parse config",
// and env "b${ c" reaches the process as is (test/synth-property.test.ts checks the agent's side).
describe("an unclosed ${", () => {
  it("is plain text in env and meta, which Nomad passes on as is", () => {
    const result = synthesize(appWith(["-c", "true"], { X: "b${ c" }));
    expect(result.problems).toEqual([]);
    expect(result.jobs[0]?.payload.Job.Meta).toEqual({ note: "costs ${ 5" });
    expect(result.jobs[0]?.hcl).toContain('note = "costs $${ 5"');
  });

  it("is refused in driver config, which the client reads as HCL when the task starts", () => {
    const result = synthesize(appWith(["-c", "echo a${"], {}));
    expect(result.problems.map((p) => p.message).join("\n")).toMatch(/never closes.*driver config/);
  });
});
