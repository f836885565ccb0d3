import { describe, expect, it } from "vitest";
import { runRules } from "./engine.js";

const withAttribute = (attribute: string) => ({
  ID: "web",
  Constraints: [{ LTarget: attribute, Operand: "=", RTarget: "x" }],
  TaskGroups: [{ Name: "g", Tasks: [{ Name: "t", Driver: "raw_exec" }] }],
});

// Each as a real Nomad 1.11.3 agent's /v1/validate/job answered (test/synth-property.test.ts
// found "${" that synth let through).
describe("missing-attribute: an attribute Nomad can't read", () => {
  it.each([
    "${",
    "${a",
    "${x}y",
    "$a}",
    "$",
    "${a}",
    "${foo.bar}",
    "${node.foo}",
    "${node.region}",
    "${ attr.x }",
    "${}",
  ])("refuses %j", (attribute) =>
    expect(runRules(withAttribute(attribute)).map((f) => f.rule)).toContain("missing-attribute"));
  it.each([
    "x}",
    "a}",
    "x${a}",
    "{a}",
    "a${b",
    "${attr.x}}",
    "${attr.}",
    "${meta.}",
    "${device.x}",
    "${node.unique.id}",
    "${node.pool}",
    "${attr.a b}",
    "linux",
  ])("takes %j", (attribute) =>
    expect(runRules(withAttribute(attribute)).map((f) => f.rule)).not.toContain("missing-attribute"));
});
