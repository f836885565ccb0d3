// What the connected cluster's scheduler says about the job in a document: a code lens above
// the job with what `nomad job plan` would do, and a warning on each constraint that filtered
// out every node it was tried on where a group could not be placed. Nomad decides; we only
// read its plan (DesiredTGUpdates, FailedTGAllocs and their ConstraintFiltered).
import type { Analysis } from "nomadkit/analysis";
import { type JobBody, NomadConnectionError } from "nomadkit/api";
import type { JobPlan } from "nomadkit/deploy";
import type { Range as HclRange } from "nomadkit/hcl";
import { decodeJob } from "nomadkit/jobspec";
import { type CodeLens, type Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

/** The job a document would submit, or undefined when it has none or has errors. */
export interface DocumentJob {
  job: JobBody;
  /** The plan cache key: the job as Nomad would receive it. */
  key: string;
  header: HclRange;
  rangeAt(path: readonly (string | number)[]): HclRange | undefined;
}

export function documentJob(analysis: Analysis): DocumentJob | undefined {
  if (analysis.kind !== "job" || analysis.diagnostics.some((d) => d.severity === "error")) return undefined;
  const decoded = decodeJob(analysis.ast);
  const header = decoded.ranges.at([]);
  if (!decoded.job || !header || decoded.diagnostics.some((d) => d.severity === "error")) return undefined;
  const job = decoded.job as JobBody;
  return { job, key: JSON.stringify(job), header, rangeAt: (path) => decoded.ranges.at(path) };
}

type Updates = Partial<Record<"Place" | "InPlaceUpdate" | "DestructiveUpdate" | "Stop" | "Ignore", number>>;

/** One line, as a lens title: `plan: create (1 place)`, `plan: update in place`, …. */
export function planSummary(plan: JobPlan): string {
  const diffType = (plan.response.Diff as { Type?: string } | null)?.Type ?? "None";
  const updates = Object.values(plan.response.Annotations?.DesiredTGUpdates ?? {}) as Updates[];
  const sum = (k: keyof Updates) => updates.reduce((n, u) => n + (u[k] ?? 0), 0);
  const parts: string[] = [];
  if (diffType === "Added") parts.push(`create (${count(sum("Place"), "allocation")} to place)`);
  else if (sum("DestructiveUpdate") > 0)
    parts.push(`destroy/create ${count(sum("DestructiveUpdate"), "allocation")}`);
  else if (sum("InPlaceUpdate") > 0)
    parts.push(`update in place ${count(sum("InPlaceUpdate"), "allocation")}`);
  else if (diffType !== "None")
    parts.push(sum("Place") + sum("Stop") > 0 ? "update" : "update the job (no allocation changes)");
  else parts.push("no change");
  if (diffType !== "Added" && sum("Place") > 0) parts.push(`place ${count(sum("Place"), "allocation")}`);
  if (sum("Stop") > 0) parts.push(`stop ${count(sum("Stop"), "allocation")}`);
  const failed = Object.keys(plan.response.FailedTGAllocs ?? {});
  if (failed.length > 0)
    parts.push(
      `can't place ${failed.length === 1 ? "group" : "groups"} ${failed.map((g) => `"${g}"`).join(", ")}`,
    );
  return `plan: ${parts.join(" · ")}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The lens above the job block: what plan says, or why the cluster gave no plan. */
export function planLenses(job: DocumentJob, plan: JobPlan | Error): CodeLens[] {
  const title =
    plan instanceof NomadConnectionError
      ? "plan: the cluster is not reachable (see the Nomad output)"
      : plan instanceof Error
        ? `plan: Nomad refused the plan (${plan.message})`
        : planSummary(plan);
  // nomadkit.planJob is the extension's Plan command: clicking shows the full plan.
  return [{ range: toRange(job.header), command: { title, command: "nomadkit.planJob" } }];
}

interface Constraint {
  LTarget?: string;
  RTarget?: string;
  Operand?: string;
}
interface Group {
  Name?: string;
  Constraints?: Constraint[] | null;
  Tasks?: Array<{ Constraints?: Constraint[] | null }> | null;
}

/**
 * A warning on each constraint, of the job or of a group that could not be placed, that Nomad
 * reports as having filtered nodes (ConstraintFiltered, keyed as Nomad's Constraint.String()).
 */
export function constraintWarnings(job: DocumentJob, plan: JobPlan | Error): Diagnostic[] {
  if (plan instanceof Error) return [];
  const failed = (plan.response.FailedTGAllocs ?? {}) as Record<
    string,
    { ConstraintFiltered?: Record<string, number> | null; NodesEvaluated?: number } | null
  >;
  const out: Diagnostic[] = [];
  const groups = (job.job.TaskGroups ?? []) as Group[];
  const warn = (constraints: Constraint[] | null | undefined, group: string, path: (string | number)[]) => {
    const metric = failed[group];
    (constraints ?? []).forEach((c, k) => {
      const key = `${c.LTarget ?? ""} ${c.Operand ?? "="} ${c.RTarget ?? ""}`;
      const filtered = metric?.ConstraintFiltered?.[key];
      const range = job.rangeAt([...path, "Constraints", k]);
      if (!filtered || !range) return;
      out.push({
        range: toRange(range),
        severity: DiagnosticSeverity.Warning,
        code: "constraint-matches-no-node",
        source: "nomadkit (cluster)",
        message: `No node in the cluster matches this constraint: Nomad filtered out ${count(filtered, "node")} with it, and group "${group}" can't be placed.`,
      });
    });
  };
  groups.forEach((g, i) => {
    const name = g.Name ?? "";
    if (!failed[name]) return;
    warn(job.job.Constraints as Constraint[] | undefined, name, []);
    warn(g.Constraints, name, ["TaskGroups", i]);
    for (const [j, t] of (g.Tasks ?? []).entries()) warn(t.Constraints, name, ["TaskGroups", i, "Tasks", j]);
  });
  // A job-level constraint is reported once even when several groups failed on it.
  const seen = new Set<string>();
  return out.filter((d) => {
    const id = JSON.stringify(d.range);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
