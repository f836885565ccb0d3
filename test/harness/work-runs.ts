// Placed is not run: an allocation on the right node whose task then fails to start is still
// "placed". The end-to-end tests wait for what a user waits for: service work running, batch
// work finished with exit 0, all as the agent that runs it reports. A task that fails ends
// the wait at once, with its events.
import type { AllocationListStub, NomadClient, TaskState } from "nomadkit/api";

type Until = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs?: number) => Promise<T>;

export interface WorkQuery {
  /** How many allocations must get there (default 1). */
  readonly count?: number;
  /** Only allocations on nodes this accepts count. */
  readonly onNode?: (nodeId: string) => boolean;
}

/** Waits until `count` allocations of the job run: client status running, every task running. */
export function workRunning(
  until: Until,
  nomad: NomadClient,
  jobId: string,
  query: WorkQuery = {},
): Promise<AllocationListStub[]> {
  return waitFor(until, nomad, jobId, query, "running", (a) => {
    const tasks = Object.values(a.TaskStates ?? {});
    return a.ClientStatus === "running" && tasks.length > 0 && tasks.every((t) => t.State === "running");
  });
}

/** Waits until `count` allocations of a batch job finished: complete, every task exited 0. */
export function workCompleted(
  until: Until,
  nomad: NomadClient,
  jobId: string,
  query: WorkQuery = {},
): Promise<AllocationListStub[]> {
  return waitFor(until, nomad, jobId, query, "complete with exit 0", (a) => {
    const tasks = Object.values(a.TaskStates ?? {});
    return (
      a.ClientStatus === "complete" &&
      tasks.length > 0 &&
      tasks.every((t) => t.State === "dead" && !t.Failed && exitCode(t) === 0)
    );
  });
}

/** Waits until the job runs on the node. */
export async function runsOn(until: Until, nomad: NomadClient, jobId: string, nodeId: string): Promise<void> {
  await workRunning(until, nomad, jobId, { onNode: (id) => id === nodeId });
}

/** The exit code of the task's last run, as the client reported it. */
export function exitCode(t: TaskState): number | undefined {
  return (t.Events ?? []).filter((e) => e.Type === "Terminated").at(-1)?.ExitCode;
}

async function waitFor(
  until: Until,
  nomad: NomadClient,
  jobId: string,
  query: WorkQuery,
  state: string,
  reached: (a: AllocationListStub) => boolean,
): Promise<AllocationListStub[]> {
  const count = query.count ?? 1;
  const where = query.onNode ?? (() => true);
  const seen = await until(`${count} allocation(s) of ${jobId} ${state}`, async () => {
    const allocs = (await nomad.allocations.listForJob(jobId)).data.filter((a) => where(a.NodeID));
    const failed = allocs.find(
      (a) =>
        a.ClientStatus === "failed" ||
        a.ClientStatus === "lost" ||
        Object.values(a.TaskStates ?? {}).some((t) => t.Failed),
    );
    if (failed) return { failed };
    const done = allocs.filter(reached);
    return done.length >= count ? { done } : undefined;
  });
  if (seen.failed) throw new Error(`${jobId} did not run: ${describe(seen.failed)}`);
  return seen.done ?? [];
}

function describe(a: AllocationListStub): string {
  const tasks = Object.entries(a.TaskStates ?? {}).map(
    ([name, t]) =>
      `task "${name}" ${t.State}${t.Failed ? " (failed)" : ""}: ${(t.Events ?? [])
        .map((e) => `${e.Type}: ${e.DisplayMessage}`)
        .join("; ")}`,
  );
  return [
    `allocation ${a.ID} on node ${a.NodeID} is ${a.ClientStatus} (${a.ClientDescription})`,
    ...tasks,
  ].join("\n");
}
