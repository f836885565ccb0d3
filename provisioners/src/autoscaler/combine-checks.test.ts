import { describe, expect, it } from "vitest";
import type { CheckVerdict } from "./checks.js";
import { combineVerdicts } from "./combine-checks.js";

const v = (
  check: CheckVerdict["check"],
  direction: CheckVerdict["direction"],
  desired: number,
): CheckVerdict => ({
  check,
  direction,
  desired,
  reason: `${check} wants ${desired}`,
});

describe("combineVerdicts", () => {
  const bounds = { min: 1, max: 10 };
  it("any up wins, the largest up", () => {
    const d = combineVerdicts(
      [v("target-value", "down", 3), v("pending-work", "up", 7), v("threshold", "up", 6)],
      5,
      bounds,
    );
    expect(d).toMatchObject({
      direction: "up",
      from: 5,
      to: 7,
      reason: "pending-work: pending-work wants 7",
    });
  });
  it("a no-change beats a down", () => {
    expect(
      combineVerdicts([v("target-value", "down", 3), v("pending-work", "none", 5)], 5, bounds).direction,
    ).toBe("none");
  });
  it("down only when all agree, by the smallest reduction", () => {
    expect(
      combineVerdicts([v("target-value", "down", 2), v("threshold", "down", 4)], 5, bounds),
    ).toMatchObject({
      direction: "down",
      to: 4,
    });
  });
  it("clamps to max and min", () => {
    expect(combineVerdicts([v("pending-work", "up", 40)], 5, bounds)).toMatchObject({ to: 10 });
    expect(combineVerdicts([v("target-value", "down", 0)], 2, bounds)).toMatchObject({
      direction: "down",
      to: 1,
    });
    expect(combineVerdicts([v("target-value", "down", 0)], 1, bounds)).toMatchObject({
      direction: "none",
      to: 1,
    });
    expect(combineVerdicts([v("pending-work", "none", 0)], 0, bounds)).toMatchObject({
      direction: "up",
      to: 1,
      reason: "below min 1",
    });
  });
});
