import { describe, expect, it } from "vitest";
import { type PlannerPool, planPendingWork } from "./pending-planner.js";
import { poolShape } from "./pool-shape.js";
import type { PoolSpec } from "./pool-spec.js";
import { buildPoolViews } from "./pool-view.js";
import { allocState, instance, nodeGroup, nodeState, pendingWork } from "./simulation/fixtures.js";
import type { AllocState, NodeState, PendingWork } from "./snapshot.js";

const gpuSpec: PoolSpec = {
  name: "gpu",
  min: 0,
  max: 4,
  shape: {
    name: "g5.xlarge",
    datacenter: "dc1",
    nodeClass: "gpu",
    meta: { "has-gpu": "true" },
    capacity: { cpuMhz: 12000, memoryMb: 48 * 1024 },
    devices: [{ vendor: "nvidia", type: "gpu", name: "A10G", count: 1 }],
  },
};
const generalSpec: PoolSpec = {
  name: "general",
  min: 1,
  max: 10,
  shape: { name: "m5.large", datacenter: "dc1", capacity: { cpuMhz: 4000, memoryMb: 8192 } },
};

function plan(
  specs: PoolSpec[],
  pending: PendingWork[],
  nodes: NodeState[] = [],
  allocs: AllocState[] = [],
  groups = specs.map((s) => nodeGroup({ pool: s.name })),
) {
  const views = buildPoolViews({ takenAt: 0, nodes, allocs, pending, apiCalls: 0 }, groups);
  const pools: PlannerPool[] = specs.map((s) => ({
    name: s.name,
    view: views.get(s.name),
    shape: poolShape(s, views.get(s.name)),
    room: s.max - (views.get(s.name)?.nodes.length ?? 0),
  }));
  return planPendingWork(pending, pools);
}

const gpuWork = pendingWork({
  jobId: "train",
  namespace: "ml",
  nodePool: "all",
  count: 3,
  ask: { cpuMhz: 4000, memoryMb: 16 * 1024, devices: [{ name: "nvidia/gpu", count: 1 }] },
});

describe("planPendingWork", () => {
  it("scales a pool from zero using its shape template, one GPU per node", () => {
    const result = plan([generalSpec, gpuSpec], [gpuWork]);
    expect(result.pools.get("gpu")?.newNodes).toBe(3);
    expect(result.pools.get("general")?.newNodes).toBe(0);
    expect(result.unplaceable).toEqual([]);
  });

  it("places work on free space of ready nodes before asking for new ones", () => {
    const nodes = [nodeState({ id: "1", pool: "general" })];
    const allocs = [allocState({ id: "a", nodeId: "1", ask: { cpuMhz: 1000, memoryMb: 4096, devices: [] } })];
    const work = pendingWork({
      nodePool: "general",
      count: 3,
      ask: { cpuMhz: 500, memoryMb: 2048, devices: [] },
    });
    const result = plan([generalSpec], [work], nodes, allocs);
    expect(result.pools.get("general")).toMatchObject({ placedOnFree: 2, placedOnNew: 1, newNodes: 1 });
    expect([...result.nodesWithPlannedWork]).toEqual(["1"]);
  });

  it("counts launching instances and desired size not yet created, so it doesn't ask twice", () => {
    const work = pendingWork({
      nodePool: "general",
      count: 8,
      ask: { cpuMhz: 1000, memoryMb: 2048, devices: [] },
    });
    const group = nodeGroup({
      pool: "general",
      desired: 2,
      instances: [instance("i-1", "10.0.0.50", "launching")],
    });
    const result = plan([generalSpec], [work], [], [], [group]);
    expect(result.pools.get("general")).toMatchObject({ placedOnLaunching: 8, newNodes: 0 });
  });

  it("packs largest first (first-fit decreasing)", () => {
    const big = pendingWork({
      jobId: "big",
      nodePool: "general",
      count: 2,
      ask: { cpuMhz: 1000, memoryMb: 6144, devices: [] },
    });
    const small = pendingWork({
      jobId: "small",
      nodePool: "general",
      count: 2,
      ask: { cpuMhz: 500, memoryMb: 2048, devices: [] },
    });
    // Smallest first would need 3 nodes (both smalls on one, then a node per big); largest first
    // fills the gap each big one leaves with a small one.
    expect(plan([generalSpec], [small, big]).pools.get("general")?.newNodes).toBe(2);
  });

  it("reports work no pool can take, with each pool's reason, and scales nothing for it", () => {
    const work = pendingWork({
      jobId: "odd",
      nodePool: "all",
      constraints: [{ ltarget: "${node.class}", rtarget: "tpu", operand: "=" }],
    });
    const result = plan([generalSpec, gpuSpec], [work]);
    expect(result.pools.get("gpu")?.newNodes).toBe(0);
    expect(result.pools.get("general")?.newNodes).toBe(0);
    expect(result.unplaceable).toHaveLength(1);
    expect(result.unplaceable[0]?.reason).toContain(
      'pool "gpu": constraint ${node.class} = "tpu" does not hold',
    );
    expect(result.unplaceable[0]?.reason).toContain('pool "general"');
  });

  it("honours node pool, datacenter globs, meta constraints and set_contains", () => {
    const work = pendingWork({
      nodePool: "gpu",
      datacenters: ["dc*"],
      constraints: [
        { ltarget: "${meta.has-gpu}", rtarget: "true", operand: "=" },
        { ltarget: "${meta.has-gpu}", rtarget: "", operand: "is_set" },
        { ltarget: "${meta.missing}", rtarget: "", operand: "is_not_set" },
        { ltarget: "${node.datacenter}", rtarget: "dc2", operand: "!=" },
      ],
      ask: { cpuMhz: 100, memoryMb: 100, devices: [] },
    });
    expect(plan([generalSpec, gpuSpec], [work]).pools.get("gpu")?.newNodes).toBe(1);
    const wrongDc = { ...work, datacenters: ["eu-*"] };
    expect(plan([generalSpec, gpuSpec], [wrongDc]).unplaceable[0]?.reason).toContain("datacenter");
  });

  it("assumes constraints it can't decide hold, and says so", () => {
    const work = pendingWork({
      nodePool: "general",
      constraints: [{ ltarget: "${attr.kernel.version}", rtarget: ">= 5.0", operand: "version" }],
    });
    const result = plan([generalSpec], [work]);
    expect(result.pools.get("general")?.newNodes).toBe(1);
    expect([...(result.pools.get("general")?.assumptions ?? [])].join()).toContain(
      "assumed ${attr.kernel.version} version",
    );
  });

  it("stops at the pool's max and reports the rest", () => {
    const work = pendingWork({
      nodePool: "gpu",
      count: 6,
      ask: { cpuMhz: 100, memoryMb: 100, devices: [{ name: "gpu", count: 1 }] },
    });
    const result = plan([gpuSpec], [work]);
    expect(result.pools.get("gpu")?.newNodes).toBe(4);
    expect(result.unplaceable[0]).toMatchObject({ count: 2, reason: 'pool "gpu" is at its max' });
  });

  it("puts each copy on its own node for distinct_hosts", () => {
    const work = pendingWork({
      nodePool: "general",
      count: 3,
      constraints: [{ ltarget: "", rtarget: "", operand: "distinct_hosts" }],
    });
    expect(plan([generalSpec], [work]).pools.get("general")?.newNodes).toBe(3);
  });

  it("reports work bigger than any node of the pool", () => {
    const work = pendingWork({ nodePool: "general", ask: { cpuMhz: 100, memoryMb: 64 * 1024, devices: [] } });
    expect(plan([generalSpec], [work]).unplaceable[0]?.reason).toContain(
      "a m5.large node offers 4000 MHz, 8 GiB",
    );
  });

  it("doesn't buy a GPU node for work that needs no GPU, whatever the pools' order", () => {
    const work = pendingWork({ nodePool: "all", count: 2 });
    const result = plan([gpuSpec, generalSpec], [work]);
    expect(result.pools.get("general")?.newNodes).toBe(1);
    expect(result.pools.get("gpu")?.newNodes).toBe(0);
  });
});
