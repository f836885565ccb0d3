import { describe, expect, it } from "vitest";
import type { DisruptionBudget } from "../cloud/scaling-policy.js";
import { disruptionAllowance, windowOpen } from "./disruption-budget.js";
import { resolvePolicy } from "./policy.js";

describe("resolvePolicy", () => {
  it("fills every default and parses durations to milliseconds", () => {
    const result = resolvePolicy({ name: "web", min: 1, max: 5 });
    expect(result).toMatchObject({
      ok: true,
      policy: {
        min: 1,
        max: 5,
        checks: [{ kind: "pending-work" }],
        evaluationIntervalMs: 30_000,
        cooldownUpMs: 60_000,
        cooldownDownMs: 300_000,
        drainDeadlineMs: 900_000,
        ignoreSystemJobs: true,
        provisioningTimeoutMs: 600_000,
      },
    });
  });

  it("reports every bad value at once, naming the pool and field", () => {
    const result = resolvePolicy({
      name: "gpu",
      min: 0,
      max: 4,
      policy: {
        min: 5,
        evaluationInterval: "often",
        cooldown: { down: "5 minutes" },
        checks: [{ kind: "threshold", metric: "cpu", delta: 0, lowerBound: 80, upperBound: 20 }],
        // The type rules out a half window; a policy read from JSON can still have one.
        disruption: [{ nodes: "150%" }, { nodes: 1, schedule: "0 9 * * 1-5" } as unknown as DisruptionBudget],
      },
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      'pool "gpu" policy min: 5 is above max 4',
      'pool "gpu" policy checks[0]: delta must be a whole number other than 0, got 0',
      'pool "gpu" policy checks[0]: lowerBound 80 must be below upperBound 20',
      'pool "gpu" policy disruption[0] nodes: "150%" is not a percentage between "0%" and "100%"',
      'pool "gpu" policy disruption[1]: schedule and duration go together: give both or neither',
      expect.stringContaining('pool "gpu" policy evaluationInterval: "often" is not a duration'),
      expect.stringContaining('pool "gpu" policy cooldown.down: "5 minutes" is not a duration'),
    ]);
  });

  it("refuses a policy wider than the pool's own bounds", () => {
    const result = resolvePolicy({ name: "web", min: 2, max: 5, policy: { min: 1, max: 9 } });
    expect(result.ok ? [] : result.problems).toEqual([
      'pool "web" policy min: 1 is below the pool\'s min 2',
      'pool "web" policy max: 9 is above the pool\'s max 5',
    ]);
  });
});

describe("disruption budgets", () => {
  const at = (iso: string) => Date.parse(iso);
  const resolved = resolvePolicy({
    name: "web",
    min: 0,
    max: 100,
    policy: {
      disruption: [
        { nodes: "20%" },
        // Business hours on weekdays: no scale-in.
        { nodes: 0, schedule: "0 9 * * 1-5", duration: "8h" },
      ],
    },
  });
  if (!resolved.ok) throw new Error(resolved.problems.join("\n"));
  const policy = resolved.policy;
  const window = policy.disruption[1];

  it("opens a window at its cron time for its duration", () => {
    if (!window) throw new Error("no window");
    expect(windowOpen(window, at("2026-11-30T08:59:59Z"))).toBe(false); // Monday
    expect(windowOpen(window, at("2026-11-30T09:00:00Z"))).toBe(true);
    expect(windowOpen(window, at("2026-11-30T16:59:59Z"))).toBe(true);
    expect(windowOpen(window, at("2026-11-30T17:00:00Z"))).toBe(false);
    expect(windowOpen(window, at("2026-11-29T12:00:00Z"))).toBe(false); // Sunday
  });

  it("takes the most restrictive budget that applies, rounding percentages up", () => {
    expect(disruptionAllowance(policy, 12, at("2026-11-30T12:00:00Z"))).toEqual({
      nodes: 0,
      reason: 'budget 0 node(s) in window "0 9 * * 1-5" for 8h',
    });
    expect(disruptionAllowance(policy, 12, at("2026-11-30T20:00:00Z"))).toEqual({
      nodes: 3,
      reason: "budget 20%",
    });
  });

  it("falls back to 10% (at least one node) when only windowed budgets exist and none is open", () => {
    const only = resolvePolicy({
      name: "web",
      min: 0,
      max: 10,
      policy: { disruption: [{ nodes: 0, schedule: "0 9 * * 1-5", duration: "8h" }] },
    });
    if (!only.ok) throw new Error("bad");
    expect(disruptionAllowance(only.policy, 5, at("2026-11-30T20:00:00Z"))).toEqual({
      nodes: 1,
      reason: "budget 10%",
    });
  });
});
