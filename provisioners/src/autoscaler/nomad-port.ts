// The autoscaler's NomadPort over the real HTTP API: the snapshot, and the four node operations
// a scale-in goes through (ineligible → drain → (cloud terminates) → purge).
import type { NomadClient } from "nomadkit/api";
import { nomadSnapshot } from "./nomad-snapshot.js";
import { DRAIN_META_KEY, type DrainOptions, type NomadPort } from "./ports.js";

export function nomadPort(client: NomadClient, options: { signal?: AbortSignal } = {}): NomadPort {
  const signal = options.signal ? { signal: options.signal } : {};
  return {
    snapshot: () => nomadSnapshot(client, signal),

    async setEligibility(nodeId, eligible) {
      await client.nodes.eligibility(nodeId, eligible, signal);
    },

    async drain(nodeId, o: DrainOptions) {
      // Nomad takes the deadline in nanoseconds; a drain also makes the node ineligible.
      const spec = { Deadline: Math.round(o.deadlineMs * 1e6), IgnoreSystemJobs: o.ignoreSystemJobs };
      // The meta marks the drain as ours, so a restarted autoscaler finds its own drains.
      const meta = { ...o.meta, [DRAIN_META_KEY]: o.meta[DRAIN_META_KEY] ?? "true" };
      await client.nodes.drain(nodeId, spec, { meta, ...signal });
    },

    async cancelDrain(nodeId) {
      await client.nodes.drain(nodeId, null, { markEligible: true, ...signal });
    },

    async purge(nodeId) {
      await client.nodes.purge(nodeId, signal);
    },
  };
}
