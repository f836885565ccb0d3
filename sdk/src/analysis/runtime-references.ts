// References a job makes to its own ports and upstreams through names the client fills in
// at run time: `${NOMAD_PORT_http}` in an env value, `$NOMAD_ADDR_db` in a shell command,
// `{{ env "NOMAD_UPSTREAM_ADDR_api" }}` in a template. They are text, not HCL references, so
// they are kept out of the symbol index (whose "undeclared" checks are for real references)
// and found on demand, per group, when navigation, rename or hover asks.
import type { Block, Body, ConfigFile, Position, Range, TemplateLiteral } from "../hcl/ast.js";
import { describeRuntimeName, envLabel, findRuntimeNames, type RuntimeNameKind } from "../schema/index.js";
import { walkExpression } from "./expressions.js";
import { occurrencesOf, type SymbolOccurrence, symbolAt } from "./references.js";

export interface RuntimeReference extends SymbolOccurrence {
  kind: RuntimeNameKind;
  declaration: false;
  /** The family, e.g. `NOMAD_PORT_`; `range` covers only the label after it (what rename edits). */
  prefix: string;
  /** The whole name, family and label: the cursor anywhere on it means this reference. */
  whole: Range;
}

/** Any NOMAD_* name in the text, fixed (`NOMAD_ALLOC_DIR`) or per port/upstream. */
export interface RuntimeNameAt {
  name: string;
  range: Range;
}

/** The groups of a file with the scope string the symbol index gives them. */
function groupsOf(file: ConfigFile): { group: Block; scope: string }[] {
  const out: { group: Block; scope: string }[] = [];
  for (const job of file.body.items)
    if (job.type === "Block" && job.blockType === "job")
      for (const g of job.body.items)
        if (g.type === "Block" && g.blockType === "group")
          out.push({ group: g, scope: `group@${g.range?.start.offset ?? 0}` });
  return out;
}

/** The group enclosing `offset`, if any. */
export function groupAt(file: ConfigFile, offset: number): { group: Block; scope: string } | undefined {
  return groupsOf(file).find(
    ({ group }) => group.range && offset >= group.range.start.offset && offset <= group.range.end.offset,
  );
}

/** Runtime references to ports and upstreams, in the group at `offset` or in every group. */
export function collectRuntimeReferences(file: ConfigFile, offset?: number): RuntimeReference[] {
  const groups = offset === undefined ? groupsOf(file) : [groupAt(file, offset)].filter((g) => !!g);
  const out: RuntimeReference[] = [];
  for (const { group, scope } of groups)
    eachRuntimeText(group.body, (text, base, interpolated) => {
      if (interpolated) {
        // `${NOMAD_PORT_http}` parsed as an HCL reference: the whole text is the name.
        const found = describeRuntimeName(text);
        if (!found || !("family" in found)) return;
        const start = advance(base, text, found.family.prefix.length);
        out.push(reference(found.family.kind, found.label, found.family.prefix, base, start, text, scope));
        return;
      }
      for (const r of findRuntimeNames(text)) {
        const start = advance(base, text, r.start);
        const from = advance(base, text, r.start - r.prefix.length);
        out.push(reference(r.kind, r.name, r.prefix, from, start, text.slice(r.start), scope));
      }
    });
  return out;
}

/** `from` is where the family prefix starts, `start` where the label does. */
function reference(
  kind: RuntimeNameKind,
  name: string,
  prefix: string,
  from: Position,
  start: Position,
  rest: string,
  scope: string,
): RuntimeReference {
  const end = advance(start, rest, name.length);
  return {
    kind,
    name,
    prefix,
    range: { start, end },
    whole: { start: from, end },
    declaration: false,
    scope,
  };
}

/**
 * Every occurrence linked to `symbol` in its group: the port's (or upstream's) declaration,
 * its references in the symbol index, and the runtime names built from it. Labels are
 * compared the way the client builds names, so port `count-api` owns `NOMAD_PORT_count_api`.
 */
export function linkedOccurrences(
  symbols: readonly SymbolOccurrence[],
  runtime: readonly RuntimeReference[],
  symbol: SymbolOccurrence,
): SymbolOccurrence[] {
  if (symbol.kind !== "port" && symbol.kind !== "upstream") return occurrencesOf(symbols, symbol);
  const decl = symbols.find(
    (s) =>
      s.declaration &&
      s.kind === symbol.kind &&
      s.scope === symbol.scope &&
      envLabel(s.name) === envLabel(symbol.name),
  );
  const label = decl?.name ?? symbol.name;
  const own = occurrencesOf(symbols, { ...symbol, name: label });
  const named = runtime.filter(
    (r) => r.kind === symbol.kind && r.scope === symbol.scope && envLabel(r.name) === envLabel(label),
  );
  return [...own, ...named].sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The symbol (or runtime name) under `offset` and everything linked to it, for navigation and rename. */
export function linkedAt(
  symbols: readonly SymbolOccurrence[],
  file: ConfigFile,
  offset: number,
): { symbol: SymbolOccurrence; occurrences: SymbolOccurrence[] } | undefined {
  const indexed = symbolAt(symbols, offset);
  // Variables and locals never have runtime names: skip the scan for them.
  const runtime =
    indexed && indexed.kind !== "port" && indexed.kind !== "upstream"
      ? []
      : collectRuntimeReferences(file, offset);
  const symbol =
    indexed ?? runtime.find((r) => r.whole.start.offset <= offset && offset <= r.whole.end.offset);
  return symbol && { symbol, occurrences: linkedOccurrences(symbols, runtime, symbol) };
}

/** The NOMAD_* name under `offset` in a string or interpolation of the file, if any. */
export function runtimeNameAt(file: ConfigFile, offset: number): RuntimeNameAt | undefined {
  let found: RuntimeNameAt | undefined;
  const body: Body = groupAt(file, offset)?.group.body ?? file.body;
  eachRuntimeText(body, (text, base) => {
    if (found || offset < base.offset || offset > base.offset + text.length) return;
    for (const m of text.matchAll(/NOMAD_\w+/g)) {
      const from = m.index ?? 0;
      if (offset < base.offset + from || offset > base.offset + from + m[0].length) continue;
      const start = advance(base, text, from);
      found = { name: m[0], range: { start, end: advance(start, m[0], m[0].length) } };
      return;
    }
  });
  return found;
}

/**
 * Calls `visit` with each piece of text that can hold a runtime name and where it starts:
 * the raw text of a string's or heredoc's literal parts, and the root of a bare `${NAME}`
 * interpolation (`interpolated`).
 */
function eachRuntimeText(
  body: Body,
  visit: (text: string, at: Position, interpolated: boolean) => void,
): void {
  for (const item of body.items) {
    if (item.type === "Block") eachRuntimeText(item.body, visit);
    if (item.type !== "Attribute") continue;
    walkExpression(item.value, (expr) => {
      if (expr.type !== "Template") return;
      for (const part of expr.parts) {
        if (part.type === "TemplateLiteral") {
          const at = literalStart(part);
          if (at) visit(part.raw ?? part.value, at, false);
        } else if (part.type === "TemplateInterpolation") {
          const t = part.expr;
          if (t.type === "Traversal" && t.steps.length === 0 && t.rootRange && t.root.startsWith("NOMAD_"))
            visit(t.root, t.rootRange.start, true);
        }
      }
    });
  }
}

function literalStart(part: TemplateLiteral): Position | undefined {
  // Only text as written has offsets that match the source.
  return part.raw !== undefined ? part.range?.start : undefined;
}

/** The position `count` UTF-16 units into `text`, which starts at `from`. */
function advance(from: Position, text: string, count: number): Position {
  let { line, column } = from;
  for (let i = 0; i < count; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, offset: from.offset + count };
}
