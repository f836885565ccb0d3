// Whether queued work may run on a node, or on a node a pool would launch: node pool,
// datacenters and constraints, the way Nomad's feasibility checkers decide. A node the pool
// has not launched yet is a template whose attributes may be unknown; a constraint that can't
// be decided is assumed to hold and reported, so the autoscaler errs towards capacity.
import type { NodeDevice, NodeState, PendingWork, PlacementConstraint } from "./snapshot.js";

/** The facts a constraint can read about a node, real or to be launched. */
export interface PlacementTarget {
  readonly pool: string;
  readonly datacenter: string;
  readonly nodeClass: string;
  readonly name?: string;
  readonly id?: string;
  readonly meta: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, string>>;
  /** True for a template: an attribute it doesn't list is unknown rather than absent. */
  readonly attributesUnknown?: boolean;
  readonly devices: readonly NodeDevice[];
}

/** A registered node is its own target: every attribute it has, Nomad has fingerprinted. */
export function targetOfNode(node: NodeState): PlacementTarget {
  return node;
}

export type Feasibility =
  | { readonly ok: true; readonly assumed: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Nomad's datacenter globs: `*` matches any run of characters, nothing else is special. */
export function globMatches(pattern: string, text: string): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*")) return pattern === text;
  return globRegExp(pattern).test(text);
}

// Compiled once per pattern: a planner pass asks the same few patterns about thousands of nodes.
const compiledGlobs = new Map<string, RegExp>();

function globRegExp(pattern: string): RegExp {
  let re = compiledGlobs.get(pattern);
  if (!re) {
    const source = pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${source}$`);
    compiledGlobs.set(pattern, re);
  }
  return re;
}

/** Nomad's "all" pool reaches every node pool. */
export function poolMatches(workPool: string, nodePool: string): boolean {
  return workPool === "all" || workPool === nodePool;
}

type Resolved = { known: true; value: string | undefined } | { known: false };

const INTERPOLATION = /^\$\{(.+)\}$/;

function resolve(text: string, target: PlacementTarget): Resolved {
  const match = INTERPOLATION.exec(text);
  if (!match) return { known: true, value: text };
  const path = match[1] as string;
  if (path.startsWith("meta.")) return { known: true, value: target.meta[path.slice(5)] };
  if (path.startsWith("attr.")) {
    const value = target.attributes[path.slice(5)];
    return value !== undefined || !target.attributesUnknown ? { known: true, value } : { known: false };
  }
  switch (path) {
    case "node.class":
      return { known: true, value: target.nodeClass };
    case "node.datacenter":
      return { known: true, value: target.datacenter };
    case "node.pool":
      return { known: true, value: target.pool };
    case "node.unique.name":
      return target.name === undefined ? { known: false } : { known: true, value: target.name };
    case "node.unique.id":
      return target.id === undefined ? { known: false } : { known: true, value: target.id };
    default:
      return { known: false };
  }
}

function setOf(text: string): string[] {
  return text.split(",").map((s) => s.trim());
}

/** true / false, or undefined when this checker can't decide (unknown operand or target). */
export function constraintHolds(c: PlacementConstraint, target: PlacementTarget): boolean | undefined {
  const operand = c.operand || "=";
  // The planner spreads these itself (distinct_hosts) or can't know (distinct_property).
  if (operand === "distinct_hosts") return true;
  const l = resolve(c.ltarget, target);
  if (!l.known) return undefined;
  if (operand === "is_set") return l.value !== undefined;
  if (operand === "is_not_set") return l.value === undefined;
  const r = resolve(c.rtarget, target);
  if (!r.known) return undefined;
  switch (operand) {
    case "=":
    case "==":
    case "is":
      return l.value !== undefined && r.value !== undefined && l.value === r.value;
    case "!=":
    case "not":
      return l.value !== r.value;
    case "regexp":
      if (l.value === undefined || r.value === undefined) return false;
      try {
        return new RegExp(r.value).test(l.value);
      } catch {
        return undefined;
      }
    case "set_contains":
    case "set_contains_all": {
      if (l.value === undefined || r.value === undefined) return false;
      const have = new Set(setOf(l.value));
      return setOf(r.value).every((v) => have.has(v));
    }
    case "set_contains_any": {
      if (l.value === undefined || r.value === undefined) return false;
      const have = new Set(setOf(l.value));
      return setOf(r.value).some((v) => have.has(v));
    }
    default:
      return undefined;
  }
}

function describeConstraint(c: PlacementConstraint): string {
  return `${c.ltarget} ${c.operand || "="} ${JSON.stringify(c.rtarget)}`.trim();
}

/** Whether `work` may run on `target`, ignoring resources. */
export function feasible(work: PendingWork, target: PlacementTarget): Feasibility {
  if (!poolMatches(work.nodePool, target.pool))
    return { ok: false, reason: `it runs in node pool "${work.nodePool}"` };
  if (work.datacenters.length > 0 && !work.datacenters.some((dc) => globMatches(dc, target.datacenter)))
    return {
      ok: false,
      reason: `datacenter "${target.datacenter}" is not in [${work.datacenters.join(", ")}]`,
    };
  const assumed: string[] = [];
  for (const c of work.constraints) {
    const holds = constraintHolds(c, target);
    if (holds === false) return { ok: false, reason: `constraint ${describeConstraint(c)} does not hold` };
    if (holds === undefined) assumed.push(`assumed ${describeConstraint(c)} holds`);
  }
  return { ok: true, assumed };
}

/** Whether the work wants each copy on its own node. */
export function wantsDistinctHosts(work: PendingWork): boolean {
  return work.constraints.some((c) => c.operand === "distinct_hosts" && c.rtarget !== "false");
}
