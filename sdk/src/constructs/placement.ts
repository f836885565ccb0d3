// Typed targets and rules for constraint, affinity and spread. A target is one of the
// runtime values Nomad knows about a client node, so a typo in `${attr.…}` style
// strings becomes a call that either exists or doesn't. The rules have the shape of
// the schema's Constraint/Affinity/Spread specs and are converted like any other spec.

import type { AllocationOperator, OperatorAlias, PlacementOperator } from "../schema/specs.generated.js";

/** A node property Nomad interpolates at placement time. */
export type Target = `\${attr.${string}}` | `\${meta.${string}}` | `\${node.${NodeField}}`;

/** Node properties a constraint can target (Nomad refuses `${node.region}` there: a job runs in one region). */
export type NodeField = "unique.id" | "unique.name" | "datacenter" | "class" | "pool";

/** A fingerprinted node attribute, e.g. `attr("kernel.name")` → `${attr.kernel.name}`. */
export function attr(name: string): Target {
  return `\${attr.${name}}`;
}

/** Client meta set in the agent config or by `nomad node meta apply`, e.g. `meta("disk_type")`. */
export function meta(key: string): Target {
  return `\${meta.${key}}`;
}

/** Built-in node properties. */
export const node = {
  id: "${node.unique.id}",
  name: "${node.unique.name}",
  datacenter: "${node.datacenter}",
  class: "${node.class}",
  pool: "${node.pool}",
} as const satisfies Record<string, Target>;

/** Comparison operators, from the schema; the aliases ("==", "is", "not") and the
 * operators that place allocations are left to their own helpers. */
export type ConstraintOperator = Exclude<PlacementOperator, OperatorAlias | AllocationOperator>;

/** One placement rule. Build it with the `Constraint` helpers. */
export interface ConstraintRule {
  readonly attribute?: Target;
  readonly operator: ConstraintOperator | AllocationOperator;
  readonly value?: string;
}

const rule = (attribute: Target, operator: ConstraintOperator, value?: string): ConstraintRule =>
  value === undefined ? { attribute, operator } : { attribute, operator, value };

/** Constraints: where a job, group or task may run. Nodes that fail one are never used. */
export const Constraint = {
  equals: (target: Target, value: string) => rule(target, "=", value),
  notEquals: (target: Target, value: string) => rule(target, "!=", value),
  greaterThan: (target: Target, value: string) => rule(target, ">", value),
  atLeast: (target: Target, value: string) => rule(target, ">=", value),
  lessThan: (target: Target, value: string) => rule(target, "<", value),
  atMost: (target: Target, value: string) => rule(target, "<=", value),
  /** The target matches an RE2 regular expression. */
  regexp: (target: Target, pattern: string) => rule(target, "regexp", pattern),
  /** The target satisfies a version range such as ">= 1.2, < 2.0" (go-version rules). */
  version: (target: Target, range: string) => rule(target, "version", range),
  /** The target satisfies a strict Semantic Versioning range. */
  semver: (target: Target, range: string) => rule(target, "semver", range),
  /** The comma-separated target contains every one of the values. */
  setContainsAll: (target: Target, values: readonly string[]) =>
    rule(target, "set_contains_all", values.join(",")),
  /** The comma-separated target contains at least one of the values. */
  setContainsAny: (target: Target, values: readonly string[]) =>
    rule(target, "set_contains_any", values.join(",")),
  isSet: (target: Target) => rule(target, "is_set"),
  isNotSet: (target: Target) => rule(target, "is_not_set"),
  /** No two allocations of this job (or group) on one node. */
  distinctHosts: (): ConstraintRule => ({ operator: "distinct_hosts", value: "true" }),
  /** At most `limit` allocations per distinct value of the target. */
  distinctProperty: (target: Target, limit?: number): ConstraintRule =>
    limit === undefined
      ? { attribute: target, operator: "distinct_property" }
      : { attribute: target, operator: "distinct_property", value: String(limit) },
};

/** A soft preference: nodes that match score higher (weight -100…100, never 0). */
export interface AffinityRule {
  readonly attribute: Target;
  readonly operator: ConstraintOperator;
  readonly value?: string;
  readonly weight: number;
}

export const Affinity = {
  /** Prefer (positive weight) or avoid (negative weight) nodes where the target equals the value. */
  equals: (target: Target, value: string, weight = 50): AffinityRule => ({
    attribute: target,
    operator: "=",
    value,
    weight,
  }),
  regexp: (target: Target, pattern: string, weight = 50): AffinityRule => ({
    attribute: target,
    operator: "regexp",
    value: pattern,
    weight,
  }),
  setContainsAny: (target: Target, values: readonly string[], weight = 50): AffinityRule => ({
    attribute: target,
    operator: "set_contains_any",
    value: values.join(","),
    weight,
  }),
};

/** Spread allocations across the values of a target, optionally with target percentages. */
export interface SpreadRule {
  readonly attribute: Target;
  readonly weight?: number;
  /** Named `target` like the HCL block it becomes. */
  readonly target?: ReadonlyArray<{ value: string; percent: number }>;
}

export function spread(
  target: Target,
  options: { weight?: number; targets?: Record<string, number> } = {},
): SpreadRule {
  const targets = options.targets
    ? Object.entries(options.targets).map(([value, percent]) => ({ value, percent }))
    : undefined;
  return {
    attribute: target,
    ...(options.weight === undefined ? {} : { weight: options.weight }),
    ...(targets ? { target: targets } : {}),
  };
}
