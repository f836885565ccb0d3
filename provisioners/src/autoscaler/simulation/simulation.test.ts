// The autoscaler against a simulated Nomad and cloud on a fake clock: each test is one story
// from the issue, told in minutes of simulated time and milliseconds of real time.
import { describe, expect, it } from "vitest";
import type { ScalingPolicy } from "../../cloud/scaling-policy.js";
import { Autoscaler } from "../autoscaler.js";
import type { DecisionEvent } from "../decision-event.js";
import type { PoolSpec, ShapeTemplate } from "../pool-spec.js";
import { pendingWork } from "./fixtures.js";
import { SimCluster } from "./sim-cluster.js";

const general: ShapeTemplate = {
  name: "m5.large",
  datacenter: "dc1",
  capacity: { cpuMhz: 4000, memoryMb: 8192 },
};
const gpu: ShapeTemplate = {
  name: "g5.xlarge",
  datacenter: "dc1",
  nodeClass: "gpu",
  meta: { "has-gpu": "true" },
  capacity: { cpuMhz: 12000, memoryMb: 49152 },
  devices: [{ vendor: "nvidia", type: "gpu", name: "A10G", count: 1 }],
};

function setup(
  pools: Array<{
    name: string;
    shape: ShapeTemplate;
    min?: number;
    max?: number;
    policy?: ScalingPolicy;
    nodes?: number;
  }>,
) {
  const sim = new SimCluster();
  const specs: PoolSpec[] = [];
  for (const p of pools) {
    sim.cloud.addGroup(p.name, p.shape, { max: p.max ?? 10 });
    if (p.nodes) sim.cloud.preset(p.name, p.nodes);
    specs.push({
      name: p.name,
      min: p.min ?? 0,
      max: p.max ?? 10,
      shape: p.shape,
      ...(p.policy ? { policy: p.policy } : {}),
    });
  }
  const log: DecisionEvent[] = [];
  const scaler = () =>
    new Autoscaler({
      nomad: sim.nomad,
      groups: sim.cloud,
      clock: sim.clock,
      pools: specs,
      log: (e) => log.push(e),
    });
  return { sim, specs, log, autoscaler: scaler(), newAutoscaler: scaler };
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the simulation lacks what the test expects");
  return value;
}

const setDesiredCalls = (sim: SimCluster) => sim.cloud.calls.filter((c) => c.startsWith("setDesired"));
const actions = (events: readonly DecisionEvent[], pool?: string) =>
  events.filter((e) => !pool || e.pool === pool).map((e) => e.action);

describe("autoscaler simulation", () => {
  it("scales a pool up from zero nodes and the queued work runs", async () => {
    const { sim, autoscaler } = setup([{ name: "general", shape: general }]);
    sim.nomad.submit(
      pendingWork({ nodePool: "general", count: 3, ask: { cpuMhz: 2000, memoryMb: 4096, devices: [] } }),
    );
    const first = await autoscaler.evaluate();
    expect(first.decisions.find((e) => e.action === "scale-up")).toMatchObject({
      pool: "general",
      from: 0,
      to: 2,
    });
    expect(first.decisions.find((e) => e.action === "scale-up")?.message).toContain(
      'pool "general": up 0 → 2: pending-work: 3 queued allocation(s) (3 of default/web) need 2 new m5.large node(s)',
    );
    sim.advance(120_000);
    expect(sim.nodesOf("general")).toHaveLength(2);
    expect(sim.nomad.queued.size).toBe(0);
    expect(sim.nomad.allocs).toHaveLength(3);
    const later = await autoscaler.evaluate();
    expect(actions(later.decisions)).toEqual(["none"]);
  });

  it("sends GPU work to the GPU pool only and reports work no pool can take", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, nodes: 1 },
      { name: "gpu", shape: gpu },
    ]);
    const train = pendingWork({
      namespace: "ml",
      jobId: "train",
      nodePool: "all",
      count: 2,
      ask: { cpuMhz: 4000, memoryMb: 16384, devices: [{ name: "nvidia/gpu", count: 1 }] },
    });
    // The general node is busy, so nothing there is a reason to change.
    sim.nomad.place(must(sim.nodesOf("general")[0]).id, { jobId: "api", jobType: "service" });
    const tpu = pendingWork({
      jobId: "tpu",
      nodePool: "all",
      constraints: [{ ltarget: "${node.class}", rtarget: "tpu", operand: "=" }],
    });
    sim.nomad.submit(train);
    sim.nomad.submit(tpu);
    const result = await autoscaler.evaluate();
    expect(result.decisions.find((e) => e.action === "scale-up")).toMatchObject({
      pool: "gpu",
      from: 0,
      to: 2,
    });
    expect(result.decisions.find((e) => e.pool === "general")?.action).toBe("none");
    expect(setDesiredCalls(sim)).toEqual(["setDesired gpu 2"]);
    expect(result.unplaceable.map((u) => u.work.jobId)).toEqual(["tpu"]);
    expect(result.decisions.find((e) => e.action === "unplaceable")?.message).toContain(
      'constraint ${node.class} = "tpu" does not hold',
    );
    sim.advance(120_000);
    expect(
      sim.nomad.allocs.filter((a) => a.jobId === "train").map((a) => sim.nomad.nodes.get(a.nodeId)?.pool),
    ).toEqual(["gpu", "gpu"]);
  });

  it("sends work constrained on client meta to the pool whose nodes carry it, though node lists hold no meta", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, nodes: 1 },
      { name: "gpu", shape: gpu, nodes: 1 },
    ]);
    sim.nomad.place(must(sim.nodesOf("gpu")[0]).id, {
      jobId: "busy",
      jobType: "service",
      ask: { cpuMhz: 11000, memoryMb: 40000, devices: [] },
    });
    sim.nomad.submit(
      pendingWork({
        jobId: "render",
        nodePool: "all",
        constraints: [{ ltarget: "${meta.has-gpu}", rtarget: "true", operand: "=" }],
        ask: { cpuMhz: 2000, memoryMb: 4096, devices: [] },
      }),
    );
    const result = await autoscaler.evaluate();
    expect(result.unplaceable).toEqual([]);
    expect(result.decisions.find((e) => e.action === "scale-up")).toMatchObject({
      pool: "gpu",
      from: 1,
      to: 2,
    });
    expect(setDesiredCalls(sim)).toEqual(["setDesired gpu 2"]);
  });

  it("knows a pool's meta from its spec when the machine shape is unknown", async () => {
    const { sim } = setup([{ name: "gpu", shape: gpu, nodes: 1 }]);
    const autoscaler = new Autoscaler({
      nomad: sim.nomad,
      groups: sim.cloud,
      clock: sim.clock,
      // No shape (the cloud's machine types couldn't be read): the pool learns it from its node.
      pools: [{ name: "gpu", min: 0, max: 10, meta: { "has-gpu": "true" } }],
    });
    sim.nomad.place(must(sim.nodesOf("gpu")[0]).id, {
      jobId: "busy",
      jobType: "service",
      ask: { cpuMhz: 11000, memoryMb: 40000, devices: [] },
    });
    sim.nomad.submit(
      pendingWork({
        jobId: "render",
        nodePool: "all",
        constraints: [{ ltarget: "${meta.has-gpu}", rtarget: "true", operand: "=" }],
        ask: { cpuMhz: 2000, memoryMb: 4096, devices: [] },
      }),
    );
    const result = await autoscaler.evaluate();
    expect(result.unplaceable.map((u) => u.reason)).toEqual([]);
    expect(setDesiredCalls(sim)).toEqual(["setDesired gpu 2"]);
  });

  it("doesn't scale again for work that is waiting on launching machines", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, policy: { cooldown: { up: "10s" }, evaluationInterval: "10s" } },
    ]);
    must(sim.cloud.groups.get("general")).bootMs = 5 * 60_000;
    sim.nomad.submit(
      pendingWork({ nodePool: "general", count: 4, ask: { cpuMhz: 2000, memoryMb: 4096, devices: [] } }),
    );
    await autoscaler.evaluate();
    for (let i = 0; i < 20; i++) {
      sim.advance(10_000);
      await autoscaler.evaluate();
    }
    expect(setDesiredCalls(sim)).toEqual(["setDesired general 2"]);
    sim.advance(5 * 60_000);
    expect(sim.nomad.queued.size).toBe(0);
  });

  it("waits out the cooldown before scaling up again, and before scaling in after a scale-up", async () => {
    const { sim, autoscaler, log } = setup([
      {
        name: "general",
        shape: general,
        policy: { cooldown: { up: "2m", down: "5m" }, evaluationInterval: "10s" },
      },
    ]);
    sim.nomad.submit(
      pendingWork({
        jobId: "a",
        nodePool: "general",
        count: 1,
        ask: { cpuMhz: 2000, memoryMb: 4096, devices: [] },
      }),
    );
    await autoscaler.evaluate();
    sim.advance(30_000);
    // New work that needs another node arrives inside the cooldown.
    sim.nomad.submit(
      pendingWork({
        jobId: "b",
        nodePool: "general",
        count: 1,
        ask: { cpuMhz: 3000, memoryMb: 7000, devices: [] },
      }),
    );
    const during = await autoscaler.evaluate();
    expect(actions(during.decisions)).toEqual(["cooldown"]);
    expect(during.decisions[0]?.message).toContain("cooldown 120s");
    sim.advance(100_000);
    const after = await autoscaler.evaluate();
    expect(actions(after.decisions)).toEqual(["scale-up"]);
    expect(setDesiredCalls(sim)).toEqual(["setDesired general 1", "setDesired general 2"]);
    // The work finishes; the nodes are empty, but the last scale-up was under 5 minutes ago.
    sim.advance(120_000);
    sim.nomad.allocs = [];
    const early = await autoscaler.evaluate();
    expect(actions(early.decisions)).toEqual(["cooldown"]);
    sim.advance(4 * 60_000);
    const late = await autoscaler.evaluate();
    // The default budget, 10% of 2 nodes rounded up, lets one go at a time.
    expect(actions(late.decisions)).toEqual(["scale-down", "drain"]);
    expect(late.decisions[0]?.message).toContain("limited by budget 10%");
    expect(log.length).toBeGreaterThan(4);
  });

  it("removes no more nodes at once than the disruption budget allows", async () => {
    const { sim, autoscaler } = setup([
      {
        name: "general",
        shape: general,
        nodes: 6,
        policy: { cooldown: { down: "0s" }, evaluationInterval: "10s", disruption: [{ nodes: 2 }] },
      },
    ]);
    for (const node of sim.nodesOf("general").slice(0, 2)) sim.nomad.slowDrains.add(node.id);
    const first = await autoscaler.evaluate();
    expect(first.decisions[0]).toMatchObject({ action: "scale-down", from: 6, to: 4 });
    expect(first.decisions[0]?.message).toContain("limited by budget 2 node(s) with 0 already removing");
    sim.advance(10_000);
    const second = await autoscaler.evaluate();
    // Both are still draining: the budget is used up.
    expect(second.decisions.map((e) => e.action)).toEqual(["none"]);
    expect(second.decisions[0]?.message).toContain("budget 2 node(s) with 2 already removing");
    expect(sim.nomad.calls.filter((c) => c.startsWith("drain"))).toHaveLength(2);
  });

  it("terminates a node whose drain runs to its deadline only after the deadline, and cancels a hung one", async () => {
    const { sim, autoscaler } = setup([
      {
        name: "general",
        shape: general,
        nodes: 2,
        policy: { drain: { deadline: "10m" }, evaluationInterval: "30s", disruption: [{ nodes: 2 }] },
      },
    ]);
    const slow = must(sim.nodesOf("general")[0]);
    const hung = must(sim.nodesOf("general")[1]);
    sim.nomad.slowDrains.add(slow.id);
    sim.nomad.hungDrains.add(hung.id);
    const first = await autoscaler.evaluate();
    expect(first.decisions[0]).toMatchObject({ action: "scale-down", nodes: [slow.id, hung.id] });
    sim.advance(9 * 60_000);
    const before = await autoscaler.evaluate();
    expect(actions(before.decisions)).not.toContain("terminate");
    sim.advance(90_000);
    const after = await autoscaler.evaluate();
    expect(actions(after.decisions)).toContain("terminate");
    // Purged on the next pass, once the machine is gone and its node down.
    expect(sim.nomad.nodes.get(slow.id)?.status).toBe("down");
    const purged = await autoscaler.evaluate();
    expect(actions(purged.decisions)).toContain("purge");
    expect(sim.nomad.nodes.has(slow.id)).toBe(false);
    sim.advance(3 * 60_000);
    const stuck = await autoscaler.evaluate();
    expect(stuck.decisions.find((e) => e.action === "cancel-drain")?.message).toContain("still running");
    expect(sim.nomad.nodes.get(hung.id)).toMatchObject({ eligible: true, draining: false });
  });

  it("never terminates a node that runs service work after its drain", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, nodes: 1, policy: { evaluationInterval: "10s" } },
    ]);
    const node = must(sim.nodesOf("general")[0]);
    await autoscaler.evaluate();
    sim.advance(10_000);
    // Something placed work on it after the drain finished (an operator, a stale scheduler).
    sim.nomad.place(node.id, { jobId: "api", jobType: "service" });
    const next = await autoscaler.evaluate();
    expect(actions(next.decisions)).toContain("cancel-drain");
    expect(sim.cloud.calls.filter((c) => c.startsWith("terminate"))).toEqual([]);
  });

  it("finishes a removal a crashed run left between drain and terminate, or undoes it when the pool needs the node", async () => {
    const { sim, autoscaler, newAutoscaler } = setup([
      { name: "general", shape: general, nodes: 3, min: 1, policy: { disruption: [{ nodes: 2 }] } },
    ]);
    const busy = must(sim.nodesOf("general")[2]);
    sim.nomad.place(busy.id, {
      jobId: "db",
      jobType: "service",
      ask: { cpuMhz: 3000, memoryMb: 7000, devices: [] },
    });
    const first = await autoscaler.evaluate();
    expect(first.decisions[0]).toMatchObject({ action: "scale-down", from: 3, to: 1 });
    const [a, b] = first.decisions[0]?.nodes ?? [];
    sim.advance(10_000); // drains finish; then the process dies before terminating
    // Meanwhile work arrives that needs one of them: only one removal should be finished.
    sim.nomad.submit(
      pendingWork({
        jobId: "late",
        nodePool: "general",
        count: 1,
        ask: { cpuMhz: 3000, memoryMb: 7000, devices: [] },
      }),
    );
    const fresh = newAutoscaler();
    const events = await fresh.reconcile();
    expect(actions(events)).toEqual(["cancel-drain", "terminate"]);
    expect(events[0]?.nodes).toEqual([a]);
    expect(sim.nomad.nodes.get(a as string)).toMatchObject({ eligible: true });
    expect(actions((await fresh.evaluate()).decisions)).toContain("purge");
    expect(sim.nomad.nodes.has(b as string)).toBe(false);
    expect(sim.cloud.groups.get("general")?.desired).toBe(2);
    sim.advance(5_000);
    expect(sim.nomad.allocs.find((x) => x.jobId === "late")?.nodeId).toBe(a);
  });

  it("backs off a pool whose group hits quota, doubling the wait, without holding up another pool", async () => {
    const { sim, autoscaler } = setup([
      { name: "gpu", shape: gpu, policy: { evaluationInterval: "10s", cooldown: { up: "0s" } } },
      { name: "general", shape: general, policy: { evaluationInterval: "10s", cooldown: { up: "0s" } } },
    ]);
    must(sim.cloud.groups.get("gpu")).failWith = "quota";
    sim.nomad.submit(
      pendingWork({
        jobId: "train",
        nodePool: "gpu",
        ask: { cpuMhz: 1000, memoryMb: 1000, devices: [{ name: "gpu", count: 1 }] },
      }),
    );
    sim.nomad.submit(pendingWork({ jobId: "web", nodePool: "general" }));
    const first = await autoscaler.evaluate();
    expect(first.decisions.find((e) => e.pool === "gpu")).toMatchObject({
      action: "backoff",
      numbers: { failures: 1 },
    });
    expect(first.decisions.find((e) => e.pool === "general")?.action).toBe("scale-up");
    sim.advance(60_000);
    const waiting = await autoscaler.evaluate();
    expect(waiting.decisions.find((e) => e.pool === "gpu" && e.action !== "unplaceable")?.action).toBe(
      "none",
    );
    expect(waiting.unplaceable[0]?.reason).toContain("backing off after quota");
    expect(setDesiredCalls(sim).filter((c) => c.includes("gpu"))).toHaveLength(1);
    sim.advance(4 * 60_000);
    const retry = await autoscaler.evaluate();
    expect(retry.decisions.find((e) => e.pool === "gpu" && e.action === "backoff")?.numbers).toMatchObject({
      failures: 2,
    });
    expect(retry.decisions.find((e) => e.action === "backoff")?.message).toContain("no scale-up for 600s");
    must(sim.cloud.groups.get("gpu")).failWith = undefined;
    sim.advance(10 * 60_000);
    const recovered = await autoscaler.evaluate();
    expect(recovered.decisions.find((e) => e.pool === "gpu")?.action).toBe("scale-up");
  });

  it("counts machines that never join as failed after the provisioning timeout", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, policy: { provisioningTimeout: "5m", evaluationInterval: "30s" } },
    ]);
    must(sim.cloud.groups.get("general")).neverJoin = true;
    sim.nomad.submit(pendingWork({ nodePool: "general" }));
    await autoscaler.evaluate();
    sim.advance(6 * 60_000);
    const late = await autoscaler.evaluate();
    expect(late.decisions.find((e) => e.action === "provisioning-timeout")?.message).toContain(
      "1 instance(s) did not join within 300s",
    );
    expect(sim.cloud.calls).toContain("terminate general i-1");
    expect(setDesiredCalls(sim)).toEqual(["setDesired general 1"]);
  });

  it("never goes below min", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, nodes: 3, min: 2, policy: { disruption: [{ nodes: 3 }] } },
    ]);
    const result = await autoscaler.evaluate();
    expect(result.decisions[0]).toMatchObject({ action: "scale-down", from: 3, to: 2 });
    expect(result.decisions[0]?.message).toContain("held at min 2");
    sim.advance(10 * 60_000);
    await autoscaler.evaluate();
    sim.advance(10 * 60_000);
    await autoscaler.evaluate();
    expect(sim.nodesOf("general")).toHaveLength(2);
  });

  it("decides but changes nothing in a dry run, and says so", async () => {
    const sim = new SimCluster();
    sim.cloud.addGroup("general", general);
    sim.cloud.preset("general", 2);
    sim.nomad.submit(
      pendingWork({ nodePool: "general", count: 3, ask: { cpuMhz: 3000, memoryMb: 6000, devices: [] } }),
    );
    const dry = new Autoscaler({
      nomad: sim.nomad,
      groups: sim.cloud,
      clock: sim.clock,
      pools: [{ name: "general", min: 0, max: 10, shape: general }],
      dryRun: true,
    });
    const result = await dry.evaluate();
    expect(result.decisions.find((e) => e.action === "scale-up")).toMatchObject({
      dryRun: true,
      from: 2,
      to: 3,
    });
    expect(result.decisions[0]?.message).toMatch(/\(dry run\)$/);
    expect(setDesiredCalls(sim)).toEqual([]);
    expect(result.decisions[0]?.numbers).toMatchObject({ ready: 2, launching: 0 });
  });

  it("polls drains in flight sooner than the pool's evaluation interval", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, nodes: 1, policy: { evaluationInterval: "5m" } },
    ]);
    sim.nomad.slowDrains.add(must(sim.nodesOf("general")[0]).id);
    const first = await autoscaler.evaluate();
    expect(actions(first.decisions)).toEqual(["scale-down", "drain"]);
    expect(first.nextEvaluationAt - sim.clock.now()).toBe(10_000);
  });

  it("rejects bad policies when it is made, naming every problem", () => {
    const sim = new SimCluster();
    expect(
      () =>
        new Autoscaler({
          nomad: sim.nomad,
          groups: sim.cloud,
          pools: [
            { name: "a", min: 0, max: 1, policy: { cooldown: { up: "1 minute" } } },
            { name: "a", min: 2, max: 1 },
          ],
        }),
    ).toThrow(
      /pool "a" policy cooldown.up: "1 minute" is not a duration[\s\S]*pool "a" is listed twice[\s\S]*pool "a" policy min: 2 is above max 1/,
    );
  });

  it("purges the node of an instance a crashed run terminated but never purged", async () => {
    const { sim, autoscaler, newAutoscaler } = setup([{ name: "general", shape: general, nodes: 2, min: 1 }]);
    const first = await autoscaler.evaluate();
    const [gone] = first.decisions[0]?.nodes ?? [];
    sim.advance(10_000);
    // The run terminated the instance, then died before the purge.
    const address = sim.nomad.nodes.get(gone as string)?.address;
    const instanceId = must(
      sim.cloud.groups.get("general")?.instances.find((i) => i.privateIp === address),
    ).id;
    await sim.cloud.terminate("general", instanceId);
    expect(sim.nomad.nodes.get(gone as string)?.status).toBe("down");
    const events = await newAutoscaler().reconcile();
    expect(events.map((e) => e.message)).toEqual([
      `pool "general": purge [${gone}]: purged node general-${gone} (down)`,
    ]);
    expect(sim.nomad.nodes.has(gone as string)).toBe(false);
  });

  it("retries a throttled scale-up when the short backoff ends, not a whole interval later", async () => {
    const { sim, autoscaler } = setup([
      { name: "general", shape: general, policy: { evaluationInterval: "1m" } },
    ]);
    must(sim.cloud.groups.get("general")).failWith = "throttled";
    sim.nomad.submit(pendingWork({ nodePool: "general" }));
    const first = await autoscaler.evaluate();
    expect(first.decisions.find((e) => e.action === "backoff")?.message).toContain("(throttled)");
    expect(first.nextEvaluationAt - sim.clock.now()).toBe(5_000);
    must(sim.cloud.groups.get("general")).failWith = undefined;
    sim.advance(5_000);
    const retry = await autoscaler.evaluate();
    expect(actions(retry.decisions)).toEqual(["scale-up"]);
  });

  it("scales up from the size the group has after this pass's terminations", async () => {
    const { sim, autoscaler } = setup([{ name: "general", shape: general, nodes: 2 }]);
    const [a, b] = sim.nodesOf("general");
    sim.nomad.place(must(b).id, {
      jobId: "api",
      jobType: "service",
      ask: { cpuMhz: 3000, memoryMb: 6000, devices: [] },
    });
    const first = await autoscaler.evaluate();
    expect(first.decisions[0]).toMatchObject({ action: "scale-down", nodes: [must(a).id] });
    sim.advance(30_000);
    sim.nomad.submit(
      pendingWork({ jobId: "big", nodePool: "general", ask: { cpuMhz: 3000, memoryMb: 6000, devices: [] } }),
    );
    const next = await autoscaler.evaluate();
    expect(actions(next.decisions)).toEqual(["terminate", "scale-up"]);
    expect(must(sim.cloud.groups.get("general")).desired).toBe(2);
    expect(setDesiredCalls(sim)).toEqual(["setDesired general 2"]);
  });

  it("fails a hung cloud call at its deadline while the other pools act", async () => {
    const { sim, autoscaler } = setup([
      { name: "gpu", shape: gpu },
      { name: "general", shape: general },
    ]);
    const setDesired = sim.cloud.setDesired.bind(sim.cloud);
    sim.cloud.setDesired = (pool, desired) =>
      pool === "gpu" ? new Promise(() => {}) : setDesired(pool, desired);
    sim.nomad.submit(
      pendingWork({
        jobId: "train",
        nodePool: "gpu",
        ask: { cpuMhz: 1000, memoryMb: 1000, devices: [{ name: "gpu", count: 1 }] },
      }),
    );
    sim.nomad.submit(pendingWork({ jobId: "web", nodePool: "general" }));
    const evaluation = autoscaler.evaluate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(setDesiredCalls(sim)).toEqual(["setDesired general 1"]);
    sim.clock.advance(120_000);
    const result = await evaluation;
    expect(result.decisions.find((e) => e.pool === "general")?.action).toBe("scale-up");
    expect(result.decisions.find((e) => e.pool === "gpu")?.message).toContain(
      "setting the desired size to 1 took longer than 120s",
    );
  });

  it("keeps allocated memory near a target-value check's target, alongside pending-work", async () => {
    const { sim, autoscaler } = setup([
      {
        name: "general",
        shape: general,
        nodes: 2,
        policy: {
          checks: [{ kind: "pending-work" }, { kind: "target-value", metric: "memory", target: 50 }],
        },
      },
    ]);
    for (const node of sim.nodesOf("general")) {
      sim.nomad.place(node.id, {
        jobId: "cache",
        jobType: "service",
        ask: { cpuMhz: 500, memoryMb: 6144, devices: [] },
      });
    }
    const result = await autoscaler.evaluate();
    // 12288 MiB over 2 × 8192 is 75%; at 50% that takes 3 nodes.
    expect(result.decisions[0]).toMatchObject({ action: "scale-up", from: 2, to: 3 });
    expect(result.decisions[0]?.reason).toBe(
      "target-value: allocated memory 75.0% of 2 node(s), target 50%: 3 node(s)",
    );
  });
});
