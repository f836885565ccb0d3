// The newer-than-target rule through both front ends (synth and the editor's analysis): it
// crosses the sdk's layers, so it lives here rather than beside the rule.

import { App, Driver, Group, Job, synthesize, Task } from "nomadkit";
import { analyzeDocument } from "nomadkit/analysis";
import { newerThanTarget, pinnedNomadVersion } from "nomadkit/rules";
import { describe, expect, it } from "vitest";

function batch(target?: string): App {
  const app = new App({ name: "newer", ...(target ? { targetNomadVersion: target } : {}) });
  const job = new Job(app, "report", { datacenters: ["dc1"], type: "batch" });
  const group = new Group(job, "run", { maxRunDuration: "1h" });
  new Task(group, "t", { driver: Driver.rawExec({ command: "/bin/true" }) });
  return app;
}

const HCL = `job "report" {
  type = "batch"
  group "run" {
    max_run_duration = "1h"
    task "t" {
      driver = "raw_exec"
      config { command = "/bin/true" }
    }
  }
}
`;

describe("newer-than-target", () => {
  it("synth warns, at the group, when the app targets an older Nomad", () => {
    const { problems, warnings } = synthesize(batch("1.11.3"));
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      expect.objectContaining({
        path: 'job "report" › group "run"',
        rule: "newer-than-target",
        message: expect.stringContaining(
          '"max_run_duration" needs Nomad 2.0.3 or newer; the target is 1.11.3.',
        ),
      }),
    ]);
  });

  it("no warning for the default target, today's Nomad", () => {
    expect(pinnedNomadVersion()).toBe("2.0.5");
    expect(synthesize(batch()).warnings).toEqual([]);
    expect(synthesize(batch("2.0.3")).warnings).toEqual([]);
  });

  it("the editor warns for an older target, and not by default", () => {
    const older = analyzeDocument("file:///newer.nomad.hcl", HCL, { targetNomadVersion: "1.11.3" });
    expect(
      older.diagnostics.filter((d) => d.code === "newer-than-target").map((d) => d.range.start.line),
    ).toEqual([4]);
    const byDefault = analyzeDocument("file:///newer2.nomad.hcl", HCL);
    expect(byDefault.diagnostics.filter((d) => d.code === "newer-than-target")).toEqual([]);
  });

  it("walks into lists and driver configs", () => {
    const job = {
      ID: "x",
      TaskGroups: [
        { Name: "g", MaxRunDuration: 1, Tasks: [{ Name: "t", Driver: "docker", Config: { image: "x" } }] },
      ],
    };
    expect(newerThanTarget(job, "1.11.0").map((f) => f.at)).toEqual([["TaskGroups", 0, "MaxRunDuration"]]);
  });
});
