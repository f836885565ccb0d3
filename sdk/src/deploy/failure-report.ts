import type { AllocationListStub } from "../api/allocations.js";
import type { NomadClient } from "../api/index.js";

/** Why one task of one allocation failed: its last events and the end of its stderr. */
export interface TaskFailure {
  task: string;
  state: string;
  events: string[];
  stderrTail: string[];
}

export interface AllocationFailure {
  allocationId: string;
  name: string;
  group: string;
  clientStatus: string;
  tasks: TaskFailure[];
}

const EVENTS_SHOWN = 4;
const STDERR_BYTES = 4096;
const STDERR_LINES = 10;

/**
 * The allocations of a deployment that failed or turned unhealthy, with each failing
 * task's last events and stderr lines, so a failed deploy says why without a second
 * command.
 */
export async function failingAllocations(
  client: NomadClient,
  deployment: { ID: string; JobID: string; JobVersion: number },
  options: { signal?: AbortSignal } = {},
): Promise<AllocationFailure[]> {
  const { data: allocations } = await client.allocations.listForJob(deployment.JobID, {
    all: true,
    ...options,
  });
  // List stubs carry the job version but no deployment ID (api.AllocationListStub has none).
  const ofDeployment = (a: AllocationListStub) => a.JobVersion === deployment.JobVersion;
  const failing = allocations.filter(
    (a) => ofDeployment(a) && (a.ClientStatus === "failed" || a.DeploymentStatus?.Healthy === false),
  );
  const failures: AllocationFailure[] = [];
  for (const stub of failing) {
    const { data: alloc } = await client.allocations.read(stub.ID, options);
    const tasks: TaskFailure[] = [];
    for (const [task, state] of Object.entries(alloc.TaskStates ?? {})) {
      const events = (state.Events ?? [])
        .slice(-EVENTS_SHOWN)
        .map((e) => `${e.Type}: ${e.DisplayMessage}`.trim());
      const troubled = state.Failed || state.Restarts > 0 || state.State !== "running";
      if (!troubled && alloc.ClientStatus !== "failed" && stub.DeploymentStatus?.Healthy !== false) continue;
      tasks.push({
        task,
        state: state.State,
        events,
        stderrTail: await stderrTail(client, alloc.ID, task, options),
      });
    }
    failures.push({
      allocationId: alloc.ID,
      name: alloc.Name,
      group: alloc.TaskGroup,
      clientStatus: alloc.ClientStatus,
      tasks,
    });
  }
  return failures;
}

async function stderrTail(
  client: NomadClient,
  allocId: string,
  task: string,
  options: { signal?: AbortSignal },
): Promise<string[]> {
  try {
    const { data } = await client.allocations.logs(allocId, {
      task,
      type: "stderr",
      origin: "end",
      offset: STDERR_BYTES,
      ...options,
    });
    return data
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(-STDERR_LINES);
  } catch {
    // The node may have garbage-collected the logs; the events still say what happened.
    return [];
  }
}
