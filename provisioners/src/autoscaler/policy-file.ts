// nomad-autoscaler cluster policy files (`scaling "name" { policy { check … target … } }`),
// read with the SDK's HCL parser into our ScalingPolicy, so a team can bring the policies it
// already has. What we can't honour (another APM, a strategy we don't have) is an error with
// file:line:col, never silently dropped. Field names follow nomad-autoscaler's docs: this is
// the autoscaler's own file format, not part of Nomad's data model, so the generated schema
// doesn't hold it.
import { parseDuration } from "nomadkit";
import { type Block, type Body, type Expression, parse, type Range } from "nomadkit/hcl";
import type { DurationString, ScalingCheck, ScalingMetric, ScalingPolicy } from "../cloud/scaling-policy.js";

/** Which node group a policy scales: by the Nomad node pool, or only by the cloud group's name. */
export type PolicySelector =
  | { readonly by: "node-pool"; readonly nodePool: string; readonly groupName?: string }
  | { readonly by: "group"; readonly groupName: string };

export interface PolicyFileEntry {
  /** The `scaling` block's label. */
  readonly name: string;
  readonly enabled: boolean;
  readonly selector: PolicySelector;
  readonly cloud: "aws" | "gcp";
  readonly policy: ScalingPolicy;
  /** node_class / datacenter the target filtered nodes by, when it did. */
  readonly nodeClass?: string;
  readonly datacenter?: string;
  /** Settings read but behaving differently here, worth telling the operator about. */
  readonly notes: readonly string[];
}

export interface PolicyFileProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface PolicyFileResult {
  readonly entries: readonly PolicyFileEntry[];
  readonly problems: readonly PolicyFileProblem[];
}

export function formatPolicyProblem(p: PolicyFileProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

const TARGETS: Record<string, { readonly cloud: "aws" | "gcp"; readonly groupField: string }> = {
  "aws-asg": { cloud: "aws", groupField: "aws_asg_name" },
  "gce-mig": { cloud: "gcp", groupField: "mig_name" },
};
const QUERIES: Record<string, ScalingMetric> = {
  "percentage-allocated_cpu": "cpu",
  "percentage-allocated_memory": "memory",
};
// Fields each block may hold; anything else is a mistake worth naming.
const SCALING_FIELDS = ["enabled", "min", "max", "policy", "type"];
const POLICY_FIELDS = [
  "cooldown",
  "cooldown_on_scale_up",
  "evaluation_interval",
  "on_check_error",
  "check",
  "target",
];
const CHECK_FIELDS = [
  "source",
  "query",
  "query_window",
  "query_window_offset",
  "group",
  "on_error",
  "strategy",
];
const TARGET_FIELDS = [
  "dry-run",
  "datacenter",
  "node_class",
  "node_pool",
  "node_drain_deadline",
  "node_drain_ignore_system_jobs",
  "node_purge",
  "node_selector_strategy",
  "retry_attempts",
  // aws-asg
  "aws_asg_name",
  // gce-mig
  "project",
  "region",
  "zone",
  "mig_name",
];

type Scalar = string | number | boolean;

class Reader {
  readonly problems: PolicyFileProblem[] = [];
  constructor(private readonly file: string) {}

  problem(range: Range | undefined, message: string): void {
    this.problems.push({
      file: this.file,
      line: range?.start.line ?? 1,
      column: range?.start.column ?? 1,
      message,
    });
  }

  /** The literal value of an expression: numbers, bools and strings without interpolation. */
  scalar(expr: Expression, what: string): Scalar | undefined {
    if (expr.type === "Literal" && expr.value !== null) return expr.value;
    if (expr.type === "Template" && expr.parts.every((p) => p.type === "TemplateLiteral")) {
      return expr.parts.map((p) => (p.type === "TemplateLiteral" ? p.value : "")).join("");
    }
    if (
      expr.type === "UnaryOp" &&
      expr.op === "-" &&
      expr.operand.type === "Literal" &&
      typeof expr.operand.value === "number"
    ) {
      return -expr.operand.value;
    }
    this.problem(expr.range, `${what} must be a literal value`);
    return undefined;
  }

  /** Attributes and blocks of a body, with every unknown name reported. */
  fields(body: Body, allowed: readonly string[], where: string) {
    const attributes = new Map<string, { value: Expression; range?: Range }>();
    const blocks: Block[] = [];
    for (const item of body.items) {
      if (item.type === "BlankLine") continue;
      const name = item.type === "Attribute" ? item.name : item.blockType;
      const range = item.type === "Attribute" ? item.nameRange : item.typeRange;
      if (!allowed.includes(name)) {
        this.problem(range, `${where} has no field "${name}"; it takes ${allowed.join(", ")}`);
        continue;
      }
      if (item.type === "Attribute")
        attributes.set(item.name, {
          value: item.value,
          ...(item.nameRange ? { range: item.nameRange } : {}),
        });
      else blocks.push(item);
    }
    return { attributes, blocks };
  }
}

type Fields = ReturnType<Reader["fields"]>;

function text(r: Reader, f: Fields, name: string, where: string): string | undefined {
  const a = f.attributes.get(name);
  if (!a) return undefined;
  const v = r.scalar(a.value, `${where} ${name}`);
  return v === undefined ? undefined : String(v);
}

function duration(r: Reader, f: Fields, name: string, where: string): DurationString | undefined {
  const value = text(r, f, name, where);
  if (value === undefined) return undefined;
  const parsed = parseDuration(value);
  if (!parsed.ok) r.problem(f.attributes.get(name)?.range, `${where} ${name}: ${parsed.message}`);
  return value as DurationString;
}

function num(r: Reader, f: Fields, name: string, where: string): number | undefined {
  const a = f.attributes.get(name);
  if (!a) return undefined;
  const v = r.scalar(a.value, `${where} ${name}`);
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    if (v !== undefined) r.problem(a.range, `${where} ${name} must be a number, got ${JSON.stringify(v)}`);
    return undefined;
  }
  return n;
}

function bool(r: Reader, f: Fields, name: string, where: string): boolean | undefined {
  const a = f.attributes.get(name);
  if (!a) return undefined;
  const v = r.scalar(a.value, `${where} ${name}`);
  // Target config is a map of strings in nomad-autoscaler, so "true" is as good as true.
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  if (v !== undefined) r.problem(a.range, `${where} ${name} must be true or false, got ${JSON.stringify(v)}`);
  return undefined;
}

/** Reads every `scaling` block of one policy file. */
export function readPolicyFile(source: string, file: string): PolicyFileResult {
  const r = new Reader(file);
  const { file: ast, errors } = parse(source);
  for (const e of errors) r.problem(e.range, e.message);
  const entries: PolicyFileEntry[] = [];
  for (const item of ast.body.items) {
    if (item.type === "BlankLine") continue;
    if (item.type !== "Block" || item.blockType !== "scaling") {
      r.problem(
        item.type === "Block" ? item.typeRange : item.nameRange,
        'a cluster policy file holds only `scaling "name" { … }` blocks',
      );
      continue;
    }
    const entry = readScaling(r, item);
    if (entry) entries.push(entry);
  }
  return { entries, problems: r.problems };
}

function readScaling(r: Reader, block: Block): PolicyFileEntry | undefined {
  const name = block.labels[0]?.value ?? "";
  const where = `scaling "${name}"`;
  if (block.labels.length !== 1)
    r.problem(block.typeRange, `${where}: a scaling block takes one label, its name`);
  const f = r.fields(block.body, SCALING_FIELDS, where);
  const type = text(r, f, "type", where);
  if (type !== undefined && type !== "cluster" && type !== "horizontal") {
    r.problem(
      f.attributes.get("type")?.range,
      `${where}: only cluster scaling policies are supported, not type "${type}"`,
    );
  }
  const policyBlocks = f.blocks.filter((b) => b.blockType === "policy");
  if (policyBlocks.length !== 1) {
    r.problem(block.typeRange, `${where} needs exactly one policy block`);
    return undefined;
  }
  const before = r.problems.length;
  const min = num(r, f, "min", where);
  const max = num(r, f, "max", where);
  const enabled = bool(r, f, "enabled", where) ?? true;
  const read = readPolicy(r, policyBlocks[0] as Block, where);
  if (!read || r.problems.length > before) return undefined;
  return {
    name,
    enabled,
    ...read.target,
    policy: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...read.policy },
  };
}

function readPolicy(r: Reader, block: Block, scaling: string) {
  const where = `${scaling} policy`;
  const f = r.fields(block.body, POLICY_FIELDS, where);
  const cooldown = duration(r, f, "cooldown", where);
  const cooldownUp = duration(r, f, "cooldown_on_scale_up", where);
  const interval = duration(r, f, "evaluation_interval", where);
  const checks = f.blocks
    .filter((b) => b.blockType === "check")
    .map((b) => readCheck(r, b, where))
    .filter((c): c is ScalingCheck => c !== undefined);
  const targets = f.blocks.filter((b) => b.blockType === "target");
  if (targets.length !== 1) {
    r.problem(block.typeRange, `${where} needs exactly one target block ("aws-asg" or "gce-mig")`);
    return undefined;
  }
  const target = readTarget(r, targets[0] as Block, where);
  if (!target) return undefined;
  const policy: ScalingPolicy = {
    ...(interval ? { evaluationInterval: interval } : {}),
    // nomad-autoscaler's cooldown follows every action; cooldown_on_scale_up overrides it for scale-up.
    ...(cooldown || cooldownUp ? { cooldown: { up: cooldownUp ?? cooldown, down: cooldown } } : {}),
    ...(checks.length > 0 ? { checks } : {}),
    ...target.drain,
  };
  return { policy, target: target.entry };
}

function readCheck(r: Reader, block: Block, policy: string): ScalingCheck | undefined {
  const where = `${policy} check "${block.labels[0]?.value ?? ""}"`;
  const f = r.fields(block.body, CHECK_FIELDS, where);
  const source = text(r, f, "source", where) ?? "nomad-apm";
  if (source !== "nomad-apm") {
    r.problem(
      f.attributes.get("source")?.range,
      `${where}: source "${source}" is not supported; only nomad-apm's allocated CPU and memory, which the autoscaler reads from its own snapshot`,
    );
    return undefined;
  }
  const query = text(r, f, "query", where);
  const metric = query ? QUERIES[query] : undefined;
  if (!metric) {
    r.problem(
      f.attributes.get("query")?.range ?? block.typeRange,
      `${where}: query ${query ? `"${query}"` : "is missing"}; use "percentage-allocated_cpu" or "percentage-allocated_memory"`,
    );
    return undefined;
  }
  const strategies = f.blocks.filter((b) => b.blockType === "strategy");
  const strategy = strategies[0];
  if (strategies.length !== 1 || !strategy) {
    r.problem(block.typeRange, `${where} needs exactly one strategy block`);
    return undefined;
  }
  const kind = strategy.labels[0]?.value ?? "";
  const sWhere = `${where} strategy "${kind}"`;
  if (kind === "target-value") {
    const s = r.fields(strategy.body, ["target", "threshold"], sWhere);
    const target = num(r, s, "target", sWhere);
    if (target === undefined) {
      r.problem(strategy.typeRange, `${sWhere} needs a target`);
      return undefined;
    }
    return { kind: "target-value", metric, target };
  }
  if (kind === "threshold") {
    const s = r.fields(
      strategy.body,
      ["upper_bound", "lower_bound", "delta", "percentage", "value", "within_bounds_trigger"],
      sWhere,
    );
    for (const unsupported of ["percentage", "value"]) {
      const a = s.attributes.get(unsupported);
      if (a)
        r.problem(
          a.range,
          `${sWhere}: ${unsupported} is not supported; use delta (nodes to add or, negative, remove)`,
        );
    }
    const delta = num(r, s, "delta", sWhere);
    if (delta === undefined) {
      r.problem(strategy.typeRange, `${sWhere} needs a delta`);
      return undefined;
    }
    const lowerBound = num(r, s, "lower_bound", sWhere);
    const upperBound = num(r, s, "upper_bound", sWhere);
    if (upperBound !== undefined) {
      return {
        kind: "threshold",
        metric,
        delta,
        upperBound,
        ...(lowerBound !== undefined ? { lowerBound } : {}),
      };
    }
    if (lowerBound !== undefined) return { kind: "threshold", metric, delta, lowerBound };
    r.problem(strategy.typeRange, `${sWhere} needs lower_bound, upper_bound or both`);
    return undefined;
  }
  r.problem(
    strategy.typeRange,
    `${where}: strategy "${kind}" is not supported; use "target-value" or "threshold"`,
  );
  return undefined;
}

function readTarget(r: Reader, block: Block, policy: string) {
  const kind = block.labels[0]?.value ?? "";
  const where = `${policy} target "${kind}"`;
  const known = TARGETS[kind];
  if (!known) {
    r.problem(block.typeRange, `${where}: only "aws-asg" and "gce-mig" targets are supported`);
    return undefined;
  }
  const f = r.fields(block.body, TARGET_FIELDS, where);
  const nodePool = text(r, f, "node_pool", where);
  const groupName = text(r, f, known.groupField, where);
  const nodeClass = text(r, f, "node_class", where);
  const datacenter = text(r, f, "datacenter", where);
  const deadline = duration(r, f, "node_drain_deadline", where);
  const ignoreSystemJobs = bool(r, f, "node_drain_ignore_system_jobs", where);
  const strategy = text(r, f, "node_selector_strategy", where);
  const purge = bool(r, f, "node_purge", where);
  bool(r, f, "dry-run", where);
  let selector: PolicySelector | undefined;
  if (nodePool) selector = { by: "node-pool", nodePool, ...(groupName ? { groupName } : {}) };
  else if (groupName) selector = { by: "group", groupName };
  if (!selector) {
    r.problem(
      block.typeRange,
      `${where} needs node_pool or ${known.groupField}, to know which group it scales`,
    );
    return undefined;
  }
  const notes: string[] = [];
  if (strategy && strategy !== "empty" && strategy !== "empty_ignore_system")
    notes.push(
      `node_selector_strategy "${strategy}": only nodes without service or batch work are removed here, emptiest first`,
    );
  if (purge === false) notes.push("node_purge = false: removed nodes are always purged here");
  const drain: Pick<ScalingPolicy, "drain"> =
    deadline !== undefined || ignoreSystemJobs !== undefined
      ? {
          drain: {
            ...(deadline ? { deadline } : {}),
            ...(ignoreSystemJobs !== undefined ? { ignoreSystemJobs } : {}),
          },
        }
      : {};
  return {
    drain,
    entry: {
      selector,
      cloud: known.cloud,
      notes,
      ...(nodeClass ? { nodeClass } : {}),
      ...(datacenter ? { datacenter } : {}),
    },
  };
}
