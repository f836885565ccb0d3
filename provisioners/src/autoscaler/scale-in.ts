// Which nodes of a pool to remove. Only nodes whose allocations are all system or sysbatch
// (or that have none, when system jobs count) are candidates: the autoscaler never takes a
// node that runs service or batch work, because Nomad may have nowhere to put it. Empty nodes
// go first, then the least busy. Never below min, and never more at once than the
// disruption budget allows, counting the nodes already on their way out.
import { disruptionAllowance } from "./disruption-budget.js";
import type { ResolvedPolicy } from "./policy.js";
import type { NodeView, PoolView } from "./pool-view.js";

/** Ready nodes that could be removed now, best first. */
export function removalCandidates(
  view: PoolView,
  policy: ResolvedPolicy,
  nodesWithPlannedWork: ReadonlySet<string>,
): NodeView[] {
  const busy = (n: NodeView) =>
    n.allocated.cpuMhz / Math.max(1, n.node.capacity.cpuMhz) +
    n.allocated.memoryMb / Math.max(1, n.node.capacity.memoryMb);
  return view.byCondition.ready
    .filter(
      (n) =>
        n.instance !== undefined &&
        !nodesWithPlannedWork.has(n.node.id) &&
        (policy.ignoreSystemJobs ? n.workAllocCount === 0 : n.allocCount === 0),
    )
    .sort((a, b) => a.allocCount - b.allocCount || busy(a) - busy(b) || a.node.id.localeCompare(b.node.id));
}

export interface RemovalChoice {
  readonly nodes: readonly NodeView[];
  /** Why it is fewer than asked for, when it is. */
  readonly limitedBy?: string;
  readonly allowance: number;
}

export function chooseNodesToRemove(args: {
  readonly candidates: readonly NodeView[];
  readonly wanted: number;
  readonly active: number;
  readonly alreadyRemoving: number;
  readonly policy: ResolvedPolicy;
  readonly now: number;
}): RemovalChoice {
  const { candidates, wanted, active, alreadyRemoving, policy, now } = args;
  const budget = disruptionAllowance(policy, active + alreadyRemoving, now);
  const limits: Array<[number, string]> = [
    [wanted, ""],
    [active - policy.min, `min ${policy.min}`],
    [budget.nodes - alreadyRemoving, `${budget.reason} with ${alreadyRemoving} already removing`],
    [candidates.length, `${candidates.length} node(s) run no service or batch work`],
  ];
  let count = wanted;
  let limitedBy: string | undefined;
  for (const [limit, why] of limits) {
    if (limit < count) {
      count = limit;
      limitedBy = why;
    }
  }
  count = Math.max(0, count);
  return { nodes: candidates.slice(0, count), allowance: budget.nodes, ...(limitedBy ? { limitedBy } : {}) };
}
