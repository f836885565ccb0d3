import { describe, expect, it } from "vitest";
import { runRules } from "./engine.js";

const withService = (name: string) => ({
  ID: "web",
  TaskGroups: [
    { Name: "g", Services: [{ Name: name, Provider: "nomad" }], Tasks: [{ Name: "t", Driver: "raw_exec" }] },
  ],
});

// Nomad checks a service name with each ${…} replaced by a placeholder; a real agent refused
// "\"${NOMAD_ALLOC_ID}0" (test/synth-property.test.ts found it), which the rule used to skip.
describe("service-name", () => {
  it.each(['"${NOMAD_ALLOC_ID}0', "${NOMAD_JOB_NAME}_x", "a${b c}"])("refuses %j", (name) => {
    expect(runRules(withService(name)).map((f) => f.rule)).toContain("service-name");
  });
  it.each(["api", "${NOMAD_JOB_NAME}-api", "web-${NOMAD_ALLOC_INDEX}"])("takes %j", (name) => {
    expect(runRules(withService(name)).map((f) => f.rule)).not.toContain("service-name");
  });
});
