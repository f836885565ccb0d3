import { basename } from "node:path";
import { App } from "../constructs/app.js";
import { NodePool } from "../constructs/node-pool.js";
import { parse } from "../hcl/parser.js";
import { type ApiObject, decodeJob } from "../jobspec/decode.js";
import { Diagnostics } from "../jobspec/diagnostics.js";
import { Evaluator } from "../jobspec/expression-evaluator.js";
import { api } from "../schema/index.js";
import { synthesize } from "../synth/synth.js";
import { arr, type Expr, lit, obj, ref, type Stmt } from "./code-model.js";
import { jsonDiff } from "./escape-hatch.js";
import {
  decodeSource,
  ImportCollector,
  type ImportError,
  type ImportOptions,
  type ImportResult,
  type ImportSource,
  jobCode,
} from "./import-files.js";
import { camelIdentifier, NameScope } from "./naming.js";
import { runStatements } from "./run-statements.js";
import { withServiceNames } from "./service-names.js";

// `--environments`: files that differ only by environment (web.qa.nomad.hcl and
// web.prod.nomad.hcl) become one job builder. Their construct code is compared statement by
// statement; every value that differs becomes a typed field of the job's values, and each
// environment of the app passes its own. A job file with var files per environment
// (web.nomad.hcl with web.qa.vars.hcl, web.prod.vars.hcl) is decoded once per var file and
// merged the same way. Files that can't be merged are imported one by one.

/** `web.prod.nomad.hcl` → { base: "web", env: "prod" }; undefined without an environment part. */
export function environmentOfFile(path: string): { base: string; env: string } | undefined {
  const name = basename(path).replace(/(\.nomad)?\.hcl$|\.nomad$/, "");
  const parts = name.split(".");
  if (parts.length < 2) return undefined;
  return { env: parts.pop() as string, base: parts.join(".") };
}

interface Decoded {
  source: string;
  env: string;
  job: ApiObject;
}

/** `web.qa.vars.hcl` → { base: "web", env: "qa" }: a var file for one environment of `web.nomad.hcl`. */
export function varFileOf(path: string): { base: string; env: string } | undefined {
  const m = /^(.+)\.([^.]+)\.vars\.hcl$/.exec(basename(path));
  return m ? { base: m[1] as string, env: m[2] as string } : undefined;
}

/** The values a var file sets (`name = value` lines), or its errors. */
function readVarFile(file: ImportSource): { values: Record<string, unknown> } | { errors: ImportError[] } {
  const parsed = parse(file.source);
  const diagnostics = new Diagnostics();
  const constants = new Evaluator({ scope: null, source: parsed.file.text }, diagnostics);
  const values: Record<string, unknown> = {};
  for (const item of parsed.file.body.items) {
    if (item.type === "Attribute") values[item.name] = constants.value(item.value);
  }
  const errors = [...parsed.errors, ...diagnostics.list.filter((d) => d.severity === "error")].map((d) => ({
    file: file.path,
    line: d.range.start.line,
    column: d.range.start.column,
    message: d.message,
  }));
  return errors.length > 0 ? { errors } : { values };
}

export function importEnvironments(
  sources: readonly ImportSource[],
  options: ImportOptions = {},
): ImportResult {
  const out = new ImportCollector();
  const sets = new Map<string, Decoded[]>();
  const singles: Array<{ source: string; job: ApiObject }> = [];
  // A job file with var files per environment: the job decoded once with each file's values.
  const varFiles = sources.filter((f) => varFileOf(f.path));
  const jobFiles = sources.filter((f) => !varFileOf(f.path));
  const withVarFiles = new Set<ImportSource>();
  for (const jobFile of jobFiles) {
    const base = basename(jobFile.path).replace(/(\.nomad)?\.hcl$|\.nomad$/, "");
    const mine = varFiles.filter((v) => varFileOf(v.path)?.base === base);
    if (mine.length === 0) continue;
    withVarFiles.add(jobFile);
    for (const varFile of mine) {
      const read = readVarFile(varFile);
      if ("errors" in read) {
        out.errors.push(...read.errors);
        continue;
      }
      const parsed = parse(jobFile.source);
      const decoded = decodeJob(parsed.file, { variables: read.values });
      const errors = [...parsed.errors, ...decoded.diagnostics.filter((d) => d.severity === "error")];
      if (errors.length > 0 || !decoded.job) {
        out.errors.push(
          ...errors.map((d) => ({
            file: `${jobFile.path} with ${varFile.path}`,
            line: d.range.start.line,
            column: d.range.start.column,
            message: d.message,
          })),
        );
        continue;
      }
      const env = varFileOf(varFile.path)?.env as string;
      const source = `${jobFile.path} + ${varFile.path}`;
      sets.set(base, [...(sets.get(base) ?? []), { source, env, job: withServiceNames(decoded.job) }]);
    }
  }
  for (const file of jobFiles) {
    if (withVarFiles.has(file)) continue;
    const decoded = decodeSource(file);
    if ("errors" in decoded) {
      out.errors.push(...decoded.errors);
      continue;
    }
    const at = environmentOfFile(file.path);
    if (at)
      sets.set(at.base, [...(sets.get(at.base) ?? []), { source: file.path, env: at.env, job: decoded.job }]);
    else singles.push({ source: file.path, job: decoded.job });
  }
  for (const [base, set] of sets) {
    const envs = new Set(set.map((d) => d.env));
    const merged = envs.size === set.length && set.length > 1 ? mergeSet(set) : undefined;
    if (!merged) {
      if (set.length > 1)
        out.notes.push(`${base}: its environments differ in shape, so each file is imported on its own`);
      for (const d of set) out.addJob(d.source, d.job);
      continue;
    }
    const first = set[0] as Decoded;
    const jobId = out.uniqueId(set.map((d) => d.source).join(", "), String(first.job.ID ?? ""));
    out.addModule(
      set.map((d) => d.source).join(", "),
      jobId,
      merged,
      (builder) => ({
        source: set.map((d) => d.source).join(", "),
        jobId,
        builder,
        stmts: merged.stmts,
        values: merged.types,
        ...(merged.nodePool !== undefined ? { nodePool: merged.nodePool } : {}),
      }),
      { environments: set.map((d) => ({ name: d.env, values: merged.values[d.env] ?? {} })) },
    );
  }
  for (const s of singles) out.addJob(s.source, s.job);
  return out.result(options);
}

interface Merged {
  stmts: Stmt[];
  types: Array<[string, string]>;
  values: Record<string, Record<string, unknown>>;
  escaped: string[];
  problems: string[];
  nodePool?: string;
}

/** One set of statements with `values.x` where the environments differ, checked by synthesizing each. */
function mergeSet(set: readonly Decoded[]): Merged | undefined {
  const codes = set.map((d) => jobCode(d.job, withoutEnvSuffix(d.job, d.env), d.env));
  const pools = new Set(codes.map((c) => c.nodePool));
  if (pools.size > 1 || codes.some((c) => c.problems.length > 0)) return undefined;
  const lengths = new Set(codes.map((c) => c.stmts.length));
  if (lengths.size > 1) return undefined;
  const leaves = new Leaves(set.map((d) => d.env));
  const stmts: Stmt[] = [];
  const count = codes[0]?.stmts.length ?? 0;
  for (let i = 0; i < count; i++) {
    const each = codes.map((c) => c.stmts[i] as Stmt);
    const head = each[0] as Stmt;
    if (each.some((s) => s.bind !== head.bind)) return undefined;
    const prefix = constructLabel(head.expr);
    const expr = mergeExpr(
      each.map((s) => s.expr),
      prefix,
      leaves,
    );
    if (!expr) return undefined;
    stmts.push({ ...head, expr });
  }
  const nodePool = codes[0]?.nodePool;
  // The merged code must give back each environment's job exactly.
  for (const d of set) {
    const app = new App({ name: "imported" });
    const env = app.environment(d.env, { values: leaves.values[d.env] ?? {} });
    runStatements(stmts, {
      scope: env,
      values: leaves.values[d.env],
      nodePool: nodePool ? NodePool.existing(app, nodePool) : undefined,
    });
    const result = synthesize(app, { env: d.env });
    if (result.problems.length > 0 || jsonDiff(result.jobs[0]?.payload.Job, d.job).length > 0)
      return undefined;
  }
  return {
    stmts,
    types: leaves.types,
    values: leaves.values,
    escaped: [...new Set(codes.flatMap((c) => c.escaped))],
    problems: [],
    ...(nodePool !== undefined ? { nodePool } : {}),
  };
}

/**
 * The job with `-<env>` taken off its Consul service names: nomadkit adds the environment
 * to Consul names itself (web → web-qa), so the merged code names the service once.
 */
function withoutEnvSuffix(job: ApiObject, env: string): ApiObject {
  const S = (hcl: string) => api("Service", hcl);
  const strip = (services: unknown) =>
    Array.isArray(services)
      ? services.map((s: ApiObject) => {
          const name = s[S("name")];
          const consul = s[S("provider")] !== "nomad";
          return consul && typeof name === "string" && name.endsWith(`-${env}`)
            ? { ...s, [S("name")]: name.slice(0, -env.length - 1) }
            : s;
        })
      : services;
  const G = (hcl: string) => api("TaskGroup", hcl);
  const groups = (job[api("Job", "group")] as ApiObject[] | undefined)?.map((g) => ({
    ...g,
    [G("service")]: strip(g[G("service")]),
    [G("task")]: (g[G("task")] as ApiObject[] | undefined)?.map((t) => ({
      ...t,
      [api("Task", "service")]: strip(t[api("Task", "service")]),
    })),
  }));
  return groups ? ({ ...job, [api("Job", "group")]: groups } as unknown as ApiObject) : job;
}

/** The label a construct statement gives (`new Group(job, "api", …)` → "api"), for value names. */
function constructLabel(e: Expr): string {
  if (e.kind !== "new" || e.cls === "Job") return "";
  const label = e.args[1];
  return label?.kind === "lit" && typeof label.value === "string" ? label.value : "";
}

/** The values that differ, one named, typed field each. */
class Leaves {
  readonly types: Array<[string, string]> = [];
  readonly values: Record<string, Record<string, unknown>> = {};
  private readonly names = new NameScope();

  constructor(private readonly envs: readonly string[]) {
    for (const env of envs) this.values[env] = {};
  }

  add(hint: string, each: readonly unknown[]): Expr {
    const name = this.names.name(hint || "value");
    this.envs.forEach((env, i) => {
      (this.values[env] as Record<string, unknown>)[name] = each[i];
    });
    this.types.push([name, typeOfValues(each)]);
    return ref(`values.${name}`);
  }
}

function mergeExpr(es: readonly Expr[], hint: string, leaves: Leaves): Expr | undefined {
  const first = es[0] as Expr;
  if (es.every((e) => JSON.stringify(e) === JSON.stringify(first))) return first;
  const kinds = new Set(es.map((e) => e.kind));
  if (kinds.size > 1 || kinds.has("ref")) return undefined;
  switch (first.kind) {
    case "lit": {
      const values = es.map((e) => (e as { value: unknown }).value);
      if (values.every(isPlainObject)) return mergeExpr(values.map(litTree), hint, leaves);
      if (values.every(Array.isArray) && new Set(values.map((v) => (v as unknown[]).length)).size === 1) {
        return mergeExpr(values.map(litTree), hint, leaves);
      }
      return leaves.add(camelIdentifier(hint), values);
    }
    case "obj": {
      const keys = [...new Set(es.flatMap((e) => (e.kind === "obj" ? e.entries.map(([k]) => k) : [])))];
      const entries: Array<[string, Expr]> = [];
      for (const key of keys) {
        const each = es.map((e) => (e.kind === "obj" ? e.entries.find(([k]) => k === key)?.[1] : undefined));
        if (each.some((x) => x === undefined)) {
          // Set in some environments only: a value that is undefined elsewhere, when it is plain data.
          if (each.some((x) => x !== undefined && x.kind !== "lit")) return undefined;
          entries.push([
            key,
            leaves.add(
              camelIdentifier(`${hint} ${key}`),
              each.map((x) => (x?.kind === "lit" ? x.value : undefined)),
            ),
          ]);
          continue;
        }
        const merged = mergeExpr(each as Expr[], `${hint} ${key}`, leaves);
        if (!merged) return undefined;
        entries.push([key, merged]);
      }
      return obj(entries);
    }
    case "arr": {
      const lists = es.map((e) => (e.kind === "arr" ? e.items : []));
      if (new Set(lists.map((l) => l.length)).size > 1) return undefined;
      const items: Expr[] = [];
      for (let i = 0; i < first.items.length; i++) {
        const merged = mergeExpr(
          lists.map((l) => l[i] as Expr),
          hint,
          leaves,
        );
        if (!merged) return undefined;
        items.push(merged);
      }
      return arr(items);
    }
    case "call":
    case "new": {
      const heads = new Set(es.map((e) => (e.kind === "call" ? e.callee : e.kind === "new" ? e.cls : "")));
      const argc = new Set(es.map((e) => (e.kind === "call" || e.kind === "new" ? e.args.length : -1)));
      if (heads.size > 1 || argc.size > 1) return undefined;
      const args: Expr[] = [];
      for (let i = 0; i < first.args.length; i++) {
        const merged = mergeExpr(
          es.map((e) => (e as { args: readonly Expr[] }).args[i] as Expr),
          hint,
          leaves,
        );
        if (!merged) return undefined;
        args.push(merged);
      }
      return first.kind === "call" ? { ...first, args } : { ...first, args };
    }
    default:
      return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A JSON literal as an expression tree, so its differing parts can be found. */
function litTree(value: unknown): Expr {
  if (Array.isArray(value)) return arr(value.map(litTree));
  if (isPlainObject(value)) return obj(Object.entries(value).map(([k, v]) => [k, litTree(v)]));
  return lit(value);
}

/** A TypeScript type every environment's value fits: literal unions for text (fields are often enums). */
function typeOfValues(values: readonly unknown[]): string {
  return [...new Set(values.map(typeOf))].join(" | ");
}

function typeOf(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? "never[]" : `Array<${typeOfValues(value)}>`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${typeOf(v)}`).join("; ")} }`;
}
