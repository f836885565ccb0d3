import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, isRetryable, type Outcome } from "./retry.js";

const net = (code: string | undefined, timedOut = false): Outcome => ({ kind: "network", code, timedOut });
const http = (status: number, message = ""): Outcome => ({ kind: "response", status, message });

describe("isRetryable", () => {
  it.each([
    // outcome, idempotent (read), write
    [net("ECONNREFUSED"), true, true],
    [net("ENOTFOUND"), true, true],
    [net("ECONNRESET"), true, false],
    [net("ETIMEDOUT", true), true, false],
    [http(500, "No cluster leader"), true, true],
    [http(429), true, true],
    [http(500, "rpc error: raft apply failed"), true, false],
    [http(502), true, false],
    [
      http(500, "Enforcing job modify index 5: job exists with conflicting job modify index: 7"),
      false,
      false,
    ],
    [http(400), false, false],
    [http(403), false, false],
    [http(404), false, false],
    [http(409), false, false],
  ])("%j: read %s, write %s", (outcome, read, write) => {
    expect(isRetryable(outcome, true)).toBe(read);
    expect(isRetryable(outcome, false)).toBe(write);
  });
});

describe("backoffDelay", () => {
  it("doubles, stays between half and all of the ceiling, and is capped", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4].map((r) => backoffDelay(r, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((r) => backoffDelay(r, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
  });

  it("spreads clients out", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, DEFAULT_RETRY)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
