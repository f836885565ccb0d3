// Typed accessors over the schema's semantics (overlay/semantics.json): what some enum
// values mean to Nomad. The generator checks each fact against the enum it describes, and
// the value types (CheckType, JobType, …) are generated from the same enums, so a caller
// can't ask about a value Nomad lacks.
import type { StatusValues } from "./api-types.generated.js";
import { nomadSchema } from "./load.js";
import type { AllocationOperator, CheckType, JobType, PlacementOperator } from "./specs.generated.js";
import type { OperatorSemantics, SemanticsSchema } from "./types.js";

const semantics = (): SemanticsSchema => nomadSchema().semantics;

function keysWhere<T extends string, F>(facts: Record<string, F>, test: (f: F) => boolean): readonly T[] {
  return Object.entries(facts).flatMap(([k, f]) => (test(f) ? [k as T] : []));
}

const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
}

/** Every service check type (ServiceCheck.type). */
export function checkTypes(): readonly CheckType[] {
  return once("checkTypes", () => Object.keys(semantics().checkTypes) as CheckType[]);
}

/** Whether a string is a service check type Nomad knows. */
export function isCheckType(type: string): type is CheckType {
  return Object.hasOwn(semantics().checkTypes, type);
}

/** Check types that reach the service over the network, so they need a port. */
export function portedCheckTypes(): readonly CheckType[] {
  return once("ported", () =>
    keysWhere<CheckType, { needsPort: boolean }>(semantics().checkTypes, (f) => f.needsPort),
  );
}

/** Check types Nomad's own service provider (`provider = "nomad"`) runs. */
export function nomadProviderCheckTypes(): readonly CheckType[] {
  return once("nomadChecks", () =>
    keysWhere<CheckType, { nomadProvider: boolean }>(semantics().checkTypes, (f) => f.nomadProvider),
  );
}

/** What a job type means to the scheduler; undefined for a type Nomad lacks. */
export function jobTypeFacts(type: string): { launched: boolean; perNode: boolean } | undefined {
  return Object.hasOwn(semantics().jobTypes, type) ? semantics().jobTypes[type] : undefined;
}

/** Every job type (Job.type). */
export function jobTypes(): readonly JobType[] {
  return once("jobTypes", () => Object.keys(semantics().jobTypes) as JobType[]);
}

/** Job types that run to completion (batch-like), so a job may be periodic or parameterized. */
export function launchedJobTypes(): readonly JobType[] {
  return once("launched", () =>
    keysWhere<JobType, { launched: boolean }>(semantics().jobTypes, (f) => f.launched),
  );
}

/** Job types the system scheduler places, one allocation per eligible node. */
export function perNodeJobTypes(): readonly JobType[] {
  return once("perNode", () =>
    keysWhere<JobType, { perNode: boolean }>(semantics().jobTypes, (f) => f.perNode),
  );
}

/** What Nomad's Constraint.Validate requires of an operator; undefined for an operator Nomad lacks. */
export function operatorSemantics(operator: string): OperatorSemantics | undefined {
  return Object.hasOwn(semantics().operators, operator) ? semantics().operators[operator] : undefined;
}

/** Operators whose value Nomad requires (an empty one is refused). */
export function operatorsNeedingValue(): readonly PlacementOperator[] {
  return once("needsValue", () =>
    keysWhere<PlacementOperator, OperatorSemantics>(semantics().operators, (o) => o.value === "required"),
  );
}

/** Operators that take no value at all. */
export function operatorsWithoutValue(): readonly PlacementOperator[] {
  return once("noValue", () =>
    keysWhere<PlacementOperator, OperatorSemantics>(semantics().operators, (o) => o.value === "none"),
  );
}

/** Operators that place allocations, not tasks: only a job or a group may use them. */
export function operatorsPlacingAllocations(): readonly AllocationOperator[] {
  return once("allocations", () =>
    keysWhere<AllocationOperator, OperatorSemantics>(semantics().operators, (o) => o.allocations === true),
  );
}

/** jobspec2's one-line operator attributes (`version = ">= 1.2"`), in the order it applies them. */
export function placementShorthands(kind: "Constraint" | "Affinity"): readonly PlacementOperator[] {
  const s = semantics().shorthands;
  return (kind === "Constraint" ? s.constraint : s.affinity) as PlacementOperator[];
}

/** Shorthands jobspec2's constraint spec accepts but never applies: written, they change nothing. */
export function ignoredConstraintShorthands(): readonly PlacementOperator[] {
  return semantics().shorthands.ignoredConstraint as PlacementOperator[];
}

/** The roots of `${root.name}` references that get resolved: HCL variables, then the client's. */
export function interpolationRoots(): readonly string[] {
  return once("roots", () => semantics().interpolationRoots.map((r) => r.name));
}

/** The values a status of an API object takes ("evaluation" → Evaluation.Status). */
export function statusValues<K extends keyof StatusValues>(name: K): readonly StatusValues[K][] {
  return statusOf(name).values as StatusValues[K][];
}

/** The statuses after which the object no longer changes (an evaluation that is complete, …). */
export function terminalStatuses<K extends keyof StatusValues>(name: K): ReadonlySet<StatusValues[K]> {
  return once(`terminal:${name}`, () => new Set(statusOf(name).terminal as StatusValues[K][]));
}

function statusOf(name: keyof StatusValues) {
  const facts = semantics().statuses[name];
  if (!facts) throw new Error(`bug: no status set "${name}" in the Nomad schema`);
  return facts;
}
