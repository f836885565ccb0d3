import type { Deployment } from "../api/deployments.js";
import type { Evaluation } from "../api/evaluations.js";
import type { NomadClient } from "../api/index.js";
import { type AllocationFailure, failingAllocations } from "./failure-report.js";

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
      status: "failed" | "cancelled" | "unplaceable";
      deploymentId?: string;
      description: string;
      failures: AllocationFailure[];
    };

export interface WatchOptions {
  /** Promote canaries once they are all healthy (like `nomad deployment promote`). */
  promote?: boolean;
  onProgress?: (groups: GroupProgress[], deployment: Deployment) => void;
  /** How long one blocking query may wait before asking again. */
  waitMs?: number;
  signal?: AbortSignal;
}

const TERMINAL_EVAL = new Set(["complete", "failed", "canceled", "cancelled"]);
const TERMINAL_DEPLOYMENT = new Set(["successful", "failed", "cancelled"]);

/**
 * Follows an evaluation and then the deployment it created, through blocking queries
 * (no fixed sleeps), until the rollout ends. Returns what happened and, on failure,
 * which allocations and tasks failed and why.
 */
export async function watchEvaluation(
  client: NomadClient,
  evalId: string,
  options: WatchOptions = {},
): Promise<WatchOutcome> {
  const evaluation = await waitForEvaluation(client, evalId, options);
  const failed = Object.keys(evaluation.FailedTGAllocs ?? {});
  if (!evaluation.DeploymentID) {
    if (failed.length > 0 || evaluation.Status !== "complete") {
      return {
        status: "unplaceable",
        description: `evaluation ${evaluation.Status}: groups ${failed.map((g) => `"${g}"`).join(", ")} could not be placed`,
        failures: [],
      };
    }
    return { status: "successful", description: "evaluation complete (no deployment for this job type)" };
  }
  return watchDeployment(client, evaluation.DeploymentID, options);
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
    if (TERMINAL_EVAL.has(data.Status) || data.Status === "blocked") return data;
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
    if (TERMINAL_DEPLOYMENT.has(deployment.Status)) {
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
