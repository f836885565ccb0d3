// One document in, everything the editor and `nomadkit lint` need out: the file's kind,
// its AST, and every problem at once. The parse mode follows the kind (HCL2 for jobs,
// HCL1 for the files Nomad still reads with HCL1); jobs are decoded through jobspec so
// the editor, the linter and the synthesizer agree; the checks here add what jobspec2
// leaves to the server.
import type { Block, Range, SourceFile } from "../hcl/ast.js";
import { parse } from "../hcl/index.js";
import { decodeGroup, decodeJob } from "../jobspec/decode.js";
import { childSchema, type WalkStart } from "./binding.js";
import { type AnalysisDiagnostic, Findings } from "./diagnostic.js";
import { detectFileKind, type FileKind, parseModeFor } from "./file-kind.js";
import { type GroupResult, type Previous, reanalyze } from "./incremental.js";
import { schemaKeyFor } from "./kind-binding.js";
import { checkKindFile } from "./kind-checks.js";
import { collectSymbols, type SymbolOccurrence } from "./references.js";
import { checkRetryJoin } from "./retry-join.js";
import { checkRules, checkRulesForGroup, type RuleState } from "./rule-findings.js";
import { checkSchema } from "./schema-checks.js";

export interface AnalysisSettings {
  /** Warn about fields newer than this Nomad version ("1.6.0"); defaults to the pinned one. */
  targetNomadVersion?: string;
  /** Treat the document as this kind whatever its name and content say. */
  kind?: FileKind;
  /** Values for `variable` blocks, as `-var` gives them. */
  variables?: Record<string, unknown>;
}

export interface Analysis {
  uri: string;
  kind: FileKind;
  mode: "hcl2" | "hcl1";
  /** The AST, with the text it was parsed from. */
  ast: SourceFile;
  diagnostics: AnalysisDiagnostic[];
  /** Variables, locals, ports, volumes and tasks: declarations and references. */
  symbols: SymbolOccurrence[];
  /**
   * Present when this analysis can be the base of the next edit's (a job that parsed
   * cleanly): what the checks keep between edits, and the settings it was made with.
   */
  readonly incremental?: { readonly settingsKey: string; readonly state: unknown };
}

/**
 * Analyzes a document. Given the analysis of its previous version (the document store
 * keeps it), an edit that stays inside one group re-analyzes only that group.
 */
export function analyzeDocument(
  uri: string,
  text: string,
  settings: AnalysisSettings = {},
  previous?: Analysis,
): Analysis {
  const settingsKey = JSON.stringify(settings);
  const base = previous?.incremental;
  if (previous && base && base.settingsKey === settingsKey) {
    const prev: Previous = {
      ...base,
      ast: previous.ast,
      diagnostics: previous.diagnostics,
      symbols: previous.symbols,
    };
    const state = base.state as RuleState;
    let next: ReturnType<typeof reanalyze>;
    try {
      next = reanalyze(prev, text, (file, job, group) =>
        analyzeGroup(file, job, group, text, settings, state),
      );
    } catch {
      // A bug in a check: the whole-file analysis below reports it in the file.
      next = undefined;
    }
    // The edit must leave the file a job (an override comment could say otherwise).
    if (next && (settings.kind ?? detectFileKind(uri, text, next.ast)) === "job") {
      const { state: nextState, ...result } = next;
      const incremental = nextState !== undefined ? { incremental: { settingsKey, state: nextState } } : {};
      return { uri, kind: "job", mode: "hcl2", ...result, ...incremental };
    }
  }
  const { state, ...analysis } = analyzeWhole(uri, text, settings);
  const clean =
    analysis.kind === "job" &&
    analysis.mode === "hcl2" &&
    state !== undefined &&
    analysis.diagnostics.every((d) => d.code !== "syntax" && d.code !== "internal-error");
  // Only a job that parsed cleanly is a base for the next edit.
  return clean ? { ...analysis, incremental: { settingsKey, state } } : analysis;
}

function analyzeWhole(
  uri: string,
  text: string,
  settings: AnalysisSettings,
): Analysis & { state?: RuleState } {
  const findings = new Findings();
  // The kind may depend on the content, which needs a parse; HCL2 first, as most files are jobs.
  let parsed = parse(text, { mode: "hcl2" });
  let kind = settings.kind ?? detectFileKind(uri, text, parsed.file);
  let mode = parseModeFor(kind);
  if (kind === "json-job") return analyzeJson(uri, text, findings);
  if (mode === "hcl1") parsed = parse(text, { mode: "hcl1" });
  if (kind === "other" && parsed.errors.length > 0) {
    // Not one of Nomad's files: accept it if either syntax reads it.
    const hcl1 = parse(text, { mode: "hcl1" });
    if (hcl1.errors.length === 0) {
      parsed = hcl1;
      mode = "hcl1";
    }
  }
  if (kind === "other" && settings.kind === undefined && parsed.errors.length > 0) kind = "other";
  for (const e of parsed.errors) findings.error("syntax", e.message, e.range);
  const ast = parsed.file;
  let symbols: SymbolOccurrence[] = [];
  let state: RuleState | undefined;
  try {
    if (kind === "job") {
      const decoded = decodeJob(ast, {
        unsetVariables: "warning",
        ...(settings.variables ? { variables: settings.variables } : {}),
      });
      for (const d of decoded.diagnostics) {
        // Recovery leaves a half-written name as an attribute with no value: the syntax
        // error already says so, don't also call it an unknown attribute.
        if (
          parsed.errors.length > 0 &&
          d.code === "unknown-attribute" &&
          overlapsSyntaxError(d.range, parsed.errors)
        )
          continue;
        findings.add(d.severity, d.code, d.message, d.range);
      }
      symbols = checkJob(ast, findings, settings);
      state = checkRules(decoded.job, decoded.ranges, findings, text);
    } else {
      // Agent configs, ACL policies, volume, node pool and namespace specs: their kind's schema.
      const key = schemaKeyFor(kind, ast);
      if (key) checkKindFile(ast, key, findings, settings);
      if (kind === "agent") checkRetryJoin(ast, findings);
    }
  } catch (error) {
    // A bug in a check must not take the editor down: say so in the file instead.
    findings.add(
      "warning",
      "internal-error",
      `nomadkit could not finish checking this file (${error instanceof Error ? error.message : String(error)}); please report it.`,
      ast.range ?? ORIGIN,
    );
  }
  return {
    uri,
    kind,
    mode,
    ast,
    diagnostics: sortByPlace(findings.list),
    symbols,
    ...(state ? { state } : {}),
  };
}

/**
 * The checks that read the HCL itself rather than the decoded job (enum values, fields
 * newer than the target version), on the whole file or (with
 * `start`) some blocks of it. The semantic rules run on the decoded job: see rule-findings.ts.
 */
function checkJob(
  ast: SourceFile,
  findings: Findings,
  settings: AnalysisSettings,
  start?: WalkStart,
): SymbolOccurrence[] {
  const symbols = collectSymbols(ast, start);
  checkSchema(ast, findings, settings, start);
  return symbols;
}

/** One group's part of a job's analysis, as analyzeWhole would find it (see incremental.ts). */
function analyzeGroup(
  ast: SourceFile,
  job: Block,
  group: Block,
  text: string,
  settings: AnalysisSettings,
  prev: RuleState,
): GroupResult {
  const findings = new Findings();
  const decoded = decodeGroup(ast, group, {
    ...(settings.variables ? { variables: settings.variables } : {}),
  });
  for (const d of decoded.diagnostics) findings.add(d.severity, d.code, d.message, d.range);
  const state = checkRulesForGroup(prev, job, group, decoded, findings, text);
  const schema = childSchema({ kind: "jobFile" }, job, ast.body);
  const start: WalkStart = {
    blocks: [group],
    owner: job.body,
    schema,
    path: [{ block: job, schema, owner: ast.body }],
  };
  const symbols = checkJob(ast, findings, settings, start);
  return { diagnostics: sortByPlace(findings.list), symbols, state };
}

const ORIGIN: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

function overlapsSyntaxError(range: Range, errors: readonly { range: Range }[]): boolean {
  return errors.some(
    (e) => e.range.start.line === range.start.line || e.range.start.line === range.end.line + 1,
  );
}

function sortByPlace(list: AnalysisDiagnostic[]): AnalysisDiagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.range.start.offset - b.d.range.start.offset || a.i - b.i)
    .map(({ d }) => d);
}

/** A JSON jobspec: only its syntax is checked here (the API decodes the rest). */
function analyzeJson(uri: string, text: string, findings: Findings): Analysis {
  try {
    JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const offset = Math.min(text.length, at ? Number(at) : 0);
    const before = text.slice(0, offset).split("\n");
    const pos = { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1, offset };
    findings.error("syntax", `Not valid JSON: ${error instanceof Error ? error.message : String(error)}.`, {
      start: pos,
      end: pos,
    });
  }
  const ast: SourceFile = { type: "File", text, body: { type: "Body", items: [] } };
  return { uri, kind: "json-job", mode: "hcl2", ast, diagnostics: findings.list, symbols: [] };
}
