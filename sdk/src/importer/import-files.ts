import { App } from "../constructs/app.js";
import { NodePool } from "../constructs/node-pool.js";
import { parse } from "../hcl/parser.js";
import { type ApiObject, decodeJob } from "../jobspec/decode.js";
import { formatProblems } from "../synth/problems.js";
import { synthesize } from "../synth/synth.js";
import { type Expr, lit, newOf, type Stmt, withEntry } from "./code-model.js";
import { escapeStatements, jsonDiff } from "./escape-hatch.js";
import { walkJob } from "./model-walk.js";
import { type AppJob, appModule, type JobModule, jobModule, standaloneModule } from "./module-emit.js";
import { jobFileName, NameScope } from "./naming.js";
import { type Parameterized, parameterize } from "./parameterize.js";
import { runStatements } from "./run-statements.js";
import { withServiceNames } from "./service-names.js";

// HCL job files → one TypeScript module per job plus app.ts. Each job's code is run
// against the constructs and synthesized before it is written, so what it can't say is
// found here and goes through the escape hatch, never lost.

export interface ImportSource {
  /** Shown in messages and in the generated header, e.g. `jobs/web.nomad.hcl`. */
  readonly path: string;
  readonly source: string;
}

export interface ImportError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ImportedJob {
  readonly source: string;
  readonly jobId: string;
  /** The module written for it, relative to the output folder (`web.ts`). */
  readonly module: string;
  /** The function in it that builds the job. */
  readonly builder: string;
  readonly nodePool?: string;
  /** Reasons the escape hatch was needed, one per `addJsonPatch` call. */
  readonly escaped: string[];
  /** What synth said about the imported job, when it refused it. */
  readonly problems: string[];
}

export interface ImportResult {
  /** Files to write, relative to the output folder; app.ts last. */
  readonly files: Array<{ path: string; content: string }>;
  readonly jobs: ImportedJob[];
  readonly errors: ImportError[];
  readonly notes: string[];
  /** With `--environments`: the environments the app declares. */
  readonly environments?: string[];
}

export interface ImportOptions {
  /** The app's name (defaults to "imported"). */
  readonly appName?: string;
}

/** A job file decoded (with where its variables are used), or its errors with places. */
export function decodeSource(
  file: ImportSource,
): { job: ApiObject; variables?: Parameterized } | { errors: ImportError[] } {
  const parsed = parse(file.source);
  const decoded = decodeJob(parsed.file);
  const problems = [...parsed.errors, ...decoded.diagnostics.filter((d) => d.severity === "error")].map(
    (d) => ({
      file: file.path,
      line: d.range.start.line,
      column: d.range.start.column,
      message: d.message,
    }),
  );
  if (problems.length > 0 || !decoded.job) return { errors: problems };
  const variables = parameterize(parsed.file, decoded.job);
  const job = withServiceNames(decoded.job);
  return {
    job,
    ...(variables ? { variables: { ...variables, marked: withServiceNames(variables.marked) } } : {}),
  };
}

/**
 * The job's construct code, with escape-hatch statements for what it couldn't say. With
 * `marked` (the job with its variables marked), the code reads them from `vars`.
 */
export function jobCode(
  job: ApiObject,
  marked?: ApiObject,
  /** Build the job inside an environment of this name (for `--environments`). */
  env?: string,
): {
  stmts: Stmt[];
  nodePool?: string;
  escaped: string[];
  problems: string[];
} {
  const code = walkJob(marked ?? job);
  const known = escapeStatements(code.escapes);
  const first = synthesizeCode([...code.stmts, ...known.stmts], code.nodePool, env);
  if ("problems" in first) {
    return {
      ...code,
      stmts: [...code.stmts, ...known.stmts],
      escaped: known.reasons,
      problems: first.problems,
    };
  }
  const { stmts, reasons } = escapeStatements([...code.escapes, ...jsonDiff(first.job, job)]);
  return { ...code, stmts: [...code.stmts, ...stmts], escaped: reasons, problems: [] };
}

/** Runs job statements in a fresh app and synthesizes the one job. */
export function synthesizeCode(
  stmts: readonly Stmt[],
  nodePool: string | undefined,
  env?: string,
): { job: unknown } | { problems: string[] } {
  const app = new App({ name: "imported" });
  const scope = env === undefined ? app : app.environment(env, { values: {} });
  runStatements(stmts, { scope, nodePool: nodePool ? NodePool.existing(app, nodePool) : undefined });
  const result = synthesize(app, env === undefined ? {} : { env });
  if (result.problems.length > 0)
    return {
      problems: formatProblems(result.problems)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    };
  return { job: result.jobs[0]?.payload.Job };
}

export function importJobFiles(sources: readonly ImportSource[], options: ImportOptions = {}): ImportResult {
  const out = new ImportCollector();
  for (const file of sources) {
    const decoded = decodeSource(file);
    if ("errors" in decoded) out.errors.push(...decoded.errors);
    else out.addJob(file.path, decoded.job, decoded.variables);
  }
  return out.result(options);
}

/** Gathers imported jobs under unique module, function and job names, and writes app.ts. */
export class ImportCollector {
  readonly errors: ImportError[] = [];
  readonly notes: string[] = [];
  readonly jobs: Array<ImportedJob & AppJob> = [];
  readonly files: Array<{ path: string; content: string }> = [];
  private readonly moduleNames = new Set<string>(["app"]);
  private readonly builders = new NameScope(["app", "App", "NodePool"]);
  private readonly seenIds = new Map<string, string>();

  /** Imports one decoded job as a module of its own. */
  addJob(source: string, job: ApiObject, variables?: Parameterized): void {
    const code = jobCode(job, variables?.marked);
    const jobId = this.uniqueId(source, String(job.ID ?? ""));
    const stmts = jobId === job.ID ? code.stmts : renameJob(code.stmts, jobId, String(job.Name ?? job.ID));
    this.addModule(source, jobId, code, (builder) => ({
      source,
      jobId,
      builder,
      ...code,
      stmts,
      ...(variables ? { variables: variables.variables } : {}),
    }));
  }

  /** A job ID not used yet in the app; a second job with an ID gets `<id>-2`, with a note. */
  uniqueId(source: string, jobId: string): string {
    let id = jobId;
    for (let n = 2; this.seenIds.has(id); n++) id = `${jobId}-${n}`;
    if (id !== jobId) {
      this.notes.push(
        `${source}: job "${jobId}" was already imported from ${this.seenIds.get(jobId)}; this one is imported as job "${id}" ` +
          `(its name stays "${jobId}"): Nomad keeps one job per ID in a namespace, so pick the ID you want before deploying both`,
      );
    }
    this.seenIds.set(id, source);
    return id;
  }

  addModule(
    source: string,
    jobId: string,
    code: { escaped: string[]; problems: string[]; nodePool?: string },
    module: (builder: string) => JobModule,
    extra: Partial<AppJob> = {},
  ): string {
    const path = `${jobFileName(jobId, this.moduleNames)}.ts`;
    const builder = this.builders.name(jobId, "Job");
    for (const problem of code.problems)
      this.notes.push(`${source}: synth refuses the imported job: ${problem}`);
    for (const reason of code.escaped) this.notes.push(`${source}: escape hatch: ${reason}`);
    this.files.push({ path, content: jobModule(module(builder)) });
    this.jobs.push({
      source,
      jobId,
      module: path,
      builder,
      escaped: code.escaped,
      problems: code.problems,
      ...(code.nodePool !== undefined ? { nodePool: code.nodePool } : {}),
      ...extra,
    });
    return builder;
  }

  result(options: ImportOptions): ImportResult {
    const files = [...this.files];
    if (this.jobs.length > 0)
      files.push({ path: "app.ts", content: appModule(options.appName ?? "imported", this.jobs) });
    const environments = [...new Set(this.jobs.flatMap((j) => (j.environments ?? []).map((e) => e.name)))];
    return { files, jobs: this.jobs, errors: this.errors, notes: this.notes, environments };
  }
}

/** The job statement with another ID; the job keeps its name. */
function renameJob(stmts: readonly Stmt[], id: string, name: string): Stmt[] {
  return stmts.map((stmt) => {
    if (stmt.bind !== "job" || stmt.expr.kind !== "new") return stmt;
    const [scope, , props] = stmt.expr.args as [Expr, Expr, Expr];
    return { ...stmt, expr: newOf("Job", scope, lit(id), withEntry(props, "name", lit(name))) };
  });
}

/** One job file as one TypeScript module that builds the job and its app (the editor's conversion). */
export function importAsModule(
  file: ImportSource,
  options: ImportOptions = {},
): { content: string; escaped: string[]; problems: string[] } | { errors: ImportError[] } {
  const decoded = decodeSource(file);
  if ("errors" in decoded) return decoded;
  const jobId = String(decoded.job.ID ?? "");
  const code = jobCode(decoded.job, decoded.variables?.marked);
  const builder = new NameScope(["app", "App", "NodePool"]).name(jobId, "Job");
  const variables = decoded.variables ? { variables: decoded.variables.variables } : {};
  const content = standaloneModule(
    { source: file.path, jobId, builder, ...code, ...variables },
    options.appName ?? jobId,
  );
  return { content, escaped: code.escaped, problems: code.problems };
}
