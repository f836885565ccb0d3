import { describe, expect, it } from "vitest";
import { App, Driver, Group, Job, synthesize, Task } from "../index.js";

describe("text in Unicode NFC", () => {
  it("writes the JSON in NFC, as the HCL reads, and warns when that changed the text", () => {
    const app = new App({ name: "nfc" });
    // "e" + combining acute, and a CJK compatibility ideograph: HCL reads both as their NFC form.
    const job = new Job(app, "web", { datacenters: ["dc1"], meta: { "e\u0301": "\uF9A8" } });
    const group = new Group(job, "g");
    new Task(group, "t", { driver: Driver.rawExec({ command: "/bin/sleep", args: ["3600"] }) });
    const result = synthesize(app);
    expect(result.problems).toEqual([]);
    expect(result.jobs[0]?.payload.Job.Meta).toEqual({ "\u00e9": "\u4ee4" });
    expect(result.jobs[0]?.hcl).toContain('"\u00e9" = "\u4ee4"');
    expect(result.warnings.map((w) => w.message).join("\n")).toContain("Unicode NFC");
  });
});
