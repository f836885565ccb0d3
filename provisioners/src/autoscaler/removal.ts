// Scale-in, node by node, with its state kept in Nomad rather than in memory: the drain meta
// says a node is ours, when we started and the deadline. Starting: every chosen node is made
// ineligible first (so draining one never moves work onto another that is leaving), then each
// is drained. Each later pass reads the snapshot and moves every node of ours one step on:
// drain done → terminate its instance → purge the node once it is down. A crash anywhere leaves nothing that
// the next pass (or reconcile) can't read back from Nomad and the cloud.
import type { NodeGroups } from "../cloud/node-groups.js";
import type { DecisionFields } from "./decision-event.js";
import type { ResolvedPolicy } from "./policy.js";
import type { NodeView, PoolView } from "./pool-view.js";
import { DRAIN_META_KEY, type NomadPort } from "./ports.js";

export const DRAIN_META = {
  owner: DRAIN_META_KEY,
  reason: `${DRAIN_META_KEY}.reason`,
  startedAt: `${DRAIN_META_KEY}.started_at`,
  deadlineAt: `${DRAIN_META_KEY}.deadline_at`,
} as const;

/** After the deadline Nomad stops what is left; give it this long before calling a drain stuck. */
export const DRAIN_GRACE_MS = 2 * 60_000;

export interface RemovalContext {
  readonly nomad: NomadPort;
  readonly groups: NodeGroups;
  readonly view: PoolView;
  readonly policy: ResolvedPolicy;
  /** The autoscaler's identity, written in and matched against drain meta. */
  readonly id: string;
  readonly now: number;
  readonly dryRun: boolean;
}

/** Nodes of the pool that this autoscaler is removing: ours by drain meta, not back in service. */
export function nodesBeingRemoved(view: PoolView, id: string): NodeView[] {
  return view.nodes.filter(
    (n) =>
      n.condition !== "ready" && n.condition !== "initializing" && n.node.drainMeta[DRAIN_META.owner] === id,
  );
}

/** When this autoscaler last started removing a node of the pool, from the drain meta. */
export function lastRemovalStart(view: PoolView, id: string): number {
  let last = 0;
  for (const n of nodesBeingRemoved(view, id))
    last = Math.max(last, Number(n.node.drainMeta[DRAIN_META.startedAt]) || 0);
  return last;
}

export async function startRemovals(
  ctx: RemovalContext,
  nodes: readonly NodeView[],
  reason: string,
): Promise<DecisionFields[]> {
  const pool = ctx.view.name;
  if (ctx.dryRun || nodes.length === 0) return [];
  const events: DecisionFields[] = [];
  const marked: NodeView[] = [];
  for (const n of nodes) {
    try {
      await ctx.nomad.setEligibility(n.node.id, false);
      marked.push(n);
    } catch (error) {
      events.push({
        pool,
        action: "error",
        reason: `marking node ${n.node.name} ineligible failed: ${message(error)}`,
        nodes: [n.node.id],
      });
    }
  }
  const meta = {
    [DRAIN_META.owner]: ctx.id,
    [DRAIN_META.reason]: reason,
    [DRAIN_META.startedAt]: String(ctx.now),
    [DRAIN_META.deadlineAt]: String(ctx.now + ctx.policy.drainDeadlineMs),
  };
  for (const n of marked) {
    try {
      await ctx.nomad.drain(n.node.id, {
        deadlineMs: ctx.policy.drainDeadlineMs,
        ignoreSystemJobs: ctx.policy.ignoreSystemJobs,
        meta,
      });
      events.push({
        pool,
        action: "drain",
        reason: `draining ${n.node.name} (deadline ${ctx.policy.drainDeadlineMs / 1000}s): ${reason}`,
        nodes: [n.node.id],
        numbers: { deadlineMs: ctx.policy.drainDeadlineMs },
      });
    } catch (error) {
      events.push({
        pool,
        action: "error",
        reason: `draining node ${n.node.name} failed: ${message(error)}`,
        nodes: [n.node.id],
      });
    }
  }
  return events;
}

export interface RemovalProgress {
  readonly events: DecisionFields[];
  /** Instances terminated in this step. */
  readonly terminated: ReadonlySet<string>;
}

/** Moves each node of ours one step on: finished drains are terminated, then purged once down. */
export async function progressRemovals(ctx: RemovalContext): Promise<RemovalProgress> {
  const pool = ctx.view.name;
  const events: DecisionFields[] = [];
  const terminated = new Set<string>();
  for (const n of nodesBeingRemoved(ctx.view, ctx.id)) {
    const deadline = Number(n.node.drainMeta[DRAIN_META.deadlineAt]) || 0;
    if (n.condition === "draining") {
      if (deadline > 0 && ctx.now > deadline + DRAIN_GRACE_MS) {
        events.push(
          await cancel(
            ctx,
            n,
            `drain of ${n.node.name} is still running ${Math.round((ctx.now - deadline) / 1000)}s after its deadline`,
          ),
        );
      }
      continue;
    }
    // Drain done (or the node is down). Never terminate a node that still runs work.
    if (n.workAllocCount > 0 && n.condition !== "down") {
      events.push(
        await cancel(
          ctx,
          n,
          `${n.node.name} runs ${n.workAllocCount} service/batch allocation(s) after its drain`,
        ),
      );
      continue;
    }
    if (ctx.dryRun) {
      events.push({ pool, action: "terminate", reason: `${n.node.name} is drained`, nodes: [n.node.id] });
      continue;
    }
    try {
      // A client whose machine is still shutting down would re-register right after a purge,
      // so the node is purged on a later pass, once it is down or its instance is gone.
      if (n.instance) {
        await ctx.groups.terminate(pool, n.instance.id);
        terminated.add(n.instance.id);
        events.push({
          pool,
          action: "terminate",
          reason: `${n.node.name} is drained: terminated instance ${n.instance.id}`,
          nodes: [n.instance.id],
        });
        continue;
      }
      if (n.condition !== "down" && instanceTerminating(ctx.view, n)) continue;
      await ctx.nomad.purge(n.node.id);
      events.push({
        pool,
        action: "purge",
        reason: `purged node ${n.node.name} (${n.condition === "down" ? "down" : "its instance is gone"})`,
        nodes: [n.node.id],
      });
    } catch (error) {
      events.push({
        pool,
        action: "error",
        reason: `removing ${n.node.name} failed, will retry: ${message(error)}`,
        nodes: [n.node.id],
      });
    }
  }
  return { events, terminated };
}

/** The node's instance is still shutting down (the view matches only live instances to nodes). */
function instanceTerminating(view: PoolView, n: NodeView): boolean {
  return (view.group?.instances ?? []).some(
    (i) => i.phase === "terminating" && (i.id === n.node.instanceId || i.privateIp === n.node.address),
  );
}

async function cancel(ctx: RemovalContext, n: NodeView, reason: string): Promise<DecisionFields> {
  const pool = ctx.view.name;
  if (ctx.dryRun) return { pool, action: "cancel-drain", reason, nodes: [n.node.id] };
  try {
    await ctx.nomad.cancelDrain(n.node.id);
    return { pool, action: "cancel-drain", reason: `${reason}: back in service`, nodes: [n.node.id] };
  } catch (error) {
    return {
      pool,
      action: "error",
      reason: `${reason}; cancelling the drain failed: ${message(error)}`,
      nodes: [n.node.id],
    };
  }
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
