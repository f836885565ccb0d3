// Counts the API calls one evaluation makes through the ports: the snapshot says what it cost,
// each action is one call. Every action also gets a deadline, so a hung request fails that
// pool's step instead of freezing the whole evaluation. (The snapshot has none: reading a big
// cluster may legitimately take a while, and nothing can be decided without it.)
import { NodeGroupError, type NodeGroups } from "../cloud/node-groups.js";
import type { Clock, NomadPort } from "./ports.js";

/** Resolves or rejects as `call` does, or rejects with `timedOut()` after `ms` on `clock`. */
export async function withDeadline<T>(
  clock: Clock,
  ms: number,
  call: () => Promise<T>,
  timedOut: () => Error,
): Promise<T> {
  const stop = new AbortController();
  const deadline = clock.sleep(ms, stop.signal).then(() => {
    if (stop.signal.aborted) return undefined as never;
    throw timedOut();
  });
  try {
    return await Promise.race([call(), deadline]);
  } finally {
    stop.abort();
  }
}

export class CountingNomad implements NomadPort {
  calls = 0;

  constructor(
    private readonly inner: NomadPort,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async snapshot() {
    const snapshot = await this.inner.snapshot();
    this.calls += snapshot.apiCalls;
    return snapshot;
  }
  setEligibility(nodeId: string, eligible: boolean) {
    return this.guard(`marking node ${nodeId} ${eligible ? "eligible" : "ineligible"}`, () =>
      this.inner.setEligibility(nodeId, eligible),
    );
  }
  drain(...args: Parameters<NomadPort["drain"]>) {
    return this.guard(`draining node ${args[0]}`, () => this.inner.drain(...args));
  }
  cancelDrain(nodeId: string) {
    return this.guard(`cancelling the drain of node ${nodeId}`, () => this.inner.cancelDrain(nodeId));
  }
  purge(nodeId: string) {
    return this.guard(`purging node ${nodeId}`, () => this.inner.purge(nodeId));
  }

  private guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    this.calls++;
    return withDeadline(
      this.clock,
      this.timeoutMs,
      call,
      () => new Error(`${what} took longer than ${this.timeoutMs / 1000}s`),
    );
  }
}

export class GuardedGroups implements NodeGroups {
  calls = 0;
  readonly cloud: NodeGroups["cloud"];

  constructor(
    private readonly inner: NodeGroups,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {
    this.cloud = inner.cloud;
  }

  list() {
    return this.guard("*", "listing node groups", () => this.inner.list());
  }
  setDesired(pool: string, desired: number) {
    return this.guard(pool, `setting the desired size to ${desired}`, () =>
      this.inner.setDesired(pool, desired),
    );
  }
  terminate(pool: string, instanceId: string) {
    return this.guard(pool, `terminating ${instanceId}`, () => this.inner.terminate(pool, instanceId));
  }

  private guard<T>(pool: string, what: string, call: () => Promise<T>): Promise<T> {
    this.calls++;
    return withDeadline(
      this.clock,
      this.timeoutMs,
      call,
      () => new NodeGroupError("other", pool, `${what} took longer than ${this.timeoutMs / 1000}s`),
    );
  }
}
