import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DeviceSlots } from "./devices.js";
import { constraintHolds, globMatches, type PlacementTarget } from "./placement-target.js";

const node: PlacementTarget = {
  pool: "gpu",
  datacenter: "eu-west-1",
  nodeClass: "gpu",
  name: "gpu-1",
  id: "n1",
  meta: { "has-gpu": "true", tags: "ssd,fast" },
  attributes: { "cpu.arch": "amd64" },
  devices: [{ vendor: "nvidia", type: "gpu", name: "Tesla T4", count: 2 }],
};
const template: PlacementTarget = { ...node, attributes: {}, attributesUnknown: true };
const c = (ltarget: string, operand: string, rtarget = "") => ({ ltarget, operand, rtarget });

describe("constraintHolds", () => {
  it.each([
    [c("${meta.has-gpu}", "=", "true"), true],
    [c("${meta.has-gpu}", "==", "false"), false],
    [c("${meta.missing}", "=", "x"), false],
    [c("${meta.missing}", "!=", "x"), true],
    [c("${node.class}", "regexp", "^g.u$"), true],
    [c("${meta.tags}", "set_contains", "ssd"), true],
    [c("${meta.tags}", "set_contains", "ssd,slow"), false],
    [c("${meta.tags}", "set_contains_any", "slow,fast"), true],
    [c("${meta.has-gpu}", "is_set"), true],
    [c("${meta.missing}", "is_not_set"), true],
    [c("${attr.cpu.arch}", "=", "arm64"), false],
    [c("${node.datacenter}", "=", "eu-west-1"), true],
    [c("${attr.kernel.version}", "version", ">= 5"), false],
    [c("${node.region}", "=", "eu"), undefined],
  ])("%j on a node → %s", (constraint, expected) => {
    expect(constraintHolds(constraint, node)).toBe(expected);
  });

  it("treats an attribute a template doesn't list as unknown, not absent", () => {
    expect(constraintHolds(c("${attr.cpu.arch}", "=", "amd64"), template)).toBeUndefined();
    expect(constraintHolds(c("${attr.cpu.arch}", "is_not_set"), node)).toBe(false);
    expect(constraintHolds(c("${meta.missing}", "is_not_set"), template)).toBe(true);
  });
});

// What Nomad's scheduler answered for each case (test/constraint-oracle.test.ts asks a real
// agent and keeps this file current).
const recorded = JSON.parse(readFileSync(new URL("./constraint-answers.json", import.meta.url), "utf8")) as {
  nomadVersion: string;
  node: PlacementTarget;
  answers: { ltarget: string; operand: string; rtarget: string; places?: boolean }[];
};

describe(`constraintHolds agrees with Nomad ${recorded.nomadVersion}'s scheduler`, () => {
  it("on every recorded case", () => {
    const planned = recorded.answers.filter((a) => a.places !== undefined);
    const disagreements = planned
      .filter((a) => constraintHolds(a, recorded.node) !== a.places)
      .map((a) => `${a.ltarget} ${a.operand} ${JSON.stringify(a.rtarget)}: Nomad says ${a.places}`);
    expect(disagreements).toEqual([]);
    expect(planned.length).toBeGreaterThan(5000);
  });
});

describe("globMatches", () => {
  it("matches Nomad's datacenter globs", () => {
    expect(globMatches("*", "dc1")).toBe(true);
    expect(globMatches("eu-*", "eu-west-1")).toBe(true);
    expect(globMatches("eu-*", "us-east-1")).toBe(false);
    expect(globMatches("dc.1", "dcx1")).toBe(false);
  });
});

describe("DeviceSlots", () => {
  it("matches by type, vendor/type and vendor/type/model, and counts what is in use", () => {
    const slots = new DeviceSlots(node.devices, [{ name: "gpu", count: 1 }]);
    expect(slots.copiesThatFit([{ name: "nvidia/gpu", count: 1 }])).toBe(1);
    expect(slots.copiesThatFit([{ name: "nvidia/gpu/Tesla T4", count: 1 }])).toBe(1);
    expect(slots.copiesThatFit([{ name: "amd/gpu", count: 1 }])).toBe(0);
    slots.takeAll([{ name: "gpu", count: 1 }], 1);
    expect(slots.copiesThatFit([{ name: "gpu", count: 1 }])).toBe(0);
  });
});
