// The simulated Nomad's constraint checker, written from Nomad's documentation of the
// constraint block and its scheduler's feasibility checks, and sharing no code with the
// autoscaler's planner (placement-target.ts): the simulation is the planner's judge, so it
// must not repeat the planner's mistakes. Keep it that way (simulation/independence.test.ts).
import type { NodeState, PlacementConstraint } from "../snapshot.js";

/** A target's value on a node, or undefined when the node doesn't have it. */
export function nodeValue(target: string, node: NodeState): string | undefined {
  if (!(target.startsWith("${") && target.endsWith("}"))) return target;
  const path = target.slice(2, -1);
  if (path === "node.unique.id") return node.id;
  if (path === "node.unique.name") return node.name;
  if (path === "node.datacenter") return node.datacenter;
  if (path === "node.class") return node.nodeClass;
  if (path === "node.pool") return node.pool;
  if (path.startsWith("attr.")) return node.attributes[path.slice("attr.".length)];
  if (path.startsWith("meta.")) return node.meta[path.slice("meta.".length)];
  return undefined;
}

/** Whether one constraint lets the node run the work (distinct_* are the scheduler's, not here). */
export function nodeSatisfies(c: PlacementConstraint, node: NodeState): boolean {
  const op = c.operand === "" ? "=" : c.operand;
  if (op === "distinct_hosts" || op === "distinct_property") return true;
  const left = nodeValue(c.ltarget, node);
  if (op === "is_set") return left !== undefined;
  if (op === "is_not_set") return left === undefined;
  const right = nodeValue(c.rtarget, node);
  if (op === "!=" || op === "not") return left !== right;
  if (left === undefined || right === undefined) return false;
  switch (op) {
    case "=":
    case "==":
    case "is":
      return left === right;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return ordered(op, left, right);
    case "regexp":
      return regexpMatches(right, left);
    case "version":
      return versionMatches(left, right, false);
    case "semver":
      return versionMatches(left, right, true);
    case "set_contains":
    case "set_contains_all":
      return members(right).every((m) => members(left).includes(m));
    case "set_contains_any":
      return members(right).some((m) => members(left).includes(m));
    default:
      return false;
  }
}

function members(list: string): string[] {
  return list.split(",").map((m) => m.trim());
}

/** Numbers compare as numbers (integers first, then floats), anything else as strings. */
function ordered(op: "<" | "<=" | ">" | ">=", left: string, right: string): boolean {
  const li = integer(left);
  const ri = integer(right);
  const lf = float(left);
  const rf = float(right);
  const [l, r]: [bigint | number, bigint | number] =
    li !== undefined && ri !== undefined
      ? [li, ri]
      : lf !== undefined && rf !== undefined
        ? [lf, rf]
        : // Go compares strings byte by byte in UTF-8.
          [Buffer.compare(Buffer.from(left), Buffer.from(right)), 0];
  return op === "<" ? l < r : op === "<=" ? l <= r : op === ">" ? l > r : l >= r;
}

/** strconv.ParseFloat(s, 64) for the decimal forms. */
function float(text: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** strconv.ParseInt(s, 10, 64): decimal only, 64-bit range. */
function integer(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** RE2's syntax where it differs from JavaScript's: `(?flags)` up front, `\A`, `\z`, `(?P<`. */
function regexpMatches(pattern: string, text: string): boolean {
  const flagged = /^\(\?([ims]+)\)(.*)$/s.exec(pattern);
  const flags = flagged ? [...new Set(flagged[1])].join("") : "";
  const body = (flagged ? (flagged[2] as string) : pattern)
    .split(/(\\.)/s)
    .map((piece) => (piece === "\\A" ? "^" : piece === "\\z" ? "$(?![\\s\\S])" : piece))
    .join("")
    .replaceAll("(?P<", "(?<");
  for (const mode of [`${flags}u`, flags]) {
    try {
      return new RegExp(body, mode).test(text);
    } catch {}
  }
  return false;
}

// Versions as hashicorp/go-version reads them ("version"), or strictly as semantic
// versions ("semver": three numbers at most, pre-releases ordered but not fenced off).
interface Version {
  readonly numbers: readonly bigint[];
  /** How many numbers were written. */
  readonly written: number;
  readonly pre: string;
}

const VERSION =
  /^v?(\d+(?:\.\d+)*?)(?:-(\d+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)|(-?[A-Za-z\-~]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*))?(?:\+[0-9A-Za-z\-~]+(?:\.[0-9A-Za-z\-~]+)*)?$/;
const SEMVER =
  /^v?(\d+(?:\.\d+){0,2})(?:-(\d+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)|(-?[A-Za-z\-~]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*))?(?:\+[0-9A-Za-z\-~]+(?:\.[0-9A-Za-z\-~]+)*)?$/;

function parseVersion(text: string, strict: boolean): Version | undefined {
  const m = (strict ? SEMVER : VERSION).exec(text);
  if (!m) return undefined;
  const numbers = (m[1] as string).split(".").map((n) => BigInt(n));
  if (numbers.some((n) => n > 2n ** 63n - 1n)) return undefined;
  const written = numbers.length;
  while (numbers.length < 3) numbers.push(0n);
  return { numbers, written, pre: m[2] ?? m[3] ?? "" };
}

function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) {
    const x = a.numbers[i] ?? 0n;
    const y = b.numbers[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return 1;
  if (b === "") return -1;
  const as = a.split(".");
  const bs = b.split(".");
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i];
    const y = bs[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const CONSTRAINT = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+?)\s*$/;

function versionMatches(left: string, right: string, strict: boolean): boolean {
  // The node's value is read loosely either way; only a semver constraint is strict.
  const v = parseVersion(left, false);
  if (!v) return false;
  const parts = right.split(",");
  const checks: { op: string; c: Version }[] = [];
  for (const part of parts) {
    const m = CONSTRAINT.exec(part);
    if (!m) return false;
    const op = m[1] ?? "=";
    if (strict && op === "~>") return false;
    const c = parseVersion(m[2] as string, strict);
    if (!c) return false;
    checks.push({ op, c });
  }
  return checks.every(({ op, c }) => holds(op, v, c, strict));
}

function holds(op: string, v: Version, c: Version, strict: boolean): boolean {
  const cmp = compareVersions(v, c);
  if (op === "=") return cmp === 0;
  if (op === "!=") return cmp !== 0;
  // go-version: a pre-release only satisfies a range whose bound is a pre-release of the
  // same numbers; semver orders pre-releases without fencing them off.
  if (!strict) {
    if (v.pre !== "" && c.pre === "") return false;
    if (v.pre !== "" && c.pre !== "" && !sameNumbers(v, c)) return false;
  }
  switch (op) {
    case ">":
      return cmp > 0;
    case "<":
      return cmp < 0;
    case ">=":
      return cmp >= 0;
    case "<=":
      return cmp <= 0;
    case "~>": {
      if (c.pre !== "" && v.pre === "") return false;
      if (cmp < 0) return false;
      if (c.numbers.length > v.numbers.length) return false;
      for (let i = 0; i < c.written - 1; i++) if (v.numbers[i] !== c.numbers[i]) return false;
      const last = c.numbers.length - 1;
      return (c.numbers[last] ?? 0n) <= (v.numbers[last] ?? 0n);
    }
    default:
      return false;
  }
}

function sameNumbers(a: Version, b: Version): boolean {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) if ((a.numbers[i] ?? 0n) !== (b.numbers[i] ?? 0n)) return false;
  return true;
}
