// A pool's ScalingPolicy with every default filled in and every duration parsed, checked once
// when the autoscaler starts, so the evaluation loop never meets a bad value.
import { type CronExpression, parseCron, parseDuration } from "nomadkit";
import type { DisruptionBudget, ScalingCheck, ScalingPolicy } from "../cloud/scaling-policy.js";
import type { PoolSpec } from "./pool-spec.js";

/** The defaults, and why each is what it is. */
export const POLICY_DEFAULTS = {
  /** Queued work is the signal that never lies about what is missing. */
  checks: [{ kind: "pending-work" }] as readonly ScalingCheck[],
  /** nomad-autoscaler's default evaluation interval. */
  evaluationInterval: "30s",
  /**
   * Short: launching instances are counted, so a second scale-up in a row can't overshoot;
   * the wait only spaces out calls to the cloud.
   */
  cooldownUp: "1m",
  /**
   * Long: after any scale action, wait before removing nodes, so work that was just placed
   * or is about to be isn't chased off a node (cluster-autoscaler's scale-down-delay-after-add).
   */
  cooldownDown: "5m",
  drainDeadline: "15m",
  ignoreSystemJobs: true,
  /** Long enough for a VM to boot and a client to register, short enough to notice a bad image. */
  provisioningTimeout: "10m",
  /** When no budget applies: a tenth of the pool (rounded up, so at least one node) at once. */
  disruption: [{ nodes: "10%" }] as readonly DisruptionBudget[],
} as const;

export type BudgetSize =
  | { readonly kind: "count"; readonly nodes: number }
  | { readonly kind: "percent"; readonly percent: number };

export interface ResolvedBudget {
  readonly size: BudgetSize;
  readonly window?: { readonly cron: CronExpression; readonly durationMs: number; readonly text: string };
}

export interface ResolvedPolicy {
  readonly pool: string;
  readonly min: number;
  readonly max: number;
  readonly evaluationIntervalMs: number;
  readonly cooldownUpMs: number;
  readonly cooldownDownMs: number;
  readonly checks: readonly ScalingCheck[];
  readonly disruption: readonly ResolvedBudget[];
  readonly drainDeadlineMs: number;
  readonly ignoreSystemJobs: boolean;
  readonly provisioningTimeoutMs: number;
}

export type PolicyResult =
  | { readonly ok: true; readonly policy: ResolvedPolicy }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Resolves a pool's policy; every problem at once, each naming the pool and the field. */
export function resolvePolicy(spec: PoolSpec): PolicyResult {
  const problems: string[] = [];
  const at = (field: string) => `pool "${spec.name}" policy ${field}`;
  const policy: ScalingPolicy = spec.policy ?? {};
  const duration = (field: string, text: string | undefined, fallback: string): number => {
    const parsed = parseDuration(text ?? fallback);
    if (!parsed.ok) {
      problems.push(`${at(field)}: ${parsed.message}`);
      return 0;
    }
    if (parsed.nanoseconds < 0) problems.push(`${at(field)}: must not be negative, got "${text}"`);
    return parsed.nanoseconds / 1e6;
  };
  const count = (field: string, value: number): number => {
    if (!Number.isInteger(value) || value < 0)
      problems.push(`${at(field)}: must be a whole number ≥ 0, got ${value}`);
    return value;
  };

  const min = count("min", policy.min ?? spec.min);
  const max = count("max", policy.max ?? spec.max);
  if (min > max) problems.push(`${at("min")}: ${min} is above max ${max}`);
  if (min < spec.min) problems.push(`${at("min")}: ${min} is below the pool's min ${spec.min}`);
  if (max > spec.max) problems.push(`${at("max")}: ${max} is above the pool's max ${spec.max}`);

  const checks = policy.checks ?? POLICY_DEFAULTS.checks;
  if (checks.length === 0)
    problems.push(`${at("checks")}: give at least one check, or leave checks out for pending-work`);
  checks.forEach((check, i) => {
    for (const p of checkProblems(check)) problems.push(`${at(`checks[${i}]`)}: ${p}`);
  });

  const disruption = (policy.disruption ?? POLICY_DEFAULTS.disruption).map((budget, i) =>
    resolveBudget(budget, `${at(`disruption[${i}]`)}`, problems),
  );

  const resolved: ResolvedPolicy = {
    pool: spec.name,
    min,
    max,
    evaluationIntervalMs: duration(
      "evaluationInterval",
      policy.evaluationInterval,
      POLICY_DEFAULTS.evaluationInterval,
    ),
    cooldownUpMs: duration("cooldown.up", policy.cooldown?.up, POLICY_DEFAULTS.cooldownUp),
    cooldownDownMs: duration("cooldown.down", policy.cooldown?.down, POLICY_DEFAULTS.cooldownDown),
    checks,
    disruption: disruption.filter((b): b is ResolvedBudget => b !== undefined),
    drainDeadlineMs: duration("drain.deadline", policy.drain?.deadline, POLICY_DEFAULTS.drainDeadline),
    ignoreSystemJobs: policy.drain?.ignoreSystemJobs ?? POLICY_DEFAULTS.ignoreSystemJobs,
    provisioningTimeoutMs: duration(
      "provisioningTimeout",
      policy.provisioningTimeout,
      POLICY_DEFAULTS.provisioningTimeout,
    ),
  };
  if (resolved.evaluationIntervalMs <= 0 && problems.length === 0)
    problems.push(`${at("evaluationInterval")}: must be longer than 0s`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy: resolved };
}

function checkProblems(check: ScalingCheck): string[] {
  const percent = (name: string, v: number | undefined) =>
    v !== undefined && !(Number.isFinite(v) && v >= 0) ? [`${name} must be a percentage ≥ 0, got ${v}`] : [];
  switch (check.kind) {
    case "pending-work":
      return [];
    case "target-value":
      return check.target > 0 && Number.isFinite(check.target)
        ? []
        : [`target must be a percentage above 0, got ${check.target}`];
    case "threshold": {
      const problems = [
        ...percent("lowerBound", check.lowerBound),
        ...percent("upperBound", check.upperBound),
      ];
      if (!Number.isInteger(check.delta) || check.delta === 0)
        problems.push(`delta must be a whole number other than 0, got ${check.delta}`);
      if (check.lowerBound === undefined && check.upperBound === undefined)
        problems.push("give lowerBound, upperBound or both");
      if (
        check.lowerBound !== undefined &&
        check.upperBound !== undefined &&
        check.lowerBound >= check.upperBound
      )
        problems.push(`lowerBound ${check.lowerBound} must be below upperBound ${check.upperBound}`);
      return problems;
    }
  }
}

function resolveBudget(budget: DisruptionBudget, at: string, problems: string[]): ResolvedBudget | undefined {
  const before = problems.length;
  let size: BudgetSize = { kind: "count", nodes: 0 };
  if (typeof budget.nodes === "number") {
    if (!Number.isInteger(budget.nodes) || budget.nodes < 0)
      problems.push(
        `${at} nodes: must be a whole number ≥ 0 or a percentage such as "10%", got ${budget.nodes}`,
      );
    size = { kind: "count", nodes: budget.nodes };
  } else {
    const percent = Number(budget.nodes.slice(0, -1));
    if (!budget.nodes.endsWith("%") || !Number.isFinite(percent) || percent < 0 || percent > 100)
      problems.push(`${at} nodes: "${budget.nodes}" is not a percentage between "0%" and "100%"`);
    size = { kind: "percent", percent };
  }
  if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
    problems.push(`${at}: schedule and duration go together: give both or neither`);
    return undefined;
  }
  if (budget.schedule === undefined || budget.duration === undefined) {
    return problems.length > before ? undefined : { size };
  }
  const cron = parseCron(budget.schedule);
  if (!cron.ok) problems.push(`${at} schedule: ${cron.problem}`);
  const duration = parseDuration(budget.duration);
  if (!duration.ok) problems.push(`${at} duration: ${duration.message}`);
  if (!cron.ok || !duration.ok || problems.length > before) return undefined;
  return {
    size,
    window: {
      cron: cron.cron,
      durationMs: duration.nanoseconds / 1e6,
      text: `"${budget.schedule}" for ${budget.duration}`,
    },
  };
}
