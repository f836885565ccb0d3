// HCL AST → the API JSON Nomad's jobspec2 makes of it, driven by the schema, with every
// problem reported on the narrowest range and decoding carried on past errors (a partial
// job is still returned). Our equivalent of `jobspec2.Parse` for the language server,
// `nomadkit import` and tests.
import type { Block, ConfigFile, SourceFile } from "../hcl/ast.js";
import { api, labelApi } from "../schema/index.js";
import { JOB_FILE_BLOCKS } from "../schema/jobspec2-defaults.js";
import {
  type ApiObject,
  type DecodeContext,
  decodeBlock,
  decodeFields,
  decodeStructBody,
  headerRange,
  type StructHook,
} from "./decode-body.js";
import { decodeSecrets, decodeVault, groupHook, taskHook } from "./decode-group.js";
import { Diagnostics, didYouMean, type JobspecDiagnostic } from "./diagnostics.js";
import { type ModelRanges, modelRanges, type Places } from "./model-ranges.js";
import { normalizeJob } from "./normalize.js";
import { affinityHook, constraintHook } from "./placement.js";
import { VariableScope } from "./variable-scope.js";

export type { ApiObject } from "./decode-body.js";
export type { JobspecDiagnostic } from "./diagnostics.js";
export type { ModelRanges } from "./model-ranges.js";

export interface DecodeOptions {
  /** Values for `variable` blocks, as `nomad job run -var` gives them; they win over defaults. */
  variables?: Record<string, unknown>;
  /**
   * How to report a variable with no default and no value. jobspec2 refuses the job ("error",
   * the default); an editor or a linter, which sees the file before anyone passes -var, warns.
   */
  unsetVariables?: "error" | "warning";
}

export interface DecodeResult {
  /** The job, as far as it could be decoded; absent only when the file has no job block. */
  job?: ApiObject;
  diagnostics: JobspecDiagnostic[];
  /** Where each part of `job` was written, by model path (for rule findings). */
  ranges: ModelRanges;
}

/** Structs jobspec2 decodes with its own code rather than plain gohcl. */
const HOOKS: Record<string, StructHook> = {
  Constraint: constraintHook,
  Affinity: affinityHook,
  TaskGroup: groupHook,
  Task: taskHook,
};

/**
 * Runtime references (`${NOMAD_…}`, `${attr.…}`) are kept exactly as written: the file
 * carries the text they are read back from.
 */
export function decodeJob(file: SourceFile, options: DecodeOptions = {}): DecodeResult {
  const diagnostics = new Diagnostics();
  const blocks = topLevelBlocks(file, diagnostics);
  const scope = new VariableScope(diagnostics, file.text, options.unsetVariables);
  scope.declare(blocks, options.variables ?? {});
  const jobs = blocks.filter((b) => b.blockType === "job");
  if (jobs.length === 0) {
    diagnostics.error("missing-job", 'A job file needs a job block: job "name" { … }.', file.range);
    return { diagnostics: inSourceOrder(diagnostics.list), ranges: modelRanges(undefined, new WeakMap()) };
  }
  for (const extra of jobs.slice(1))
    diagnostics.error("duplicate-block", "Only one job block is allowed in a file.", headerRange(extra));
  const places: Places = new WeakMap();
  const ctx: DecodeContext = { ev: scope.evaluator(), diagnostics, hooks: HOOKS, places };
  const job = decodeJobBlock(ctx, jobs[0] as Block);
  return { job, diagnostics: inSourceOrder(diagnostics.list), ranges: modelRanges(job, places) };
}

/**
 * One `group` block of the file's job decoded alone: the group, the problems decodeJob reports
 * order. A group decodes on its own (only `var.*` and `local.*` come from outside it), so
 * the language server can re-decode just the group an edit touched.
 */
export function decodeGroup(
  file: SourceFile,
  group: Block,
  options: DecodeOptions = {},
): { group?: ApiObject; diagnostics: JobspecDiagnostic[]; places: Places } {
  const diagnostics = new Diagnostics();
  const scope = new VariableScope(diagnostics, file.text);
  scope.declare(topLevelBlocks(file, diagnostics), options.variables ?? {});
  // Variables and locals are all evaluated by declare(): what follows is the group's own.
  const from = diagnostics.list.length;
  const places: Places = new WeakMap();
  const ctx: DecodeContext = { ev: scope.evaluator(), diagnostics, hooks: HOOKS, places };
  const decoded = decodeBlock(ctx, "TaskGroup", group);
  // The same normalizations decodeJob applies to each group (job-level vault and secrets
  // aside: no rule reads them).
  if (decoded) normalizeJob({ [api("Job", "group")]: [decoded] }, { label: "", secrets: [], tasks: [] });
  return {
    ...(decoded ? { group: decoded } : {}),
    diagnostics: inSourceOrder(diagnostics.list.slice(from)),
    places,
  };
}

/** The blocks jobspec2 reads at the top of a file; anything else is reported. */
function topLevelBlocks(file: ConfigFile, diagnostics: Diagnostics): Block[] {
  const blocks: Block[] = [];
  for (const item of file.body.items) {
    if (item.type === "Attribute") {
      diagnostics.error(
        "unknown-attribute",
        `A job file takes only blocks at the top (${JOB_FILE_BLOCKS.join(", ")}), not "${item.name} =".`,
        item.nameRange,
      );
    } else if (item.type === "Block") {
      if ((JOB_FILE_BLOCKS as readonly string[]).includes(item.blockType)) blocks.push(item);
      else
        diagnostics.error(
          "unknown-block",
          `A "${item.blockType}" block is not expected at the top of a job file.${didYouMean(item.blockType, JOB_FILE_BLOCKS)}`,
          item.typeRange,
        );
    }
  }
  return blocks;
}

function decodeJobBlock(ctx: DecodeContext, block: Block): ApiObject {
  if (block.labels.length !== 1) {
    ctx.diagnostics.error(
      "wrong-label-count",
      `A job block takes one label, the job's ID: job "name" { … }.`,
      headerRange(block),
    );
  }
  const body = block.body;
  const of = (type: string) =>
    body.items.filter((i): i is Block => i.type === "Block" && i.blockType === type);
  // jobspec2 takes vault, secret and task blocks out of the job body first: they are
  // handed to every task, or (a task at the top) made a group of their own.
  const vault = decodeVault(ctx, of("vault"));
  const secrets = decodeSecrets(ctx, of("secret"));
  const tasks = of("task").flatMap((t) => {
    if (t.labels.length !== 1) {
      ctx.diagnostics.error(
        "wrong-label-count",
        'A task block takes one label, its name: task "name" { … }.',
        headerRange(t),
      );
      return [];
    }
    return [
      {
        ...decodeStructBody(ctx, "Task", t.body, headerRange(t)),
        [labelApi("Task")]: t.labels[0]?.value ?? "",
      } as ApiObject,
    ];
  });
  const job = decodeFields(ctx, "Job", body, headerRange(block), {
    skip: new Set(["vault", "secret", "task"]),
    attributeMaps: new Set(["meta"]),
  });
  normalizeJob(job, { label: block.labels[0]?.value ?? "", vault, secrets, tasks });
  return job;
}

/** Problems in the order they appear in the file (decoding visits attributes before blocks). */
function inSourceOrder(list: JobspecDiagnostic[]): JobspecDiagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.range.start.offset - b.d.range.start.offset || a.i - b.i)
    .map(({ d }) => d);
}
