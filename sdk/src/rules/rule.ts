// What a rule is and what it finds. A rule is data (id, severity, what it is about) plus
// one function over the decoded job model; a finding names its place as a model path, and
// each front end turns that path into its own place (a construct path, an HCL range).
import type { ModelObject, ModelPath } from "./model.js";

export type RuleSeverity = "error" | "warning";

export interface Finding {
  /** The rule's id, such as "canary-exceeds-count". */
  rule: string;
  severity: RuleSeverity;
  /** What is wrong, in Nomad's words. */
  message: string;
  /** What to change. */
  hint?: string;
  /** Replacement values a quick fix may offer (a declared name close to a typo, …). */
  suggestions?: string[];
  /** Where, from the Job root in API names. */
  at: ModelPath;
  /**
   * The text inside the value at `at` the finding is about (its first occurrence after
   * `after`), for front ends that can point at it.
   */
  focus?: Focus;
}

export interface Focus {
  text: string;
  after?: string;
}

/** What a rule's check receives besides the job. */
export interface RuleContext {
  /** Reports one finding of this rule. */
  report(
    at: ModelPath,
    message: string,
    extra?: { hint?: string; suggestions?: string[]; focus?: Focus },
  ): void;
}

export interface Rule {
  id: string;
  severity: RuleSeverity;
  /** One line for the README and `--help`. */
  summary: string;
  /**
   * "job" for a rule that compares groups with each other. Every other rule's findings in
   * a group depend only on that group and the job's own fields, so the editor can check
   * just the group an edit touched.
   */
  scope?: "job";
  check(job: ModelObject, ctx: RuleContext): void;
}

/** The text a user reads: the message, then the hint. Both front ends show exactly this. */
export function findingText(f: Finding): string {
  return f.hint ? `${f.message} ${f.hint}` : f.message;
}

/** Whether `path` is `prefix` or lies under it. */
export function startsWith(path: ModelPath, prefix: ModelPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/**
 * The place of the deepest prefix of `path` that `lookup` knows; every front end resolves
 * a finding this way, so an object it did not record falls back to its nearest ancestor.
 */
export function deepestKnown<T>(
  path: ModelPath,
  lookup: (prefix: ModelPath) => T | undefined,
): T | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = lookup(path.slice(0, n));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A stable key for a model path, for maps. */
export function pathKey(path: ModelPath): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}
