import { App } from "../constructs/app.js";
import { NodePool } from "../constructs/node-pool.js";
import { parse } from "../hcl/parser.js";
import { type ApiObject, decodeJob } from "../jobspec/decode.js";
import { formatProblems } from "../synth/problems.js";
import { synthesize } from "../synth/synth.js";
import type { Stmt } from "./code-model.js";
import { escapeStatements, jsonDiff } from "./escape-hatch.js";
import { runStatements } from "./evaluate.js";
import { walkJob } from "./model-walk.js";
import { appModule, jobModule } from "./module-emit.js";
import { jobFileName, NameScope } from "./naming.js";

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
}

export interface ImportOptions {
  /** The app's name (defaults to "imported"). */
  readonly appName?: string;
}

/** A job file decoded, or its errors with places. */
export function decodeSource(file: ImportSource): { job: ApiObject } | { errors: ImportError[] } {
  const parsed = parse(file.source);
  const decoded = decodeJob(parsed.file, { source: file.source });
  const problems = [...parsed.errors, ...decoded.diagnostics.filter((d) => d.severity === "error")].map(
    (d) => ({
      file: file.path,
      line: d.range.start.line,
      column: d.range.start.column,
      message: d.message,
    }),
  );
  if (problems.length > 0 || !decoded.job) return { errors: problems };
  return { job: decoded.job };
}

/** The job's construct code, with escape-hatch statements for what it couldn't say. */
export function jobCode(job: ApiObject): {
  stmts: Stmt[];
  nodePool?: string;
  escaped: string[];
  problems: string[];
} {
  const code = walkJob(job);
  const known = escapeStatements(code.escapes);
  const first = synthesizeCode([...code.stmts, ...known.stmts], code.nodePool);
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
): { job: unknown } | { problems: string[] } {
  const app = new App({ name: "imported" });
  runStatements(stmts, { scope: app, nodePool: nodePool ? NodePool.existing(app, nodePool) : undefined });
  const result = synthesize(app);
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
  const errors: ImportError[] = [];
  const notes: string[] = [];
  const jobs: ImportedJob[] = [];
  const files: Array<{ path: string; content: string }> = [];
  const moduleNames = new Set<string>(["app"]);
  const builders = new NameScope(["app", "App", "NodePool"]);
  const seenIds = new Map<string, string>();
  for (const file of sources) {
    const decoded = decodeSource(file);
    if ("errors" in decoded) {
      errors.push(...decoded.errors);
      continue;
    }
    const jobId = String(decoded.job.ID ?? "");
    const code = jobCode(decoded.job);
    const module = `${jobFileName(jobId, moduleNames)}.ts`;
    const builder = builders.name(jobId, "Job");
    const earlier = seenIds.get(jobId);
    if (earlier !== undefined) {
      notes.push(
        `${file.path}: job "${jobId}" was already imported from ${earlier}; this one is ${module} (${builder}). ` +
          "Nomad keeps one job per ID in a namespace, so give one of them another ID or namespace before deploying both.",
      );
    } else seenIds.set(jobId, file.path);
    for (const problem of code.problems)
      notes.push(`${file.path}: synth refuses the imported job: ${problem}`);
    for (const reason of code.escaped) notes.push(`${file.path}: escape hatch: ${reason}`);
    files.push({ path: module, content: jobModule({ source: file.path, jobId, builder, ...code }) });
    jobs.push({
      source: file.path,
      jobId,
      module,
      builder,
      escaped: code.escaped,
      problems: code.problems,
      ...(code.nodePool !== undefined ? { nodePool: code.nodePool } : {}),
    });
  }
  if (jobs.length > 0)
    files.push({ path: "app.ts", content: appModule(options.appName ?? "imported", jobs) });
  return { files, jobs, errors, notes };
}
