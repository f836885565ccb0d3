// The NomadPort's node operations against a real `nomad agent -dev`: what each does must be
// visible in Nomad afterwards (eligibility, a drain with its meta, its cancellation, a purge).
import type { NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { nomadPort } from "../../provisioners/src/autoscaler/nomad-port.js";
import { DRAIN_META_KEY } from "../../provisioners/src/autoscaler/ports.js";
import { agentForFile } from "../harness/agent-for-file.js";
import { until } from "../harness/until.js";

const { agent, nomad, skipNote } = await agentForFile();

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000) =>
  until(what, fn, { timeoutMs, intervalMs: 250, context: () => agent?.logs().slice(-3000) ?? "" });

describe.skipIf(!agent)(`nomadPort against a real agent${skipNote}`, () => {
  const api = () => nomad as NomadClient;
  const port = () => nomadPort(api());
  const nodeId = async () => {
    const snap = await port().snapshot();
    const id = snap.nodes[0]?.id;
    if (!id) throw new Error("the dev agent has no node");
    return id;
  };

  it("marks a node ineligible and eligible again", async () => {
    const id = await nodeId();
    await port().setEligibility(id, false);
    expect((await port().snapshot()).nodes[0]?.eligible).toBe(false);
    await port().setEligibility(id, true);
    expect((await port().snapshot()).nodes[0]?.eligible).toBe(true);
  });

  it("drains with meta Nomad keeps in LastDrain, and cancels the drain", async () => {
    const id = await nodeId();
    // A running allocation with nowhere else to go keeps the drain open until its deadline.
    await api().jobs.register({
      ID: "stay",
      Name: "stay",
      Type: "service",
      Datacenters: ["*"],
      TaskGroups: [
        {
          Name: "main",
          Count: 1,
          Tasks: [
            {
              Name: "sleep",
              Driver: "raw_exec",
              Config: { command: "/bin/sleep", args: ["300"] },
              Resources: { CPU: 20, MemoryMB: 16 },
            },
          ],
        },
      ],
    });
    await eventually("the allocation to run", async () => {
      const allocs = (await api().allocations.list()).data;
      return allocs.some((a) => a.ClientStatus === "running") ? true : undefined;
    });
    await port().drain(id, {
      deadlineMs: 60_000,
      ignoreSystemJobs: true,
      meta: { [DRAIN_META_KEY]: "scale-in", reason: "pool web below target" },
    });
    const node = (await api().nodes.read(id)).data;
    // Deadline in nanoseconds, as Nomad's DrainSpec has it.
    expect(node.DrainStrategy?.Deadline).toBe(60_000_000_000);
    expect(node.DrainStrategy?.IgnoreSystemJobs).toBe(true);
    expect(node.SchedulingEligibility).toBe("ineligible");
    expect(node.LastDrain?.Meta).toEqual({ [DRAIN_META_KEY]: "scale-in", reason: "pool web below target" });

    const seen = (await port().snapshot()).nodes[0];
    expect(seen?.draining).toBe(true);
    expect(seen?.drainMeta).toEqual({ [DRAIN_META_KEY]: "scale-in", reason: "pool web below target" });

    await port().cancelDrain(id);
    const after = (await api().nodes.read(id)).data;
    expect(after.DrainStrategy).toBeNull();
    expect(after.SchedulingEligibility).toBe("eligible");
    expect(after.LastDrain?.Status).toBe("canceled");
  });

  it("always writes its own meta key, so a drain is recognisable after a restart", async () => {
    const id = await nodeId();
    await port().drain(id, { deadlineMs: 1_000, ignoreSystemJobs: false, meta: {} });
    expect((await api().nodes.read(id)).data.LastDrain?.Meta?.[DRAIN_META_KEY]).toBe("true");
    await port().cancelDrain(id);
  });

  it("purges the node; the dev client then registers it again", async () => {
    const id = await nodeId();
    const before = (await api().nodes.read(id)).data.CreateIndex;
    await port().purge(id);
    await eventually("the node to register again", async () => {
      const n = await api()
        .nodes.read(id)
        .catch(() => undefined);
      return n && n.data.CreateIndex > before ? n : undefined;
    });
  });
});
