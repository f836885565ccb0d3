import pc from "picocolors";
import type { DesiredUpdates } from "../schema/api-types.generated.js";
import { describePlacementFailure, placementFailures } from "./placement-failure.js";
import type { JobPlan } from "./plan.js";

// Nomad's structured job diff: objects with a Type (Added, Deleted, Edited, None),
// Fields with Old/New values, nested Objects, and for jobs TaskGroups → Tasks.
interface FieldDiff {
  Type: string;
  Name: string;
  Old: string;
  New: string;
  Annotations?: string[] | null;
}
interface ObjectDiff {
  Type: string;
  Name: string;
  Fields?: FieldDiff[] | null;
  Objects?: ObjectDiff[] | null;
  Annotations?: string[] | null;
}
interface TaskGroupDiff extends ObjectDiff {
  Tasks?: ObjectDiff[] | null;
  Updates?: Record<string, number> | null;
}
interface JobDiff extends ObjectDiff {
  ID: string;
  TaskGroups?: TaskGroupDiff[] | null;
}

const MARK: Record<string, string> = { Added: "+", Deleted: "-", Edited: "+/-", None: " " };
const COLOR: Record<string, (s: string) => string> = {
  Added: pc.green,
  Deleted: pc.red,
  Edited: pc.yellow,
  None: (s) => s,
};

/**
 * The plan of one job as readable lines, like `nomad job plan`: every group with its counts
 * and its tasks, and the fields that change.
 */
export function renderPlan(plan: JobPlan): string[] {
  const diff = plan.response.Diff as JobDiff | null;
  const lines: string[] = [];
  if (!diff) {
    lines.push(`  ${pc.bold(`Job: "${plan.jobId}"`)} (no changes)`);
  } else {
    lines.push(COLOR[diff.Type]?.(`${MARK[diff.Type]} Job: "${plan.jobId}"`) ?? plan.jobId);
    renderBody(diff, 1, lines);
    for (const group of diff.TaskGroups ?? []) {
      const counts = summarize(
        group.Updates && Object.keys(group.Updates).length > 0
          ? group.Updates
          : (plan.response.Annotations?.DesiredTGUpdates?.[group.Name] ?? {}),
      );
      if (group.Type === "None" && counts === "") continue;
      const mark = MARK[group.Type] ?? " ";
      lines.push(
        `${COLOR[group.Type]?.(`${mark} Task Group: "${group.Name}"`) ?? group.Name}${counts ? ` (${counts})` : ""}`,
      );
      renderBody(group, 1, lines);
      for (const task of group.Tasks ?? []) {
        const note = task.Annotations?.length ? ` (${task.Annotations.join(", ")})` : "";
        lines.push(`  ${COLOR[task.Type]?.(`${MARK[task.Type]} Task: "${task.Name}"`) ?? task.Name}${note}`);
        renderBody(task, 2, lines);
      }
    }
  }
  for (const failure of placementFailures(plan.response.FailedTGAllocs)) {
    lines.push(pc.red(`  ! can't place ${describePlacementFailure(failure)}`));
  }
  if (plan.response.Warnings) lines.push(pc.yellow(`  warning: ${plan.response.Warnings.trim()}`));
  lines.push(pc.dim(`  Job Modify Index: ${plan.jobModifyIndex}`));
  return lines;
}

function renderBody(diff: ObjectDiff, depth: number, lines: string[]): void {
  // Like `nomad job plan` without -verbose: a wholly added or removed object is one line.
  if (diff.Type === "Added" || diff.Type === "Deleted") return;
  const pad = "  ".repeat(depth);
  for (const field of diff.Fields ?? []) {
    if (field.Type === "None") continue;
    const value =
      field.Type === "Added"
        ? JSON.stringify(field.New)
        : field.Type === "Deleted"
          ? JSON.stringify(field.Old)
          : `${JSON.stringify(field.Old)} => ${JSON.stringify(field.New)}`;
    const note = field.Annotations?.length ? ` (${field.Annotations.join(", ")})` : "";
    lines.push(`${pad}${COLOR[field.Type]?.(`${MARK[field.Type]} ${field.Name}: ${value}`)}${note}`);
  }
  for (const object of diff.Objects ?? []) {
    if (object.Type === "None") continue;
    lines.push(`${pad}${COLOR[object.Type]?.(`${MARK[object.Type]} ${object.Name} {`)}`);
    renderBody(object, depth + 1, lines);
    lines.push(`${pad}  }`);
  }
}

/** The scheduler's annotation keys (DesiredTGUpdates) as the verbs a diff's Updates use. */
const VERBS: Record<string, string> = {
  Place: "create",
  Stop: "destroy",
  Migrate: "migrate",
  InPlaceUpdate: "in-place update",
  DestructiveUpdate: "create/destroy update",
  Canary: "canary",
  Ignore: "ignore",
};

/** `(1 create, 3 ignore)`, as `nomad job plan` counts a group: every non-zero verb, sorted. */
function summarize(updates: Readonly<Record<string, number>> | DesiredUpdates): string {
  return Object.entries(updates as Readonly<Record<string, number>>)
    .filter(([key, n]) => n > 0 && (key in VERBS || Object.values(VERBS).includes(key)))
    .map(([key, n]): [string, number] => [VERBS[key] ?? key, n])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([verb, n]) => `${n} ${verb}`)
    .join(", ");
}
