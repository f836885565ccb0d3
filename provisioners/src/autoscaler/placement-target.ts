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

/**
 * Nomad's order operators: both sides as 64-bit integers when both parse as one, else as
 * floats when both do, else byte-wise as strings.
 */
function orderHolds(operand: string, l: string, r: string): boolean {
  const cmp = compareForOrder(l, r);
  if (cmp === undefined) return false; // NaN is neither less nor more
  if (operand === "<") return cmp < 0;
  if (operand === "<=") return cmp <= 0;
  if (operand === ">") return cmp > 0;
  return cmp >= 0;
}

const GO_INT = /^[+-]?[0-9]+$/;
const GO_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function compareForOrder(l: string, r: string): number | undefined {
  if (GO_INT.test(l) && GO_INT.test(r)) {
    const [a, b] = [BigInt(l), BigInt(r)];
    if (a >= INT64_MIN && a <= INT64_MAX && b >= INT64_MIN && b <= INT64_MAX)
      return a === b ? 0 : a < b ? -1 : 1;
  }
  const [fa, fb] = [goFloat(l), goFloat(r)];
  if (fa !== undefined && fb !== undefined) {
    if (Number.isNaN(fa) || Number.isNaN(fb)) return undefined;
    return fa === fb ? 0 : fa < fb ? -1 : 1;
  }
  return Buffer.compare(Buffer.from(l, "utf8"), Buffer.from(r, "utf8"));
}

function goFloat(text: string): number | undefined {
  const t = text.toLowerCase().replace(/^\+/, "");
  if (t === "inf" || t === "infinity") return Number.POSITIVE_INFINITY;
  if (t === "-inf" || t === "-infinity") return Number.NEGATIVE_INFINITY;
  if (t === "nan") return Number.NaN;
  return GO_FLOAT.test(text) ? Number(text) : undefined;
}

/** A version as hashicorp/go-version holds it: at least three numbers, a pre-release tag. */
interface GoVersion {
  readonly segments: bigint[];
  /** Numbers written before padding, for `~>`. */
  readonly specified: number;
  readonly prerelease: string;
}

// hashicorp/go-version's VersionRegexpRaw and SemverRegexpRaw.
const LOOSE_VERSION =
  "v?([0-9]+(?:\\.[0-9]+)*?)(?:-([0-9]+[0-9A-Za-z\\-~]*(?:\\.[0-9A-Za-z\\-~]+)*)|(?:-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(?:\\.[0-9A-Za-z\\-~]+)*)))?(?:\\+(?:[0-9A-Za-z\\-~]+(?:\\.[0-9A-Za-z\\-~]+)*))?";
const STRICT_VERSION =
  "v?([0-9]+(?:\\.[0-9]+){0,2})(?:-(?:([0-9A-Za-z\\-~]+(?:\\.[0-9A-Za-z\\-~]+)*)))?(?:\\+(?:[0-9A-Za-z\\-~]+(?:\\.[0-9A-Za-z\\-~]+)*))?";
const versionPatterns = {
  loose: {
    version: new RegExp(`^${LOOSE_VERSION}$`),
    constraint: new RegExp(`^\\s*(~>|>=|<=|!=|>|<|=)?\\s*(${LOOSE_VERSION})\\s*$`),
  },
  strict: {
    version: new RegExp(`^${STRICT_VERSION}$`),
    constraint: new RegExp(`^\\s*(>=|<=|!=|>|<|=)?\\s*(${STRICT_VERSION})\\s*$`),
  },
};

function goVersion(text: string, kind: "loose" | "strict"): GoVersion | undefined {
  const m = versionPatterns[kind].version.exec(text);
  if (!m) return undefined;
  const segments = (m[1] as string).split(".").map(BigInt);
  if (segments.some((n) => n > INT64_MAX)) return undefined;
  const specified = segments.length;
  while (segments.length < 3) segments.push(0n);
  return { segments, specified, prerelease: m[2] ?? m[3] ?? "" };
}

function compareVersion(a: GoVersion, b: GoVersion): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const [x, y] = [a.segments[i] ?? 0n, b.segments[i] ?? 0n];
    if (x !== y) return x < y ? -1 : 1;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (!a.prerelease) return 1;
  if (!b.prerelease) return -1;
  const [xs, ys] = [a.prerelease.split("."), b.prerelease.split(".")];
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const [x, y] = [xs[i], ys[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const [xn, yn] = [/^[0-9]+$/.test(x), /^[0-9]+$/.test(y)];
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function sameSegments(a: GoVersion, b: GoVersion): boolean {
  return a.segments.length === b.segments.length && a.segments.every((s, i) => s === b.segments[i]);
}

// Compiled once per pattern; undefined when JavaScript can't run it as RE2 would.
const compiledRegExps = new Map<string, RegExp | undefined>();

/**
 * Go's RE2 pattern as a JavaScript RegExp: leading flags `(?i)`, `(?P<name>`, `\A` and `\z`
 * translated, code points matched as code points (the u flag) where the pattern allows it.
 */
function goRegExp(pattern: string): RegExp | undefined {
  if (compiledRegExps.has(pattern)) return compiledRegExps.get(pattern);
  let source = pattern;
  let flags = "";
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    if (leading[1]?.includes("U")) return remember(pattern, undefined);
    flags = [...new Set(leading[1])].join("");
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\(\?P</g, "(?<")
    .replace(/(^|[^\\])((?:\\\\)*)\\A/g, "$1$2^")
    .replace(/(^|[^\\])((?:\\\\)*)\\z/g, "$1$2(?![\\s\\S])");
  for (const mode of [`${flags}u`, flags]) {
    try {
      return remember(pattern, new RegExp(source, mode));
    } catch {
      // Unicode mode refuses some escapes RE2 takes (`\-`); try without it.
    }
  }
  return remember(pattern, undefined);
}

function remember(pattern: string, re: RegExp | undefined): RegExp | undefined {
  compiledRegExps.set(pattern, re);
  return re;
}

/**
 * `version` (go-version: a pre-release only meets a range bound that is a pre-release of the
 * same numbers) and `semver` (pre-releases ordered as semver orders them, no `~>`).
 */
function versionHolds(kind: "loose" | "strict", version: string, constraint: string): boolean {
  // Nomad reads the node's value with go-version's loose parser for both operators ("1e3" is
  // 1.0.0-e3); only the constraint is strict for semver.
  const v = goVersion(version, "loose");
  if (!v) return false;
  for (const part of constraint.split(",")) {
    const m = versionPatterns[kind].constraint.exec(part);
    if (!m) return false;
    const c = goVersion(m[2] as string, kind);
    if (!c) return false;
    const op = m[1] ?? "=";
    const cmp = compareVersion(v, c);
    if (op === "=" ? cmp !== 0 : op === "!=" ? cmp === 0 : false) return false;
    if (op === "=" || op === "!=") continue;
    if (kind === "loose") {
      if (v.prerelease && !c.prerelease) return false;
      if (v.prerelease && c.prerelease && !sameSegments(v, c)) return false;
    }
    const ok =
      op === ">"
        ? cmp > 0
        : op === "<"
          ? cmp < 0
          : op === ">="
            ? cmp >= 0
            : op === "<="
              ? cmp <= 0
              : pessimistic(v, c, cmp);
    if (!ok) return false;
  }
  return true;
}

/** `~> 1.2` is ">= 1.2, < 2"; `~> 1.2.3` is ">= 1.2.3, < 1.3". */
function pessimistic(v: GoVersion, c: GoVersion, cmp: number): boolean {
  if (c.prerelease && !v.prerelease) return false;
  if (cmp < 0 || c.segments.length > v.segments.length) return false;
  for (let i = 0; i < c.specified - 1; i++) if (v.segments[i] !== c.segments[i]) return false;
  const last = c.segments.length - 1;
  return (c.segments[last] as bigint) <= (v.segments[last] as bigint);
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
    case "<":
    case "<=":
    case ">":
    case ">=":
      return l.value !== undefined && r.value !== undefined && orderHolds(operand, l.value, r.value);
    case "version":
    case "semver":
      return (
        l.value !== undefined &&
        r.value !== undefined &&
        versionHolds(operand === "version" ? "loose" : "strict", l.value, r.value)
      );
    case "regexp":
      if (l.value === undefined || r.value === undefined) return false;
      return goRegExp(r.value)?.test(l.value);
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
