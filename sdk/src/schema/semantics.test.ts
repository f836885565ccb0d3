import { describe, expect, it } from "vitest";
import { isOpenEnum } from "./index.js";
import { nomadSchema } from "./load.js";
import {
  checkTypes,
  interpolationRoots,
  isCheckType,
  jobTypeFacts,
  jobTypes,
  launchedJobTypes,
  nomadProviderCheckTypes,
  operatorSemantics,
  operatorsNeedingValue,
  operatorsPlacingAllocations,
  operatorsWithoutValue,
  perNodeJobTypes,
  placementShorthands,
  portedCheckTypes,
  statusValues,
  terminalStatuses,
} from "./semantics.js";

const enumOf = (type: string, hcl: string) =>
  nomadSchema().types[type]?.fields.find((f) => f.hcl === hcl)?.enum ?? [];

describe("schema semantics", () => {
  it("describes exactly the enum values it is about", () => {
    expect([...checkTypes()].sort()).toEqual([...enumOf("ServiceCheck", "type")].sort());
    expect([...jobTypes()].sort()).toEqual([...enumOf("Job", "type")].sort());
    expect(Object.keys(nomadSchema().semantics.operators).sort()).toEqual(
      [...enumOf("Constraint", "operator")].sort(),
    );
  });

  it("answers check types", () => {
    expect(isCheckType("grpc")).toBe(true);
    expect(isCheckType("udp")).toBe(false);
    expect(portedCheckTypes()).toEqual(["grpc", "http", "tcp"]);
    expect(nomadProviderCheckTypes()).toEqual(["http", "tcp"]);
  });

  it("answers job types", () => {
    expect(launchedJobTypes()).toEqual(["batch", "sysbatch"]);
    expect(perNodeJobTypes()).toEqual(["sysbatch", "system"]);
    expect(jobTypeFacts("system")).toEqual({ launched: false, perNode: true });
    expect(jobTypeFacts("cron")).toBeUndefined();
  });

  it("gives each operator its arity", () => {
    expect(operatorsWithoutValue()).toEqual(["is_not_set", "is_set"]);
    expect(operatorsNeedingValue()).toContain("set_contains_any");
    expect(operatorsNeedingValue()).not.toContain("regexp");
    expect(operatorSemantics("distinct_hosts")).toMatchObject({ attribute: false, allocations: true });
    expect(operatorSemantics("is")?.aliasOf).toBe("=");
    expect(operatorSemantics("~=")).toBeUndefined();
    expect(operatorSemantics("constructor")).toBeUndefined();
    expect(placementShorthands("Constraint").at(-1)).toBe("distinct_property");
    expect(operatorsPlacingAllocations()).toEqual(["distinct_hosts", "distinct_property"]);
  });

  it("lists interpolation roots once, HCL variables first", () => {
    expect(interpolationRoots().slice(0, 2)).toEqual(["var", "local"]);
    expect(interpolationRoots()).toContain("attr");
  });

  it("marks open enums on the field: task drivers are plugins, restart modes are not", () => {
    expect(isOpenEnum("Task.driver")).toBe(true);
    expect(isOpenEnum("RestartPolicy.mode")).toBe(false);
    expect(isOpenEnum("NoSuchType.mode")).toBe(false);
  });

  it("types the statuses of API objects, with their terminal ones", () => {
    expect(statusValues("evaluation")).toContain("blocked");
    expect([...terminalStatuses("evaluation")].sort()).toEqual(["canceled", "complete", "failed"]);
    expect([...terminalStatuses("deployment")].sort()).toEqual(["cancelled", "failed", "successful"]);
    expect(terminalStatuses("allocationClient").has("running")).toBe(false);
    const evaluation = nomadSchema().apiObjects.types.Evaluation?.fields.find((f) => f.api === "Status");
    expect(evaluation?.enum).toEqual(statusValues("evaluation"));
  });
});
