// The lines plan and deploy print about resources: each one's planned action, the notes
// synth attached (what a segment can't enforce, files to install by hand), and the
// problems that stop a deploy before it writes anything.
import { readFileSync } from "node:fs";
import pc from "picocolors";
import type { DeployProblem } from "../deploy/cluster-support.js";
import type { JobPlan } from "../deploy/plan.js";
import type { ResourceAction, ResourcePlan } from "../deploy/resource-plan.js";
import { parseVariableValues, type VariableValues, VariableValuesError } from "../deploy/variable-values.js";
import type { SynthesizedResource } from "../synth/synth.js";
import { UserError } from "./load-app.js";

const MARK: Record<ResourceAction, string> = {
  create: pc.green("+"),
  update: pc.yellow("~"),
  "no-change": " ",
  manual: pc.dim("·"),
};

/** `create`, `update` or `no-change` for a job, from its plan's diff. */
export function jobAction(plan: JobPlan): ResourceAction {
  const type = plan.response.Diff?.Type ?? "None";
  return type === "Added" ? "create" : type === "None" ? "no-change" : "update";
}

export function resourceLine(plan: ResourcePlan): string {
  return `${MARK[plan.action]} ${plan.kind} ${plan.name}: ${plan.action}${plan.note ? ` (${plan.note})` : ""}`;
}

export function jobLine(plan: JobPlan): string {
  const action = jobAction(plan);
  return `${MARK[action]} job ${plan.jobId}: ${action}`;
}

/** Each resource note as a line, e.g. what a segment's intentions can't enforce. */
export function noteLines(resources: readonly SynthesizedResource[]): string[] {
  return resources.flatMap((r) => (r.notes ?? []).map((n) => `${pc.yellow("!")} ${r.kind} ${r.name}: ${n}`));
}

export function problemLines(problems: readonly DeployProblem[]): string[] {
  return problems.flatMap((p) => [`${pc.red("✗")} ${p.subject}: ${p.message}`, `    fix: ${p.hint}`]);
}

/** The values `--var-file` names, or none. */
export function readVarFile(path: string | undefined): VariableValues {
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UserError(`--var-file ${path}: can't read it`);
  }
  try {
    return parseVariableValues(text, `--var-file ${path}`);
  } catch (error) {
    if (error instanceof VariableValuesError) throw new UserError(error.message);
    throw error;
  }
}
