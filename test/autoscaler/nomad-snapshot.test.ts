// The snapshot against a real `nomad agent -dev`: the node's capacity, running allocations,
// work Nomad cannot place (with its ask, constraints and count), and a call count that does
// not grow with the number of running jobs.
import type { JobBody, NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { nomadSnapshot, taskGroupAsk } from "../../provisioners/src/autoscaler/nomad-snapshot.js";
import { agentForFile } from "../harness/agent-for-file.js";
import { until } from "../harness/until.js";

const { agent, nomad, skipNote } = await agentForFile();

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000) =>
  until(what, fn, { timeoutMs, intervalMs: 250, context: () => agent?.logs().slice(-3000) ?? "" });

function job(
  id: string,
  o: { count: number; memoryMb: number; cpu: number; groupConstraint?: boolean },
): JobBody {
  return {
    ID: id,
    Name: id,
    Type: "service",
    Datacenters: ["*"],
    Constraints: [{ LTarget: "${attr.kernel.name}", RTarget: "linux", Operand: "=" }],
    TaskGroups: [
      {
        Name: "main",
        Count: o.count,
        Constraints: o.groupConstraint ? [{ LTarget: "${node.class}", RTarget: "gpu", Operand: "!=" }] : [],
        Tasks: [
          {
            Name: "sleep",
            Driver: "raw_exec",
            Config: { command: "/bin/sleep", args: ["300"] },
            Resources: { CPU: o.cpu, MemoryMB: o.memoryMb },
          },
          {
            // A prestart task smaller than the main one adds nothing to the ask.
            Name: "init",
            Driver: "raw_exec",
            Lifecycle: { Hook: "prestart", Sidecar: false },
            Config: { command: "/bin/true" },
            Resources: { CPU: 20, MemoryMB: 16 },
          },
        ],
      },
    ],
  };
}

describe.skipIf(!agent)(`nomadSnapshot against a real agent${skipNote}`, () => {
  const api = () => nomad as NomadClient;

  it("sees the node with its capacity, running allocations and unplaceable work", async () => {
    await api().jobs.register(job("small", { count: 2, cpu: 50, memoryMb: 32 }));
    // More memory than any machine has: Nomad blocks it and the snapshot must show why.
    await api().jobs.register(
      job("huge", { count: 3, cpu: 100, memoryMb: 4_000_000, groupConstraint: true }),
    );

    const snap = await eventually("the huge job's blocked evaluation and small's allocations", async () => {
      const s = await nomadSnapshot(api());
      const small = s.allocs.filter((a) => a.jobId === "small");
      return s.pending.length > 0 && small.length === 2 ? s : undefined;
    });

    expect(snap.nodes).toHaveLength(1);
    const node = snap.nodes[0];
    const stub = (await api().nodes.read(node?.id ?? "")).data;
    expect(node).toMatchObject({
      status: "ready",
      eligible: true,
      draining: false,
      pool: "default",
      address: "127.0.0.1",
      datacenter: stub.Datacenter,
    });
    const reserved = stub.ReservedResources;
    expect(node?.capacity.memoryMb).toBe(
      (stub.NodeResources?.Memory.MemoryMB ?? 0) - (reserved?.Memory.MemoryMB ?? 0),
    );
    expect(node?.capacity.cpuMhz).toBeGreaterThan(0);
    expect(node?.attributes["os.name"]).toBeTruthy();

    const small = snap.allocs.filter((a) => a.jobId === "small");
    for (const a of small) {
      expect(a).toMatchObject({
        namespace: "default",
        jobType: "service",
        taskGroup: "main",
        nodeId: node?.id,
      });
      // Placed allocations count every task, the prestart one too.
      expect(a.ask).toEqual({ cpuMhz: 70, memoryMb: 48, devices: [] });
    }

    expect(snap.pending).toEqual([
      {
        namespace: "default",
        jobId: "huge",
        taskGroup: "main",
        count: 3,
        ask: { cpuMhz: 100, memoryMb: 4_000_000, devices: [] },
        nodePool: "default",
        datacenters: ["*"],
        constraints: [
          { ltarget: "${attr.kernel.name}", rtarget: "linux", operand: "=" },
          { ltarget: "${node.class}", rtarget: "gpu", operand: "!=" },
        ],
      },
    ]);
    // nodes + allocations + blocked evaluations + one job read for the one pending job.
    expect(snap.apiCalls).toBe(4);
  });

  it("takes the same number of calls when more jobs run", async () => {
    const before = await nomadSnapshot(api());
    for (const id of ["more-1", "more-2", "more-3"])
      await api().jobs.register(job(id, { count: 1, cpu: 20, memoryMb: 16 }));
    const after = await eventually("three more allocations", async () => {
      const s = await nomadSnapshot(api());
      return s.allocs.length >= before.allocs.length + 3 ? s : undefined;
    });
    expect(after.apiCalls).toBe(before.apiCalls);
  });

  it("stops counting work once its job is stopped", async () => {
    await api().jobs.deregister("huge");
    const snap = await eventually("no pending work", async () => {
      const s = await nomadSnapshot(api());
      return s.pending.length === 0 ? s : undefined;
    });
    // The blocked evaluation can outlive the stop for a moment; its job is then read and skipped.
    expect(snap.apiCalls).toBeLessThanOrEqual(4);
  });

  it("leaves out allocations that no longer hold resources", async () => {
    const before = (await nomadSnapshot(api())).allocs.filter((a) => a.jobId === "more-1");
    expect(before).toHaveLength(1);
    await api().jobs.deregister("more-1");
    await eventually("more-1's allocation to leave the snapshot", async () => {
      const s = await nomadSnapshot(api());
      return s.allocs.some((a) => a.jobId === "more-1") ? undefined : s;
    });
    // Nomad still lists it, stopped: the snapshot dropped it for its status, not its absence.
    const all = (await api().allocations.list({ namespace: "*" })).data.filter((a) => a.JobID === "more-1");
    expect(all.map((a) => a.DesiredStatus)).toEqual(["stop"]);
  });
});

describe("taskGroupAsk", () => {
  const task = (name: string, cpu: number, mem: number, lifecycle?: { Hook: string; Sidecar: boolean }) =>
    ({
      Name: name,
      Resources: { CPU: cpu, MemoryMB: mem, MemoryMaxMB: mem * 4 },
      Lifecycle: lifecycle ?? null,
    }) as never;

  it("takes the larger of the main tasks and a prestart task, per dimension; sidecars count in both", () => {
    const ask = taskGroupAsk(
      [
        task("app", 100, 64),
        task("init", 500, 16, { Hook: "prestart", Sidecar: false }),
        task("proxy", 10, 8, { Hook: "prestart", Sidecar: true }),
      ],
      1000,
    );
    expect(ask).toEqual({ cpuMhz: 510, memoryMb: 72, devices: [] });
  });

  it("turns cores into MHz and adds up devices by name", () => {
    const t = {
      Name: "gpu",
      Resources: { Cores: 2, MemoryMB: 10, Devices: [{ Name: "nvidia/gpu", Count: 1 }] },
    } as never;
    const u = {
      Name: "gpu2",
      Resources: { CPU: 5, MemoryMB: 1, Devices: [{ Name: "nvidia/gpu", Count: 2 }] },
    } as never;
    expect(taskGroupAsk([t, u], 2400)).toEqual({
      cpuMhz: 4805,
      memoryMb: 11,
      devices: [{ name: "nvidia/gpu", count: 3 }],
    });
  });
});
