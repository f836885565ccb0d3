import { describe, expect, it } from "vitest";
import { runRules } from "./engine.js";

const withRegexp = (value: string) => ({
  ID: "web",
  Constraints: [{ LTarget: "${attr.kernel.name}", Operand: "regexp", RTarget: value }],
  TaskGroups: [{ Name: "g", Tasks: [{ Name: "t", Driver: "raw_exec" }] }],
});

// A real agent refuses each of these at /v1/validate/job (RE2 doesn't compile them);
// JavaScript's RegExp without the u flag took the first two (test/synth-property.test.ts found "\E").
describe("bad-regexp", () => {
  it.each(["\\E", "a\\1", "(?=a)", "(?<!a)b", "(", "${\\"])("warns about %j", (value) => {
    expect(runRules(withRegexp(value)).map((f) => f.rule)).toContain("bad-regexp");
  });
  it.each([
    "^linux$",
    "[0-9]+",
    "(?i)LINUX",
    "(?P<os>linux)",
    "a\\.b",
    "${meta.os}",
    "a{2}",
    "a{x}",
    "[{}]",
  ])("takes %j", (value) => {
    expect(runRules(withRegexp(value)).map((f) => f.rule)).not.toContain("bad-regexp");
  });
});
