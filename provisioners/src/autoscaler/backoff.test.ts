import { describe, expect, it } from "vitest";
import { NodeGroupError } from "../cloud/node-groups.js";
import { Backoffs, failureKindOf } from "./backoff.js";

describe("Backoffs", () => {
  it("doubles the wait on each failure up to a cap, per pool, and clears on success", () => {
    const b = new Backoffs();
    expect(b.failed("gpu", "quota", "no quota", 0).untilMs).toBe(5 * 60_000);
    expect(b.failed("gpu", "quota", "no quota", 0).untilMs).toBe(10 * 60_000);
    for (let i = 0; i < 10; i++) b.failed("gpu", "quota", "no quota", 0);
    expect(b.active("gpu", 0)?.untilMs).toBe(60 * 60_000);
    expect(b.active("general", 0)).toBeUndefined();
    expect(b.active("gpu", 60 * 60_000)).toBeUndefined();
    b.succeeded("gpu");
    expect(b.failed("gpu", "throttled", "slow down", 0).untilMs).toBe(5_000);
  });
  it("reads the kind from NodeGroupError", () => {
    expect(failureKindOf(new NodeGroupError("capacity", "gpu", "none left"))).toBe("capacity");
    expect(failureKindOf(new Error("boom"))).toBe("other");
  });
});
