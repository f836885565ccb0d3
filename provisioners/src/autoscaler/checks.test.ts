import { describe, expect, it } from "vitest";
import { evaluateCheck } from "./checks.js";
import { poolShape } from "./pool-shape.js";
import { activeCount, buildPoolViews } from "./pool-view.js";
import { allocState, instance, nodeGroup, nodeState } from "./simulation/fixtures.js";

// Four 4000 MHz / 8 GiB nodes; CPU allocated 80% on each ready node.
function context(launching = 0) {
  const nodes = [1, 2, 3, 4].map((i) => nodeState({ id: String(i), pool: "web" }));
  const allocs = nodes.map((n) =>
    allocState({ id: `a${n.id}`, nodeId: n.id, ask: { cpuMhz: 3200, memoryMb: 2048, devices: [] } }),
  );
  const instances = [
    ...nodes.map((n) => instance(`i-${n.id}`, n.address)),
    ...Array.from({ length: launching }, (_, i) => instance(`i-new${i}`, `10.9.0.${i}`, "launching")),
  ];
  const view = buildPoolViews({ takenAt: 0, nodes, allocs, pending: [], apiCalls: 3 }, [
    nodeGroup({ pool: "web", instances }),
  ]).get("web");
  if (!view) throw new Error("no view");
  return {
    view,
    shape: poolShape({ name: "web", min: 0, max: 10 }, view),
    active: activeCount(view),
    plan: undefined,
    removable: 0,
  };
}

describe("evaluateCheck", () => {
  it("target-value: scales to the node count that brings allocated percent to the target", () => {
    // 12800 MHz allocated / (4000 × 0.5) = 6.4 → 7 nodes.
    const v = evaluateCheck({ kind: "target-value", metric: "cpu", target: 50 }, context());
    expect(v).toMatchObject({ direction: "up", desired: 7 });
    expect(v.reason).toBe("allocated cpu 80.0% of 4 node(s), target 50%: 7 node(s)");
  });

  it("target-value: counts launching machines, so a scale-up in flight isn't repeated", () => {
    expect(evaluateCheck({ kind: "target-value", metric: "cpu", target: 50 }, context(3))).toMatchObject({
      direction: "none",
      desired: 7,
    });
  });

  it("target-value: scales down when far under target, and holds within 1%", () => {
    // Memory: 8192 / (4 × 8192) = 25%.
    expect(evaluateCheck({ kind: "target-value", metric: "memory", target: 50 }, context())).toMatchObject({
      direction: "down",
      desired: 2,
    });
    expect(evaluateCheck({ kind: "target-value", metric: "memory", target: 25.2 }, context()).direction).toBe(
      "none",
    );
  });

  it("threshold: applies delta inside [lower, upper), nothing outside", () => {
    const high = { kind: "threshold", metric: "cpu", lowerBound: 75, upperBound: 100, delta: 2 } as const;
    expect(evaluateCheck(high, context())).toMatchObject({ direction: "up", desired: 6 });
    const low = { kind: "threshold", metric: "cpu", upperBound: 30, delta: -1 } as const;
    expect(evaluateCheck(low, context())).toMatchObject({ direction: "none", desired: 4 });
    // Upper bound is exclusive: exactly 80% is outside [70, 80).
    expect(evaluateCheck({ ...high, lowerBound: 70, upperBound: 80 }, context()).direction).toBe("none");
  });

  it("pending-work: asks for nothing and removes nothing when there is no queued work or idle node", () => {
    expect(evaluateCheck({ kind: "pending-work" }, context())).toMatchObject({
      direction: "none",
      desired: 4,
    });
    expect(evaluateCheck({ kind: "pending-work" }, { ...context(), removable: 1 })).toMatchObject({
      direction: "down",
      desired: 3,
    });
  });
});
