// What both autoscaler end-to-end tests (moto, the Compute fake) do around the autoscaler:
// write down its cloud calls, and deploy the app's node pools and job like `nomadkit deploy`.
import type { NodeGroups } from "@nomadkit/provisioners";
import { type App, synthesize } from "nomadkit";
import type { NodeListStub, NomadClient } from "nomadkit/api";

/** The node groups, with every mutating call written down as "setDesired pool n" / "terminate pool id". */
export function recordingGroups(groups: NodeGroups, calls: string[]): NodeGroups {
  return {
    cloud: groups.cloud,
    list: () => groups.list(),
    setDesired: async (pool, n) => {
      calls.push(`setDesired ${pool} ${n}`);
      await groups.setDesired(pool, n);
    },
    terminate: async (pool, id) => {
      calls.push(`terminate ${pool} ${id}`);
      await groups.terminate(pool, id);
    },
  };
}

/**
 * The app's node pools first (an empty pool exists in Nomad only once declared: no client
 * has registered in it yet), then the job.
 */
export async function deployPoolsAndJob(nomad: NomadClient, app: App, jobId: string): Promise<void> {
  const out = synthesize(app);
  if (out.problems.length > 0) throw new Error(out.problems.map((p) => p.message).join("\n"));
  for (const r of out.resources)
    if (r.kind === "node-pool") await nomad.nodePools.upsert(r.payload as { Name: string });
  const job = out.jobs.find((j) => j.id === jobId);
  if (!job) throw new Error(`the app has no job "${jobId}"`);
  await nomad.jobs.register(job.payload.Job);
}

type Until = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs?: number) => Promise<T>;

/**
 * Evaluates, letting the containers follow the cloud after each pass, until the node is gone
 * from Nomad; returns the node as last seen with a drain of the autoscaler's.
 */
export async function evaluateUntilNodeGone(o: {
  readonly autoscaler: { evaluate(): Promise<unknown> };
  readonly nomad: NomadClient;
  readonly nodeId: string;
  readonly sync: () => unknown;
  readonly until: Until;
}): Promise<NodeListStub | undefined> {
  let drained: NodeListStub | undefined;
  await o.until(
    "the node removed",
    async () => {
      await o.autoscaler.evaluate();
      await o.sync();
      const n = (await o.nomad.nodes.list()).data.find((x) => x.ID === o.nodeId);
      if (n?.LastDrain?.Meta?.["nomadkit.autoscaler"]) drained = n;
      return n === undefined ? true : undefined;
    },
    240_000,
  );
  return drained;
}
