// Re-analysis after an edit inside one `group` block of a job. Parsing, decoding and
// checking a 10,000-line job takes ~250 ms, too slow to run on each keystroke; but a
// group decodes and checks on its own (only `var.*` and `local.*` come from outside it),
// so after an edit inside one group only that group is parsed, decoded and checked again,
// and everything after it is kept with its positions shifted. Whenever that can't be shown
// to give what a whole-file analysis gives (syntax errors, an edit outside a group's body,
// a group that no longer parses alone), the caller falls back to the whole file.
import type { Block, Body, Position, Range, SourceFile } from "../hcl/ast.js";
import { parse } from "../hcl/index.js";
import type { AnalysisDiagnostic } from "./diagnostic.js";
import type { SymbolOccurrence } from "./references.js";

/** What an incremental step needs to know about the last analysis of a document. */
export interface Previous {
  /** The settings it was made with: different settings, different results. */
  settingsKey: string;
  ast: SourceFile;
  diagnostics: AnalysisDiagnostic[];
  symbols: SymbolOccurrence[];
  /** What the caller's checks keep between edits (the decoded job and its rule findings). */
  state?: unknown;
}

/** The part of an analysis that comes from one group: the caller runs decode and checks on it. */
export interface GroupResult {
  diagnostics: AnalysisDiagnostic[];
  symbols: SymbolOccurrence[];
  /** The caller's state after the edit, kept for the next one. */
  state?: unknown;
}

export type AnalyzeGroup = (file: SourceFile, job: Block, group: Block) => GroupResult;

/** Thrown when an incremental step meets something it can't carry over exactly. */
class NotIncremental extends Error {}

/**
 * The new AST, diagnostics and symbols after `prev.text` became `text`, or undefined when
 * only a whole-file analysis gives the right answer.
 */
export function reanalyze(
  prev: Previous,
  text: string,
  analyzeGroup: AnalyzeGroup,
):
  | { ast: SourceFile; diagnostics: AnalysisDiagnostic[]; symbols: SymbolOccurrence[]; state?: unknown }
  | undefined {
  try {
    return splice(prev, text, analyzeGroup);
  } catch (error) {
    if (error instanceof NotIncremental) return undefined;
    throw error;
  }
}

function splice(prev: Previous, text: string, analyzeGroup: AnalyzeGroup) {
  const old = prev.ast.text;
  // The changed span: old[from, oldEnd) became text[from, newEnd).
  const min = Math.min(old.length, text.length);
  let from = 0;
  while (from < min && old.charCodeAt(from) === text.charCodeAt(from)) from++;
  let same = 0;
  while (
    same < min - from &&
    old.charCodeAt(old.length - 1 - same) === text.charCodeAt(text.length - 1 - same)
  )
    same++;
  const oldEnd = old.length - same;
  const newEnd = text.length - same;
  const delta = text.length - old.length;

  const jobs = prev.ast.body.items.filter((i): i is Block => i.type === "Block" && i.blockType === "job");
  const job = jobs.length === 1 ? jobs[0] : undefined;
  if (!job) throw new NotIncremental();
  const index = job.body.items.findIndex(
    (i) =>
      i.type === "Block" &&
      i.blockType === "group" &&
      i.body.range !== undefined &&
      from >= i.body.range.start.offset &&
      oldEnd <= i.body.range.end.offset,
  );
  const group = job.body.items[index] as Block | undefined;
  const groupRange = group?.range;
  if (!group || !groupRange) throw new NotIncremental();
  const start = groupRange.start;

  // The group alone, parsed from its new text and moved to where it sits in the file.
  const groupEnd = groupRange.end.offset + delta;
  const parsed = parse(text.slice(start.offset, groupEnd), { mode: "hcl2" });
  const items = parsed.file.body.items.filter((i) => i.type !== "BlankLine");
  const fresh = items[0];
  if (
    parsed.errors.length > 0 ||
    items.length !== 1 ||
    fresh?.type !== "Block" ||
    fresh.blockType !== "group"
  )
    throw new NotIncremental();
  relocate(fresh, start);
  if (fresh.range?.start.offset !== start.offset || fresh.range.end.offset !== groupEnd)
    throw new NotIncremental();

  // Everything after the edit moves by the same amount; lines only if newlines came or went.
  const oldAt = advance(old, start, oldEnd);
  const newAt = advance(text, start, newEnd);
  const shift = (pos: Position): Position =>
    pos.offset < oldEnd
      ? pos
      : {
          line: pos.line + newAt.line - oldAt.line,
          column: pos.line === oldAt.line ? pos.column + newAt.column - oldAt.column : pos.column,
          offset: pos.offset + delta,
        };
  const shiftRange = (r: Range): Range => ({ start: shift(r.start), end: shift(r.end) });
  const bodies = new Map<Body, Body>();
  const copy = <T>(node: T): T => cloneShifted(node, shift, bodies) as T;

  // Nodes before the edit are shared with the previous AST (never mutated); later ones are copies.
  const jobBody: Body = {
    ...job.body,
    ...(job.body.range ? { range: shiftRange(job.body.range) } : {}),
    items: job.body.items.map((item, i) => (i < index ? item : i === index ? fresh : copy(item))),
  };
  bodies.set(job.body, jobBody);
  const newJob: Block = { ...job, ...(job.range ? { range: shiftRange(job.range) } : {}), body: jobBody };
  const top: Body = {
    ...prev.ast.body,
    ...(prev.ast.body.range ? { range: shiftRange(prev.ast.body.range) } : {}),
    items: prev.ast.body.items.map((item) =>
      item === job ? newJob : item.range && item.range.end.offset <= from ? item : copy(item),
    ),
  };
  bodies.set(prev.ast.body, top);
  const ast: SourceFile = {
    ...prev.ast,
    text,
    ...(prev.ast.range ? { range: shiftRange(prev.ast.range) } : {}),
    body: top,
  };

  const unit = analyzeGroup(ast, newJob, fresh);
  const inside = (r: Range, end: number) => r.start.offset >= start.offset && r.end.offset <= end;
  if (!unit.diagnostics.every((d) => inside(d.range, groupEnd))) throw new NotIncremental();
  if (!unit.symbols.every((s) => inside(s.range, groupEnd))) throw new NotIncremental();

  // Diagnostics are sorted by place: the group's own sit between those before and after it.
  const before: AnalysisDiagnostic[] = [];
  const after: AnalysisDiagnostic[] = [];
  for (const d of prev.diagnostics) {
    const at = d.range.start.offset;
    if (at < start.offset) {
      if (d.range.end.offset > start.offset) throw new NotIncremental();
      before.push(d);
    } else if (at >= groupRange.end.offset) after.push({ ...d, range: shiftRange(d.range) });
    else if (d.range.end.offset > groupRange.end.offset) throw new NotIncremental();
  }
  const diagnostics = [...before, ...unit.diagnostics, ...after];

  const moveSymbol = (s: SymbolOccurrence): SymbolOccurrence => {
    const owner = s.owner && bodies.get(s.owner);
    if (s.owner && !owner) throw new NotIncremental();
    return {
      ...s,
      range: shiftRange(s.range),
      scope: shiftScope(s.scope, oldEnd, delta),
      ...(owner ? { owner } : {}),
    };
  };
  const symbols = spliceSymbols(prev.symbols, unit.symbols, start.offset, groupRange.end.offset, moveSymbol);
  return { ast, diagnostics, symbols, ...(unit.state !== undefined ? { state: unit.state } : {}) };
}

/**
 * collectSymbols lists file-level declarations, then block names and references (in walk
 * order), then `var.`/`local.` references (in document order). In each section the
 * group's symbols form one run between those before and after it, so each section is
 * spliced on its own.
 */
function spliceSymbols(
  prev: readonly SymbolOccurrence[],
  group: readonly SymbolOccurrence[],
  start: number,
  end: number,
  move: (s: SymbolOccurrence) => SymbolOccurrence,
): SymbolOccurrence[] {
  const section = (s: SymbolOccurrence) =>
    s.kind === "variable" || s.kind === "local" ? (s.declaration ? 0 : 2) : 1;
  const out: SymbolOccurrence[][] = [[], [], []];
  const inserted = [false, false, false];
  const insert = (n: number) => {
    if (inserted[n]) return;
    inserted[n] = true;
    for (const s of group) if (section(s) === n) out[n]?.push(s);
  };
  for (const s of prev) {
    const n = section(s);
    const at = s.range.start.offset;
    if (at < start) {
      out[n]?.push(s);
      continue;
    }
    insert(n);
    if (at >= end) out[n]?.push(move(s));
  }
  for (const n of [0, 1, 2]) insert(n);
  return out.flat();
}

/** Group scopes are named by the group's offset ("group@1234"); later groups move. */
function shiftScope(scope: string, from: number, delta: number): string {
  if (!scope.startsWith("group@")) return scope;
  const at = Number(scope.slice(6));
  return at >= from ? `group@${at + delta}` : scope;
}

/** Moves a freshly parsed node's positions from its own text's to the file's (in place: nothing else holds it). */
function relocate(node: unknown, base: Position): void {
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const o = v as Record<string, unknown>;
    if (isPosition(o)) {
      if (o.line === 1) o.column += base.column - 1;
      o.line += base.line - 1;
      o.offset += base.offset;
      return;
    }
    for (const k in o) visit(o[k]);
  };
  visit(node);
}

/**
 * A copy of an AST node with every position shifted; copied bodies are recorded for symbol
 * owners. This runs over most of a big file on each edit, so it is written for speed:
 * indexed loops, and only positions have an `offset`.
 */
function cloneShifted(v: unknown, shift: (p: Position) => Position, bodies: Map<Body, Body>): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const list = new Array(v.length);
    for (let i = 0; i < v.length; i++) list[i] = cloneShifted(v[i], shift, bodies);
    return list;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.offset === "number") return shift(o as unknown as Position);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[k] = cloneShifted(o[k], shift, bodies);
  }
  if (o.type === "Body") bodies.set(o as unknown as Body, out as unknown as Body);
  return out;
}

function isPosition(o: Record<string, unknown>): o is Record<string, unknown> & Position {
  return typeof o.offset === "number" && typeof o.line === "number" && typeof o.column === "number";
}

/** The position of `offset` in `text`, counting from a known earlier position. */
function advance(text: string, from: Position, offset: number): Position {
  let { line, column } = from;
  for (let i = from.offset; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, offset };
}
