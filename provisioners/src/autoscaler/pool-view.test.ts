import { describe, expect, it } from "vitest";
import { activeCount, buildPoolViews } from "./pool-view.js";
import { allocState, instance, nodeGroup, nodeState } from "./simulation/fixtures.js";

describe("buildPoolViews", () => {
  const nodes = [
    nodeState({ id: "1", pool: "web" }),
    nodeState({ id: "2", pool: "web", draining: true, eligible: false }),
    nodeState({ id: "3", pool: "web", status: "initializing" }),
    nodeState({ id: "4", pool: "web", eligible: false }),
    nodeState({ id: "5", pool: "web", status: "down" }),
    nodeState({ id: "6", pool: "web", instanceId: "i-6", address: "10.9.9.9" }),
  ];
  const allocs = [
    allocState({ id: "a", nodeId: "1", ask: { cpuMhz: 1000, memoryMb: 2048, devices: [] } }),
    allocState({ id: "b", nodeId: "1", jobType: "system", ask: { cpuMhz: 100, memoryMb: 128, devices: [] } }),
  ];
  const group = nodeGroup({
    pool: "web",
    desired: 9,
    instances: [
      instance("i-1", "10.0.0.1"),
      instance("i-5", "10.0.0.5"),
      instance("i-6", "10.1.1.1"),
      instance("i-new", "10.0.0.77", "launching"),
      instance("i-old", "10.0.0.88", "terminating"),
    ],
  });
  const view = buildPoolViews({ takenAt: 0, nodes, allocs, pending: [], apiCalls: 3 }, [group]).get("web");

  it("puts each node in exactly one condition", () => {
    expect(view?.byCondition.ready.map((n) => n.node.id)).toEqual(["1", "6"]);
    expect(view?.byCondition.draining.map((n) => n.node.id)).toEqual(["2"]);
    expect(view?.byCondition.initializing.map((n) => n.node.id)).toEqual(["3"]);
    expect(view?.byCondition.ineligible.map((n) => n.node.id)).toEqual(["4"]);
    expect(view?.byCondition.down.map((n) => n.node.id)).toEqual(["5"]);
  });

  it("sums allocations into allocated and free, and counts the work a drain must move", () => {
    const n1 = view?.nodes.find((n) => n.node.id === "1");
    expect(n1?.allocated).toEqual({ cpuMhz: 1100, memoryMb: 2176 });
    expect(n1?.free).toEqual({ cpuMhz: 2900, memoryMb: 6016 });
    expect(n1?.allocCount).toBe(2);
    expect(n1?.workAllocCount).toBe(1);
  });

  it("matches instances by instance ID first, then by address", () => {
    expect(view?.nodes.find((n) => n.node.id === "6")?.instance?.id).toBe("i-6");
    expect(view?.nodes.find((n) => n.node.id === "1")?.instance?.id).toBe("i-1");
  });

  it("finds launching instances, lost instances, nodes without instance and uncreated desired size", () => {
    expect(view?.launching.map((i) => i.id)).toEqual(["i-new"]);
    expect(view?.lostInstances.map((i) => i.id)).toEqual(["i-5"]);
    expect(view?.nodesWithoutInstance.map((n) => n.node.id).sort()).toEqual(["2", "3", "4"]);
    expect(view?.notYetCreated).toBe(5);
    // ready 2 + initializing 1 + launching 1 + not created 5
    if (view) expect(activeCount(view)).toBe(9);
  });
});
