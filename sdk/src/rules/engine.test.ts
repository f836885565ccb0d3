import { describe, expect, it } from "vitest";
import { RULES, runRules } from "./engine.js";
import { deepestKnown } from "./rule.js";

const group = (extra: object = {}) => ({
  Name: "api",
  Count: 2,
  Tasks: [{ Name: "app", Driver: "docker" }],
  ...extra,
});

describe("runRules", () => {
  it("gives every rule a unique id", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it("finds nothing in a plain job", () => {
    expect(runRules({ ID: "web", Name: "web", TaskGroups: [group()] })).toEqual([]);
  });

  it("reports a merged update field where it was written: the group's block, else the job's", () => {
    const fromJob = runRules({ ID: "web", Update: { Canary: 3 }, TaskGroups: [group()] });
    expect(fromJob.map((f) => [f.rule, f.at])).toEqual([["canary-exceeds-count", ["Update", "Canary"]]]);
    const fromGroup = runRules({
      ID: "web",
      Update: { Canary: 1 },
      TaskGroups: [group({ Update: { Canary: 3 } })],
    });
    expect(fromGroup.map((f) => f.at)).toEqual([["TaskGroups", 0, "Update", "Canary"]]);
  });

  it("compares deadlines after merging with the schema's defaults", () => {
    // healthy_deadline 11m against the default progress_deadline of 10m.
    const found = runRules({ ID: "web", TaskGroups: [group({ Update: { HealthyDeadline: 660e9 } })] });
    expect(found.map((f) => f.message)).toEqual([
      "update healthy_deadline (11m) must be shorter than progress_deadline (10m).",
    ]);
  });
});

describe("deepestKnown", () => {
  it("falls back to the nearest known ancestor", () => {
    const known = new Map([["TaskGroups/0", "group"]]);
    expect(deepestKnown(["TaskGroups", 0, "Update", "Canary"], (p) => known.get(p.join("/")))).toBe("group");
  });
});
