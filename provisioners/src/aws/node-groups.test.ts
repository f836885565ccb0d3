import { describe, expect, it } from "vitest";
import { awsErrorKind, awsPhase } from "./node-groups.js";

describe("AWS node groups", () => {
  it("maps Auto Scaling lifecycle states to phases", () => {
    const states = [
      "Pending",
      "Pending:Wait",
      "InService",
      "Terminating",
      "Terminating:Proceed",
      "Detaching",
    ];
    expect(states.map(awsPhase)).toEqual([
      "launching",
      "launching",
      "running",
      "terminating",
      "terminating",
      "terminating",
    ]);
  });

  it("sorts AWS errors by kind", () => {
    const err = (name: string, message = "") => Object.assign(new Error(message), { name });
    expect(
      [
        err("LimitExceeded"),
        err("InsufficientInstanceCapacity"),
        err("UnauthorizedOperation"),
        err("AccessDenied"),
        err("Throttling"),
        err("ValidationError", "AutoScalingGroup name not found - nomadkit-ml-pool-x"),
        err("ValidationError", "New SetDesiredCapacity value 11 is above max value 10"),
      ].map(awsErrorKind),
    ).toEqual(["quota", "capacity", "permission", "permission", "throttled", "not-found", "other"]);
  });
});
