// What the autoscaler needs from the world, as interfaces: time, Nomad, the cloud. The real
// ones live in nomad-port.ts and cloud/node-groups.ts; the simulation suite passes its own.
import type { NodeGroups } from "../cloud/node-groups.js";
import type { Snapshot } from "./snapshot.js";

export type { NodeGroups };

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    }),
};

/** Meta the autoscaler writes on a node it drains, so a restart knows the drain is its own. */
export const DRAIN_META_KEY = "nomadkit.autoscaler";

export interface DrainOptions {
  readonly deadlineMs: number;
  readonly ignoreSystemJobs: boolean;
  /** Written as drain meta; always includes DRAIN_META_KEY. */
  readonly meta: Readonly<Record<string, string>>;
}

export interface NomadPort {
  /** One consistent view of the cluster, in a constant number of API calls. */
  snapshot(): Promise<Snapshot>;
  setEligibility(nodeId: string, eligible: boolean): Promise<void>;
  drain(nodeId: string, options: DrainOptions): Promise<void>;
  /** Cancels a drain and makes the node eligible again. */
  cancelDrain(nodeId: string): Promise<void>;
  purge(nodeId: string): Promise<void>;
}
