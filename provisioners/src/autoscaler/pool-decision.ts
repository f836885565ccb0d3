// One pool's decision from its view: run each check of its policy over the same numbers, then
// combine the verdicts. Pure, so evaluate() and reconcile() decide exactly the same way.
import { type CheckVerdict, evaluateCheck } from "./checks.js";
import { combineVerdicts, type PoolDecision } from "./combine-checks.js";
import type { PendingPlan } from "./pending-planner.js";
import type { ResolvedPolicy } from "./policy.js";
import type { PoolShape } from "./pool-shape.js";
import { activeCount, type NodeView, type PoolView } from "./pool-view.js";
import { removalCandidates } from "./scale-in.js";

export interface PoolAssessment {
  readonly active: number;
  readonly candidates: readonly NodeView[];
  readonly verdicts: readonly CheckVerdict[];
  readonly decision: PoolDecision;
}

export function assessPool(
  view: PoolView,
  policy: ResolvedPolicy,
  shape: PoolShape | undefined,
  plan: PendingPlan,
): PoolAssessment {
  const active = activeCount(view);
  const candidates = removalCandidates(view, policy, plan.nodesWithPlannedWork);
  const poolPlan = plan.pools.get(view.name);
  // Nodes are removable only when no queued work is headed for this pool's new machines.
  const removable = poolPlan && poolPlan.placedOnLaunching + poolPlan.placedOnNew > 0 ? 0 : candidates.length;
  const verdicts = policy.checks.map((check) =>
    evaluateCheck(check, { view, shape, active, plan: poolPlan, removable }),
  );
  return { active, candidates, verdicts, decision: combineVerdicts(verdicts, active, policy) };
}

/** The view with these nodes back in service: what the pool would be if their removal stopped. */
export function withNodesRestored(view: PoolView, nodeIds: ReadonlySet<string>): PoolView {
  if (nodeIds.size === 0) return view;
  const nodes = view.nodes.map((n) =>
    nodeIds.has(n.node.id)
      ? { ...n, condition: "ready" as const, node: { ...n.node, eligible: true, draining: false } }
      : n,
  );
  const byCondition = { ready: [], draining: [], initializing: [], ineligible: [], down: [] } as Record<
    NodeView["condition"],
    NodeView[]
  >;
  for (const n of nodes) byCondition[n.condition].push(n);
  return { ...view, nodes, byCondition };
}

/**
 * The view after these instances were terminated: gone from the group, and the group's
 * desired size one lower for each (terminate decrements it), so a scale-up later in the same
 * pass starts from the size the cloud now has.
 */
export function withInstancesTerminated(view: PoolView, instanceIds: ReadonlySet<string>): PoolView {
  if (instanceIds.size === 0) return view;
  const group = view.group;
  const removed = group ? group.instances.filter((i) => instanceIds.has(i.id)).length : 0;
  return {
    ...view,
    launching: view.launching.filter((i) => !instanceIds.has(i.id)),
    ...(group
      ? {
          group: {
            ...group,
            desired: group.desired - removed,
            instances: group.instances.filter((i) => !instanceIds.has(i.id)),
          },
        }
      : {}),
  };
}
