// On start, finish or undo the removals a previous run left behind, from Nomad and the cloud
// alone: a node is ours when its drain meta carries our identity. The pool is assessed as if
// those nodes were back in service; if it still wants fewer nodes, as many of ours as it wants
// to lose (those whose drain is done first) keep going and finish (terminate, purge); the rest
// are made eligible again, because the cluster changed while we were away and a node that is
// needed must not stay out of service.
import type { NodeGroups } from "../cloud/node-groups.js";
import type { DecisionFields } from "./decision-event.js";
import { type PlannerPool, planPendingWork } from "./pending-planner.js";
import type { ResolvedPolicy } from "./policy.js";
import { assessPool, withNodesRestored } from "./pool-decision.js";
import { poolShape } from "./pool-shape.js";
import type { PoolSpec } from "./pool-spec.js";
import { activeCount, type PoolView } from "./pool-view.js";
import type { NomadPort } from "./ports.js";
import { message, nodesBeingRemoved, progressRemovals } from "./removal.js";
import type { PendingWork } from "./snapshot.js";

export interface ReconcileInput {
  readonly nomad: NomadPort;
  readonly groups: NodeGroups;
  readonly pools: ReadonlyArray<{
    readonly spec: PoolSpec;
    readonly policy: ResolvedPolicy;
    readonly view: PoolView;
  }>;
  readonly pending: readonly PendingWork[];
  readonly id: string;
  readonly now: number;
  readonly dryRun: boolean;
}

export async function reconcilePools(input: ReconcileInput): Promise<DecisionFields[]> {
  const { nomad, groups, id, now, dryRun } = input;
  const restored = input.pools.map((p) => {
    const ours = nodesBeingRemoved(p.view, id);
    // A node that is down is gone whatever the pool wants; only live ones can come back.
    const live = ours.filter((n) => n.condition !== "down");
    return { ...p, ours, live, restored: withNodesRestored(p.view, new Set(live.map((n) => n.node.id))) };
  });
  if (restored.every((p) => p.ours.length === 0)) return [];
  const plannerPools: PlannerPool[] = restored.map((p) => ({
    name: p.spec.name,
    view: p.restored,
    shape: poolShape(p.spec, p.restored),
    room: Math.max(0, p.policy.max - activeCount(p.restored)),
  }));
  const plan = planPendingWork(input.pending, plannerPools);

  const events: DecisionFields[] = [];
  for (const p of restored) {
    if (p.ours.length === 0) continue;
    const pool = p.spec.name;
    const { decision, candidates } = assessPool(p.restored, p.policy, poolShape(p.spec, p.restored), plan);
    const wantFewer = decision.direction === "down" ? decision.from - decision.to : 0;
    const removable = new Set(candidates.map((n) => n.node.id));
    // Drains that are done first: they are the cheapest to finish.
    const ordered = [...p.live].sort(
      (a, b) => Number(a.condition === "draining") - Number(b.condition === "draining"),
    );
    const keepIds = new Set(
      ordered
        .filter((n) => removable.has(n.node.id))
        .slice(0, wantFewer)
        .map((n) => n.node.id),
    );
    const undo = p.live.filter((n) => !keepIds.has(n.node.id));
    for (const n of undo) {
      const reason = `found ${n.node.name} being removed by a previous run, but the pool wants ${decision.to} of ${decision.from} node(s) (${decision.reason})`;
      if (dryRun) {
        events.push({ pool, action: "cancel-drain", reason, nodes: [n.node.id] });
        continue;
      }
      try {
        await nomad.cancelDrain(n.node.id);
        events.push({
          pool,
          action: "cancel-drain",
          reason: `${reason}: back in service`,
          nodes: [n.node.id],
        });
      } catch (error) {
        events.push({
          pool,
          action: "error",
          reason: `${reason}; cancelling its drain failed: ${message(error)}`,
          nodes: [n.node.id],
        });
      }
    }
    // The ones kept are finished the same way an evaluation finishes them.
    const undone = withNodesRestored(p.view, new Set(undo.map((n) => n.node.id)));
    events.push(
      ...(await progressRemovals({ nomad, groups, view: undone, policy: p.policy, id, now, dryRun })).events,
    );
  }
  return events;
}
