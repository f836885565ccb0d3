// Counts the API calls one evaluation makes through the ports: the snapshot says what it cost,
// each action is one call. The cloud side also gets a deadline per call, so a hung request
// fails that pool's step instead of freezing the whole evaluation.
import { NodeGroupError, type NodeGroups } from "../cloud/node-groups.js";
import type { Clock, NomadPort } from "./ports.js";

export class CountingNomad implements NomadPort {
  calls = 0;

  constructor(private readonly inner: NomadPort) {}

  async snapshot() {
    const snapshot = await this.inner.snapshot();
    this.calls += snapshot.apiCalls;
    return snapshot;
  }
  setEligibility(nodeId: string, eligible: boolean) {
    this.calls++;
    return this.inner.setEligibility(nodeId, eligible);
  }
  drain(...args: Parameters<NomadPort["drain"]>) {
    this.calls++;
    return this.inner.drain(...args);
  }
  cancelDrain(nodeId: string) {
    this.calls++;
    return this.inner.cancelDrain(nodeId);
  }
  purge(nodeId: string) {
    this.calls++;
    return this.inner.purge(nodeId);
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

  private async guard<T>(pool: string, what: string, call: () => Promise<T>): Promise<T> {
    this.calls++;
    const stop = new AbortController();
    const timeout = this.clock.sleep(this.timeoutMs, stop.signal).then(() => {
      if (stop.signal.aborted) return undefined as never;
      throw new NodeGroupError("other", pool, `${what} took longer than ${this.timeoutMs / 1000}s`);
    });
    try {
      return await Promise.race([call(), timeout]);
    } finally {
      stop.abort();
    }
  }
}
