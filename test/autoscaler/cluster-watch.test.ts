// ClusterWatch against a real `nomad agent -dev`: quiet clusters time out, new blocked work
// and node changes wake it, and an abort ends the wait at once.
import type { NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { ClusterWatch } from "../../provisioners/src/autoscaler/cluster-watch.js";
import { agentForFile } from "../harness/agent-for-file.js";

const { agent, nomad, skipNote } = await agentForFile();

const timed = async <T>(p: Promise<T>) => {
  const t0 = Date.now();
  const value = await p;
  return { value, ms: Date.now() - t0 };
};

describe.skipIf(!agent)(`ClusterWatch against a real agent${skipNote}`, () => {
  const api = () => nomad as NomadClient;

  it("times out on a quiet cluster, and wakes for unplaceable work and for node changes", async () => {
    const watch = new ClusterWatch(api());
    // A fresh agent still updates its node for a moment.
    while ((await watch.wait(1_000)) === "changed") {}
    const quiet = await timed(watch.wait(1_000));
    expect(quiet.value).toBe("timeout");
    expect(quiet.ms).toBeGreaterThanOrEqual(900);
    expect(quiet.ms).toBeLessThan(3_000);

    const waiting = timed(watch.wait(20_000));
    await api().jobs.register({
      ID: "too-big",
      Name: "too-big",
      Type: "service",
      Datacenters: ["*"],
      TaskGroups: [
        {
          Name: "main",
          Count: 1,
          Tasks: [
            {
              Name: "t",
              Driver: "raw_exec",
              Config: { command: "/bin/sleep", args: ["300"] },
              Resources: { CPU: 100, MemoryMB: 4_000_000 },
            },
          ],
        },
      ],
    });
    const woke = await waiting;
    expect(woke.value).toBe("changed");
    expect(woke.ms).toBeLessThan(5_000);

    // Let the scheduler settle, then a node change wakes it.
    while ((await watch.wait(500)) === "changed") {}
    const nodeId = (await api().nodes.list()).data[0]?.ID as string;
    const nodeWait = timed(watch.wait(20_000));
    await api().nodes.eligibility(nodeId, false);
    expect((await nodeWait).value).toBe("changed");
    expect((await nodeWait).ms).toBeLessThan(5_000);
    await api().nodes.eligibility(nodeId, true);
  });

  it("ends the wait when its signal aborts", async () => {
    const watch = new ClusterWatch(api());
    await watch.wait(200);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const r = await timed(watch.wait(20_000, stop.signal));
    expect(r.value).toBe("timeout");
    expect(r.ms).toBeLessThan(2_000);
  });
});
