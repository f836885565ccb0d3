import { describe, expect, it } from "vitest";
import { OperationError } from "./clients.js";
import { gcpErrorKind, gcpPhase } from "./node-groups.js";

describe("GCP node groups", () => {
  it("maps a managed instance's currentAction to its phase", () => {
    const actions = [
      "CREATING",
      "CREATING_WITHOUT_RETRIES",
      "RECREATING",
      "VERIFYING",
      "NONE",
      "DELETING",
      "ABANDONING",
    ];
    expect(actions.map(gcpPhase)).toEqual([
      "launching",
      "launching",
      "launching",
      "launching",
      "running",
      "terminating",
      "terminating",
    ]);
  });

  it("sorts operation and HTTP errors by kind", () => {
    expect(
      [
        new OperationError(["QUOTA_EXCEEDED"], "q"),
        new OperationError(["ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS"], "z"),
        new OperationError(["RESOURCE_OPERATION_RATE_EXCEEDED"], "r"),
        { code: 7, message: "7 PERMISSION_DENIED: no" },
        { code: 5, message: "The resource 'x' was not found" },
        { code: 8, message: "rateLimitExceeded" },
        new Error("socket hang up"),
      ].map(gcpErrorKind),
    ).toEqual(["quota", "capacity", "other", "permission", "not-found", "throttled", "other"]);
  });
});
