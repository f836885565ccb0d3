import type { Deployment } from "../api/deployments.js";
import type { Evaluation } from "../api/evaluations.js";
import type { NomadClient } from "../api/index.js";
import { terminalStatuses } from "../schema/semantics.js";
import { type AllocationFailure, failingAllocations } from "./failure-report.js";
import { type PlacementFailure, placementFailures } from "./placement-failure.js";

/** Progress of one task group in a deployment, for the progress display. */
export interface GroupProgress {
  group: string;
  desired: number;
  placed: number;
  healthy: number;
  unhealthy: number;
  canaries: number;
  desiredCanaries: number;
  promoted: boolean;
}

export type WatchOutcome =
  | { status: "successful"; deploymentId?: string; description: string }
  | {
      status: "failed" | "cancelled";
      deploymentId?: string;
      description: string;
      failures: AllocationFailure[];
    }
  | {
      /** With `failFast`: an allocation failed or turned unhealthy; the deployment itself goes on. */
      status: "allocation-failed";
      deploymentId: string;
      description: string;
      failures: AllocationFailure[];
    }
  | {
      /** The scheduler could not place some groups; the job stays registered and waits for capacity. */
      status: "unplaceable";
      deploymentId?: string;
      description: string;
      placement: PlacementFailure[];
    };

export interface WatchOptions {
  /** Promote canaries once they are all healthy (like `nomad deployment promote`). */
  promote?: boolean;
  onProgress?: (groups: GroupProgress[], deployment: Deployment) => void;
  /** How long one blocking query may wait before asking again. */
  waitMs?: number;
  /** Stops the watch (never the deployment): Ctrl-C, --timeout. The watch then rejects with its reason. */
  signal?: AbortSignal;
  /**
   * End the watch at the first failed or unhealthy allocation instead of waiting for the
   * deployment's own verdict (its healthy deadline, then any auto-revert): an editor wants
   * the failing task now. The deployment goes on in the cluster.
   */
  failFast?: boolean;
}

/**
 * Follows an evaluation and then the deployment it created, through blocking queries
 * (no fixed sleeps), until the rollout ends. Groups the scheduler could not place end
 * the watch at once (a deployment would otherwise wait for them until its deadline);
 * on failure the outcome names the allocations and tasks that failed and why.
 */
export async function watchEvaluation(
  client: NomadClient,
  evalId: string,
  options: WatchOptions = {},
): Promise<WatchOutcome> {
  const evaluation = await waitForEvaluation(client, evalId, options);
  const placement = placementFailures(evaluation.FailedTGAllocs);
  const deploymentId = evaluation.DeploymentID || undefined;
  if (placement.length > 0 || evaluation.Status === "blocked") {
    return {
      status: "unplaceable",
      ...(deploymentId ? { deploymentId } : {}),
      description:
        "the scheduler could not place every allocation; the job stays registered and Nomad places it " +
        `when a node fits${evaluation.BlockedEval ? ` (blocked evaluation ${evaluation.BlockedEval.slice(0, 8)})` : ""}`,
      placement,
    };
  }
  if (evaluation.Status !== "complete") {
    return {
      status: "failed",
      description: `evaluation ${evaluation.Status}: ${evaluation.StatusDescription || "no reason given"}`,
      failures: [],
    };
  }
  if (deploymentId) return watchDeployment(client, deploymentId, options);
  return { status: "successful", description: "evaluation complete (this job type has no deployment)" };
}

async function waitForEvaluation(
  client: NomadClient,
  evalId: string,
  options: WatchOptions,
): Promise<Evaluation> {
  let index = 0;
  for (;;) {
    const { data, meta } = await client.evaluations.read(evalId, {
      index,
      waitMs: options.waitMs ?? 30_000,
      ...signal(options),
    });
    if (terminalStatuses("evaluation").has(data.Status) || data.Status === "blocked") return data;
    index = meta.index;
  }
}

export async function watchDeployment(
  client: NomadClient,
  deploymentId: string,
  options: WatchOptions = {},
): Promise<WatchOutcome> {
  let index = 0;
  let promoted = false;
  for (;;) {
    const { data: deployment, meta } = await client.deployments.read(deploymentId, {
      index,
      waitMs: options.waitMs ?? 30_000,
      ...signal(options),
    });
    index = meta.index;
    const groups = progressOf(deployment);
    options.onProgress?.(groups, deployment);
    if (terminalStatuses("deployment").has(deployment.Status)) {
      if (deployment.Status === "successful") {
        return { status: "successful", deploymentId, description: deployment.StatusDescription };
      }
      const failures = await failingAllocations(client, deployment, signal(options));
      return {
        status: deployment.Status === "failed" ? "failed" : "cancelled",
        deploymentId,
        description: deployment.StatusDescription,
        failures,
      };
    }
    if (options.failFast && groups.some((g) => g.unhealthy > 0)) {
      const failures = await failingAllocations(client, deployment, signal(options));
      if (failures.length > 0)
        return {
          status: "allocation-failed",
          deploymentId,
          description: `${failures.length === 1 ? "an allocation" : `${failures.length} allocations`} failed; the deployment goes on in the cluster`,
          failures,
        };
    }
    if (options.promote && !promoted && readyToPromote(groups)) {
      await client.deployments.promote(deploymentId, signal(options));
      promoted = true;
    }
  }
}

function progressOf(deployment: Deployment): GroupProgress[] {
  return Object.entries(deployment.TaskGroups ?? {}).map(([group, state]) => ({
    group,
    desired: state.DesiredTotal,
    placed: state.PlacedAllocs,
    healthy: state.HealthyAllocs,
    unhealthy: state.UnhealthyAllocs,
    canaries: state.PlacedCanaries?.length ?? 0,
    desiredCanaries: state.DesiredCanaries,
    promoted: state.Promoted,
  }));
}

function readyToPromote(groups: GroupProgress[]): boolean {
  const canaryGroups = groups.filter((g) => g.desiredCanaries > 0 && !g.promoted);
  return (
    canaryGroups.length > 0 &&
    canaryGroups.every((g) => g.canaries >= g.desiredCanaries && g.healthy >= g.desiredCanaries)
  );
}

function signal(options: WatchOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}
