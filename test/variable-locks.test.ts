// Variable locks, the evaluation status filter and the allocation field selection against a
// real `nomad agent -dev`: what the autoscaler's leader lock and snapshot rely on.

import type { NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { agentForFile } from "./harness/agent-for-file.js";

const { agent, nomad, skipNote } = await agentForFile();

describe.skipIf(!agent)(`variable locks against a real agent${skipNote}`, () => {
  const vars = () => (nomad as NomadClient).variables;

  it("one holder at a time: acquire, refuse a second, renew, release, then the second gets it", async () => {
    const path = "nomadkit/test/lock-a";
    const first = await vars().acquireLock(path, { ttl: "10s", lockDelay: "1s" }, { items: { holder: "a" } });
    if (!first.data.ok) throw new Error("first acquire was refused");
    expect(first.data.lockId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.data.variable.Lock?.TTL).toBe("10s");
    expect(first.data.variable.Items).toEqual({ holder: "a" });

    const second = await vars().acquireLock(path, { ttl: "10s" });
    expect(second.data).toEqual({ ok: false, held: true });

    expect((await vars().renewLock(path, first.data.lockId)).data).toEqual({ ok: true });
    const wrongRenew = await vars().renewLock(path, "00000000-0000-0000-0000-000000000000");
    expect(wrongRenew.data.ok).toBe(false);

    expect((await vars().releaseLock(path, first.data.lockId)).data).toEqual({ ok: true });
    // Released: renewing the old ID now fails, and the other contender gets the lock.
    expect((await vars().renewLock(path, first.data.lockId)).data.ok).toBe(false);
    const third = await vars().acquireLock(path, { ttl: "10s" });
    expect(third.data.ok).toBe(true);
    if (third.data.ok) expect(third.data.lockId).not.toBe(first.data.lockId);
  });

  it("refuses a TTL below Nomad's 10s minimum with a 400, not as a held lock", async () => {
    await expect(vars().acquireLock("nomadkit/test/lock-b", { ttl: "1s" })).rejects.toMatchObject({
      status: 400,
    });
  });

  it("lists evaluations by status and allocations without task states", async () => {
    const api = nomad as NomadClient;
    const blocked = await api.evaluations.list({ status: "blocked", namespace: "*" });
    expect(Array.isArray(blocked.data)).toBe(true);
    for (const e of blocked.data) expect(e.Status).toBe("blocked");
    const complete = await api.evaluations.list({ status: "no-such-status", namespace: "*" });
    expect(complete.data).toEqual([]);
    const allocs = await api.allocations.list({ resources: true, taskStates: false, namespace: "*" });
    expect(Array.isArray(allocs.data)).toBe(true);
  });
});
