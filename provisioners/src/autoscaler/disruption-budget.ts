// How many nodes of a pool may be on their way out at once. Budgets follow Karpenter's: the
// most restrictive budget that applies right now wins; a budget with a window applies only
// while its window is open; outside every window the unscheduled budgets apply, and when no
// budget applies at all the default (10%, at least one node) does, so a pool whose only
// budget is "0 nodes during business hours" still scales in at night.
import { POLICY_DEFAULTS, type ResolvedBudget, type ResolvedPolicy } from "./policy.js";

export interface BudgetAllowance {
  /** Nodes that may be removing at once, counting the ones already draining. */
  readonly nodes: number;
  /** Which budget set it, for the decision log. */
  readonly reason: string;
}

/** Whether the window opened at most `durationMs` ago. Cron has whole-second precision. */
export function windowOpen(budget: ResolvedBudget, now: number): boolean {
  if (!budget.window) return true;
  const { cron, durationMs } = budget.window;
  // next() is strictly after its argument, so start just before the earliest open time.
  const opened = cron.next(new Date(now - durationMs));
  return opened !== undefined && opened.getTime() <= now;
}

function sizeOf(budget: ResolvedBudget, activeNodes: number): number {
  return budget.size.kind === "count"
    ? budget.size.nodes
    : Math.ceil((activeNodes * budget.size.percent) / 100);
}

function describe(budget: ResolvedBudget): string {
  const size = budget.size.kind === "count" ? `${budget.size.nodes} node(s)` : `${budget.size.percent}%`;
  return budget.window ? `budget ${size} in window ${budget.window.text}` : `budget ${size}`;
}

/** The allowance at `now` for a pool with `activeNodes` nodes (percentages are of those). */
export function disruptionAllowance(
  policy: ResolvedPolicy,
  activeNodes: number,
  now: number,
): BudgetAllowance {
  const applying = policy.disruption.filter((b) => windowOpen(b, now));
  const budgets = applying.length > 0 ? applying : resolvedDefault();
  let best: BudgetAllowance | undefined;
  for (const budget of budgets) {
    const nodes = sizeOf(budget, activeNodes);
    if (!best || nodes < best.nodes) best = { nodes, reason: describe(budget) };
  }
  return best ?? { nodes: 0, reason: "no budget" };
}

function resolvedDefault(): ResolvedBudget[] {
  return POLICY_DEFAULTS.disruption.map((b) =>
    typeof b.nodes === "number"
      ? { size: { kind: "count", nodes: b.nodes } }
      : { size: { kind: "percent", percent: Number(b.nodes.slice(0, -1)) } },
  );
}
