// Wakes the autoscaler early when the cluster may need it: a node joins, leaves or changes
// status, or evaluations change (a blocked one appears or goes). Two blocking queries on the
// indexes Nomad already keeps. Nomad's evaluation list blocks on the whole evaluations table,
// so any scheduling activity wakes it: the runner spaces evaluations by a minimum interval.
// Allocation churn alone is left to the regular interval.
import type { NomadClient } from "nomadkit/api";

export type WatchResult = "changed" | "timeout";

export class ClusterWatch {
  readonly #client: NomadClient;
  #nodes: number | undefined;
  #blocked: number | undefined;

  constructor(client: NomadClient) {
    this.#client = client;
  }

  /**
   * Resolves "changed" once the node list or the blocked evaluations move past what the last
   * call saw, "timeout" after about `maxMs`. The first call only learns the indexes.
   */
  async wait(maxMs: number, signal?: AbortSignal): Promise<WatchResult> {
    const done = new AbortController();
    const stop = signal ? AbortSignal.any([signal, done.signal]) : done.signal;
    const waitMs = Math.max(1, Math.round(maxMs));
    try {
      if (this.#nodes === undefined || this.#blocked === undefined) {
        const [n, e] = await Promise.all([
          this.#client.nodes.list({ signal: stop, perPage: 1 }),
          this.#client.evaluations.list({ status: "blocked", namespace: "*", signal: stop, perPage: 1 }),
        ]);
        // Index 0 (an empty table) would make Nomad answer at once instead of blocking,
        // so indexes are floored at 1 here and below.
        this.#nodes = Math.max(1, n.meta.index);
        this.#blocked = Math.max(1, e.meta.index);
      }
      const nodes = this.#client.nodes
        .list({ signal: stop, index: this.#nodes, waitMs, perPage: 1 })
        .then((r) => ({ which: "nodes" as const, index: r.meta.index }));
      const blocked = this.#client.evaluations
        .list({ status: "blocked", namespace: "*", signal: stop, index: this.#blocked, waitMs, perPage: 1 })
        .then((r) => ({ which: "blocked" as const, index: r.meta.index }));
      const first = await Promise.race([nodes, blocked]);
      const before = first.which === "nodes" ? this.#nodes : this.#blocked;
      const index = Math.max(1, first.index);
      if (first.which === "nodes") this.#nodes = index;
      else this.#blocked = index;
      return first.index > (before ?? 0) ? "changed" : "timeout";
    } catch (err) {
      if (signal?.aborted) return "timeout";
      throw err;
    } finally {
      // The other query is still held by Nomad; drop it.
      done.abort();
    }
  }
}
