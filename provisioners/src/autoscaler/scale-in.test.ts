import { describe, expect, it } from "vitest";
import { resolvePolicy } from "./policy.js";
import { buildPoolViews } from "./pool-view.js";
import { chooseNodesToRemove, removalCandidates } from "./scale-in.js";
import { allocState, instance, nodeGroup, nodeState } from "./simulation/fixtures.js";
import type { AllocState } from "./snapshot.js";

function policyOf(over: Parameters<typeof resolvePolicy>[0]["policy"] = {}, min = 0) {
  const r = resolvePolicy({ name: "web", min, max: 10, policy: over });
  if (!r.ok) throw new Error(r.problems.join());
  return r.policy;
}

const nodes = ["1", "2", "3", "4", "5"].map((id) => nodeState({ id, pool: "web" }));
const allocs: AllocState[] = [
  allocState({ id: "s1", nodeId: "1", jobType: "system", ask: { cpuMhz: 400, memoryMb: 400, devices: [] } }),
  allocState({ id: "w2", nodeId: "2", jobType: "service" }),
  allocState({ id: "b3", nodeId: "3", jobType: "batch" }),
  allocState({
    id: "s5",
    nodeId: "5",
    jobType: "sysbatch",
    ask: { cpuMhz: 100, memoryMb: 100, devices: [] },
  }),
];
const group = nodeGroup({ pool: "web", instances: nodes.map((n) => instance(`i-${n.id}`, n.address)) });
const view = buildPoolViews({ takenAt: 0, nodes, allocs, pending: [], apiCalls: 3 }, [group]).get("web");
if (!view) throw new Error("no view");

describe("removalCandidates", () => {
  it("never offers a node running service or batch work; empty first, then least busy", () => {
    expect(removalCandidates(view, policyOf(), new Set()).map((n) => n.node.id)).toEqual(["4", "5", "1"]);
  });
  it("counts system work as work when ignoreSystemJobs is off", () => {
    expect(
      removalCandidates(view, policyOf({ drain: { ignoreSystemJobs: false } }), new Set()).map(
        (n) => n.node.id,
      ),
    ).toEqual(["4"]);
  });
  it("keeps nodes that queued work was planned onto", () => {
    expect(removalCandidates(view, policyOf(), new Set(["4"])).map((n) => n.node.id)).toEqual(["5", "1"]);
  });
});

describe("chooseNodesToRemove", () => {
  const candidates = removalCandidates(view, policyOf(), new Set());
  const now = Date.parse("2026-11-30T20:00:00Z");
  it("stops at min", () => {
    const choice = chooseNodesToRemove({
      candidates,
      wanted: 3,
      active: 5,
      alreadyRemoving: 0,
      policy: policyOf({ disruption: [{ nodes: 5 }] }, 3),
      now,
    });
    expect(choice.nodes.map((n) => n.node.id)).toEqual(["4", "5"]);
    expect(choice.limitedBy).toBe("min 3");
  });
  it("counts nodes already being removed against the budget", () => {
    const choice = chooseNodesToRemove({
      candidates,
      wanted: 3,
      active: 5,
      alreadyRemoving: 1,
      policy: policyOf({ disruption: [{ nodes: 2 }] }),
      now,
    });
    expect(choice.nodes).toHaveLength(1);
    expect(choice.limitedBy).toBe("budget 2 node(s) with 1 already removing");
  });
  it("removes nothing when the budget is used up", () => {
    expect(
      chooseNodesToRemove({
        candidates,
        wanted: 3,
        active: 5,
        alreadyRemoving: 3,
        policy: policyOf({ disruption: [{ nodes: 2 }] }),
        now,
      }).nodes,
    ).toEqual([]);
  });
});
