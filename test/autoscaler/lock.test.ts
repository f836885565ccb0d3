// Two autoscalers contending for the leader lock on a real `nomad agent -dev`: one holds it,
// the other waits, a release hands it over at once, and a holder whose lock is taken from it
// finds out at its next renewal.
import type { NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { LeaderLock } from "../../provisioners/src/autoscaler/lock.js";
import { agentForFile } from "../harness/agent-for-file.js";

const { agent, nomad, skipNote } = await agentForFile();

const settled = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe.skipIf(!agent)(`LeaderLock against a real agent${skipNote}`, () => {
  const client = () => nomad as NomadClient;

  it("one holds, the other waits, and release hands the lock over", async () => {
    const path = "nomadkit/autoscaler/leader-a";
    const a = new LeaderLock({ client: client(), path, ttlMs: 10_000, holder: "a" });
    const b = new LeaderLock({ client: client(), path, ttlMs: 10_000, holder: "b" });

    await a.acquire();
    expect(a.held).toBe(true);
    const aHold = a.whileHeld;
    expect(aHold.aborted).toBe(false);
    expect((await client().variables.read(path)).data?.Items).toEqual({ holder: "a" });

    const bWaits = b.acquire();
    expect(await settled(bWaits, 1_500)).toBe(false);
    expect(b.held).toBe(false);

    const releasedAt = Date.now();
    await a.release();
    expect(a.held).toBe(false);
    expect(aHold.aborted).toBe(true);
    // The waiting contender is woken by the variable's change, not by polling a TTL later.
    await bWaits;
    expect(Date.now() - releasedAt).toBeLessThan(3_000);
    expect(b.held).toBe(true);
    expect((await client().variables.read(path)).data?.Items).toEqual({ holder: "b" });
    await b.release();
  });

  it("stops waiting when its signal aborts", async () => {
    const path = "nomadkit/autoscaler/leader-b";
    const a = new LeaderLock({ client: client(), path, ttlMs: 10_000 });
    await a.acquire();
    const hold = a.whileHeld;
    await a.acquire(); // already held: at once, same hold
    expect(a.whileHeld).toBe(hold);
    const b = new LeaderLock({ client: client(), path, ttlMs: 10_000 });
    const stop = new AbortController();
    const waiting = b.acquire(stop.signal);
    setTimeout(() => stop.abort(new Error("shutting down")), 300);
    await expect(waiting).rejects.toThrow("shutting down");
    expect(b.held).toBe(false);
    await a.release();
  });

  it("keeps the lock past Nomad's 2×TTL expiry by renewing it", async () => {
    const path = "nomadkit/autoscaler/leader-d";
    const lost: string[] = [];
    const a = new LeaderLock({ client: client(), path, ttlMs: 10_000, onLost: (why) => lost.push(why) });
    await a.acquire();
    await new Promise((r) => setTimeout(r, 22_000));
    expect(lost).toEqual([]);
    expect(a.held).toBe(true);
    const other = await client().variables.acquireLock(path, { ttl: "10s" });
    expect(other.data.ok).toBe(false);
    await a.release();
  }, 40_000);

  it("tells the holder when its lock is gone at the next renewal", async () => {
    const path = "nomadkit/autoscaler/leader-c";
    const lost: string[] = [];
    const a = new LeaderLock({ client: client(), path, ttlMs: 10_000, onLost: (why) => lost.push(why) });
    await a.acquire();
    // Someone with the lock's ID (an operator with a management token) frees it behind a's back.
    const variable = (await client().variables.read(path)).data;
    const lockId = variable?.Lock?.ID;
    expect(lockId).toBeTruthy();
    await client().variables.releaseLock(path, lockId as string);

    const deadline = Date.now() + 8_000; // renewal comes at TTL/2 = 5 s
    while (lost.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toContain(path);
    expect(a.held).toBe(false);
    expect(a.whileHeld.aborted).toBe(true);
    await a.release(); // no-op once lost
  });
});
