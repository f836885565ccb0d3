// Scale-out is one call: raise the group's desired size by what the decision adds. The
// decision already counts launching instances and desired size the cloud hasn't created, so
// repeating it while machines boot asks for nothing more.
import type { NodeGroupState, NodeGroups } from "../cloud/node-groups.js";
import type { Backoffs } from "./backoff.js";
import { failureKindOf } from "./backoff.js";
import type { PoolDecision } from "./combine-checks.js";
import type { DecisionFields } from "./decision-event.js";
import { message } from "./removal.js";

export async function scaleOut(args: {
  readonly groups: NodeGroups;
  readonly group: NodeGroupState;
  readonly decision: PoolDecision;
  readonly backoffs: Backoffs;
  readonly now: number;
  readonly dryRun: boolean;
}): Promise<{ readonly events: DecisionFields[]; readonly raised: boolean }> {
  const { groups, group, decision, backoffs, now, dryRun } = args;
  const pool = group.pool;
  const add = decision.to - decision.from;
  const desired = Math.min(group.max, group.desired + add);
  const capped = desired < group.desired + add ? ` (the cloud group's max is ${group.max})` : "";
  if (desired <= group.desired) {
    return {
      events: [
        {
          pool,
          action: "none",
          reason: `${decision.reason}, but ${group.groupName} is at its max ${group.max}`,
          from: decision.from,
          to: decision.from,
        },
      ],
      raised: false,
    };
  }
  const event: DecisionFields = {
    pool,
    action: "scale-up",
    reason: `${decision.reason}${capped}`,
    from: decision.from,
    to: decision.from + (desired - group.desired),
    numbers: { groupDesiredBefore: group.desired, groupDesiredAfter: desired },
  };
  if (dryRun) return { events: [event], raised: false };
  try {
    await groups.setDesired(pool, desired);
    backoffs.succeeded(pool);
    return { events: [event], raised: true };
  } catch (error) {
    const b = backoffs.failed(pool, failureKindOf(error), message(error), now);
    return {
      events: [
        {
          pool,
          action: "backoff",
          failure: b.kind,
          reason: `raising ${group.groupName} to ${desired} failed (${b.kind}): ${b.message}; no scale-up for ${Math.round((b.untilMs - now) / 1000)}s`,
          numbers: { untilMs: b.untilMs, failures: b.failures },
        },
      ],
      raised: false,
    };
  }
}
