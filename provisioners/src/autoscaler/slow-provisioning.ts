// Machines that never become nodes. An instance launched longer ago than the provisioning
// timeout that no node matches counts as failed: it is terminated (it costs money and holds
// quota) and the pool backs off, so it is not asked for again at once. Desired size the cloud
// never turned into instances (a group stuck on quota) is handed back the same way: the group
// is set back to what it runs, so the pool isn't frozen waiting for it.
import type { NodeGroups } from "../cloud/node-groups.js";
import type { Backoffs } from "./backoff.js";
import type { DecisionFields } from "./decision-event.js";
import type { ResolvedPolicy } from "./policy.js";
import { withInstancesTerminated } from "./pool-decision.js";
import type { PoolView } from "./pool-view.js";
import { message } from "./removal.js";

export interface ProvisioningContext {
  readonly groups: NodeGroups;
  readonly backoffs: Backoffs;
  /** When each pool's desired size was last raised (kept by the autoscaler). */
  readonly raisedAt: Map<string, number>;
  readonly now: number;
  readonly dryRun: boolean;
}

export async function failSlowProvisioning(
  ctx: ProvisioningContext,
  view: PoolView,
  policy: ResolvedPolicy,
): Promise<{ readonly view: PoolView; readonly events: DecisionFields[] }> {
  const pool = view.name;
  const { now } = ctx;
  const timeout = policy.provisioningTimeoutMs;
  const raised = ctx.raisedAt.get(pool);
  if (view.launching.length === 0 && view.notYetCreated === 0) ctx.raisedAt.delete(pool);
  const events: DecisionFields[] = [];

  const late = view.launching.filter((i) => {
    const since = i.launchedAt ?? raised;
    return since !== undefined && now - since > timeout;
  });
  const failed = new Set<string>();
  for (const instance of late) {
    failed.add(instance.id);
    if (ctx.dryRun) continue;
    try {
      await ctx.groups.terminate(pool, instance.id);
    } catch (error) {
      events.push({
        pool,
        action: "error",
        reason: `terminating ${instance.id}, which never joined, failed: ${message(error)}`,
        nodes: [instance.id],
      });
    }
  }

  const stuck = view.group && raised !== undefined && now - raised > timeout ? view.notYetCreated : 0;
  if (stuck > 0 && view.group && !ctx.dryRun) {
    try {
      await ctx.groups.setDesired(pool, view.group.desired - stuck - failed.size);
    } catch (error) {
      events.push({
        pool,
        action: "error",
        reason: `handing back ${stuck} uncreated instance(s) failed: ${message(error)}`,
      });
    }
  }

  if (late.length + stuck > 0) {
    const what = [
      late.length > 0 ? `${late.length} instance(s) did not join within ${timeout / 1000}s` : "",
      stuck > 0 ? `the cloud did not create ${stuck} instance(s) within ${timeout / 1000}s` : "",
    ]
      .filter(Boolean)
      .join("; ");
    const b = ctx.backoffs.failed(pool, "provisioning-timeout", what, now);
    ctx.raisedAt.delete(pool);
    events.push({
      pool,
      action: "provisioning-timeout",
      failure: "provisioning-timeout",
      reason: `${what}: counted failed; no scale-up for ${Math.round((b.untilMs - now) / 1000)}s`,
      nodes: late.map((i) => i.id),
      numbers: { failedInstances: late.length, uncreated: stuck, untilMs: b.untilMs },
    });
  }
  // In a dry run nothing was terminated or handed back: the view stays as the cloud has it.
  if (ctx.dryRun) return { view, events };
  const remaining = withInstancesTerminated(view, failed);
  if (stuck === 0 || !remaining.group) return { view: remaining, events };
  return {
    view: {
      ...remaining,
      notYetCreated: 0,
      group: { ...remaining.group, desired: remaining.group.desired - stuck },
    },
    events,
  };
}
