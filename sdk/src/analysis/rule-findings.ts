// The rule engine's findings as editor diagnostics: each finding's model path is placed
// at the range the decoder recorded for it (the deepest part of the path it knows), with
// the rule id as code and the same text synth prints. After an edit inside one group,
// only that group is decoded again; the rules run over the job with that group swapped
// in, and the result is used only if nothing outside the group changed.
import type { Block, Range } from "../hcl/ast.js";
import type { ApiObject, decodeGroup } from "../jobspec/decode.js";
import { type ModelRanges, modelRanges } from "../jobspec/model-ranges.js";
import {
  type Finding,
  type Focus,
  findingText,
  type ModelObject,
  pathKey,
  RULES,
  runRules,
} from "../rules/index.js";
import type { Findings } from "./diagnostic.js";

/** What a job's analysis keeps for the next edit. */
export interface RuleState {
  job: ModelObject;
  findings: Finding[];
}

export function reportFindings(
  findings: readonly Finding[],
  ranges: ModelRanges,
  out: Findings,
  source: string,
): void {
  for (const f of findings) {
    const range = ranges.at(f.at);
    out.add(f.severity, f.rule, findingText(f), range && narrow(range, f.focus, source), f.suggestions);
  }
}

/** The part of `range` where `focus` is written, when it is written there as is. */
function narrow(range: Range, focus: Focus | undefined, source: string): Range {
  if (!focus) return range;
  const after = focus.after ?? "";
  const found = source.slice(range.start.offset, range.end.offset).indexOf(after + focus.text);
  if (found < 0) return range;
  const at = found + after.length;
  const position = (offset: number) => {
    let { line, column } = range.start;
    for (let i = range.start.offset; i < offset; i++) {
      if (source.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    return { line, column, offset };
  };
  const start = range.start.offset + at;
  return { start: position(start), end: position(start + focus.text.length) };
}

/** Runs the rules over a whole decoded job. */
export function checkRules(
  job: ApiObject | undefined,
  ranges: ModelRanges,
  out: Findings,
  source: string,
): RuleState | undefined {
  if (!job) return undefined;
  const findings = runRules(job);
  reportFindings(findings, ranges, out, source);
  return { job, findings };
}

const inGroup = (f: Finding, index: number) => f.at[0] === "TaskGroups" && f.at[1] === index;
const inAnyGroup = (f: Finding) => f.at[0] === "TaskGroups" && typeof f.at[1] === "number";
const keyOf = (f: Finding) => `${f.rule}\u0000${pathKey(f.at)}\u0000${findingText(f)}`;
const JOB_RULES = RULES.filter((r) => r.scope === "job");
const GROUP_RULES = RULES.filter((r) => r.scope !== "job");
const JOB_RULE_IDS = new Set(JOB_RULES.map((r) => r.id));

/**
 * The rule findings inside `group` after an edit there, given the previous state; throws
 * when findings elsewhere would change too (the caller then analyzes the whole file).
 * Group rules run over the edited group alone (their findings in a group depend only on
 * it and the job's own fields); the few job rules, which compare groups, run over the
 * whole job.
 */
export function checkRulesForGroup(
  prev: RuleState,
  job: Block,
  group: Block,
  decoded: ReturnType<typeof decodeGroup>,
  out: Findings,
  source: string,
): RuleState {
  // jobspec2 puts job-level tasks first, each as a group of its own.
  const tasksFirst = job.body.items.filter((i) => i.type === "Block" && i.blockType === "task").length;
  const groups = job.body.items.filter((i): i is Block => i.type === "Block" && i.blockType === "group");
  const index = tasksFirst + groups.indexOf(group);
  const before = Array.isArray(prev.job.TaskGroups) ? prev.job.TaskGroups : [];
  if (!decoded.group || index >= before.length) throw new Error("not incremental: the groups changed");
  const spliced: ModelObject = {
    ...prev.job,
    TaskGroups: before.map((g, i) => (i === index ? decoded.group : g)),
  };
  // A group rule that reports on the job itself (a job-level update block, say) may owe
  // that finding to any group: only a full run can tell.
  const byGroupRules = (f: Finding) => !JOB_RULE_IDS.has(f.rule);
  if (prev.findings.some((f) => byGroupRules(f) && !inAnyGroup(f)))
    throw new Error("not incremental: a group rule reports on the job");
  const alone = runRules({ ...prev.job, TaskGroups: [decoded.group] }, GROUP_RULES);
  if (alone.some((f) => !inGroup(f, 0))) throw new Error("not incremental: a group rule reports on the job");
  const local = alone.map((f) => ({ ...f, at: ["TaskGroups", index, ...f.at.slice(2)] }));
  const across = runRules(spliced, JOB_RULES);
  const outside = (list: readonly Finding[]) =>
    list
      .filter((f) => !inGroup(f, index))
      .map(keyOf)
      .join("\n");
  if (outside(across) !== outside(prev.findings.filter((f) => !byGroupRules(f))))
    throw new Error("not incremental: the edit changes findings outside the group");
  const findings = [
    ...prev.findings.filter((f) => byGroupRules(f) && !inGroup(f, index)),
    ...local,
    ...across,
  ];
  const ranges = modelRanges(spliced, decoded.places);
  reportFindings(
    findings.filter((f) => inGroup(f, index)),
    ranges,
    out,
    source,
  );
  return { job: spliced, findings };
}
