// Each check of a policy gives its own verdict for one pool: up to N, down to N, or no
// change, with the numbers behind it. combine-checks.ts decides between them.
import type { ScalingCheck, ScalingMetric } from "../cloud/scaling-policy.js";
import { describePoolPlan, type PoolPlan } from "./pending-planner.js";
import type { PoolShape } from "./pool-shape.js";
import type { PoolView } from "./pool-view.js";
import type { Resources } from "./resources.js";

export type Direction = "up" | "down" | "none";

export interface CheckVerdict {
  readonly check: ScalingCheck["kind"];
  readonly direction: Direction;
  /** Nodes the check wants the pool to have (the active count when "none"). */
  readonly desired: number;
  readonly reason: string;
}

export interface CheckContext {
  readonly view: PoolView;
  readonly shape: PoolShape | undefined;
  /** Nodes the pool has or will soon have (pool-view.ts activeCount). */
  readonly active: number;
  readonly plan: PoolPlan | undefined;
  /** Nodes scale-in could remove now (only system work, nothing queued for them). */
  readonly removable: number;
}

function verdict(check: ScalingCheck["kind"], active: number, desired: number, reason: string): CheckVerdict {
  const direction: Direction = desired > active ? "up" : desired < active ? "down" : "none";
  return { check, direction, desired, reason };
}

function metricOf(r: Resources, metric: ScalingMetric): number {
  return metric === "cpu" ? r.cpuMhz : r.memoryMb;
}

/** Allocated percent of the metric over the nodes that stay: ready and joining. */
function allocatedPercent(ctx: CheckContext, metric: ScalingMetric): number | undefined {
  if (!ctx.shape || ctx.active === 0) return undefined;
  let allocated = 0;
  for (const nv of ctx.view.byCondition.ready) allocated += metricOf(nv.allocated, metric);
  for (const nv of ctx.view.byCondition.initializing) allocated += metricOf(nv.allocated, metric);
  // Launching machines count at the pool's shape, so a scale-up in flight lowers the percent.
  const capacity = ctx.active * metricOf(ctx.shape.capacity, metric);
  return capacity > 0 ? (100 * allocated) / capacity : undefined;
}

/** nomad-autoscaler's target-value tolerance: within 1% of the target is on target. */
const TARGET_TOLERANCE = 0.01;

export function evaluateCheck(check: ScalingCheck, ctx: CheckContext): CheckVerdict {
  const { active } = ctx;
  switch (check.kind) {
    case "pending-work": {
      if (ctx.plan && ctx.plan.newNodes > 0) {
        return verdict(
          check.kind,
          active,
          active + ctx.plan.newNodes,
          describePoolPlan(ctx.plan, ctx.shape?.name ?? "node"),
        );
      }
      if (ctx.removable > 0) {
        return verdict(
          check.kind,
          active,
          active - ctx.removable,
          `${ctx.removable} node(s) run no service or batch work and nothing queued needs them`,
        );
      }
      return verdict(check.kind, active, active, "queued work fits on ready and launching nodes");
    }
    case "target-value": {
      const percent = allocatedPercent(ctx, check.metric);
      if (percent === undefined)
        return verdict(check.kind, active, active, `no ${check.metric} capacity to measure yet`);
      const text = `allocated ${check.metric} ${percent.toFixed(1)}% of ${active} node(s), target ${check.target}%`;
      if (Math.abs(percent / check.target - 1) <= TARGET_TOLERANCE)
        return verdict(check.kind, active, active, text);
      const desired = Math.ceil((active * percent) / check.target);
      return verdict(check.kind, active, desired, `${text}: ${desired} node(s)`);
    }
    case "threshold": {
      const percent = allocatedPercent(ctx, check.metric);
      if (percent === undefined)
        return verdict(check.kind, active, active, `no ${check.metric} capacity to measure yet`);
      const within =
        (check.lowerBound === undefined || percent >= check.lowerBound) &&
        (check.upperBound === undefined || percent < check.upperBound);
      const bounds = `[${check.lowerBound ?? "-∞"}, ${check.upperBound ?? "∞"})`;
      const text = `allocated ${check.metric} ${percent.toFixed(1)}%`;
      return within
        ? verdict(
            check.kind,
            active,
            Math.max(0, active + check.delta),
            `${text} is within ${bounds}: ${check.delta > 0 ? "+" : ""}${check.delta}`,
          )
        : verdict(check.kind, active, active, `${text} is outside ${bounds}`);
    }
  }
}
