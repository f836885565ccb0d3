// Declarations and references of the names a job file defines itself: variables, locals,
// and per group its ports, volumes, tasks and Connect upstreams. Go to definition, find references, rename
// and the "referenced but not declared" checks all read this one index.
import type { Attribute, Block, Body, ConfigFile, Expression, Range } from "../hcl/ast.js";
import { groupReferencesOf } from "../schema/group-references.js";
import { type BoundBlock, plainString, type WalkStart, walkBlocks } from "./binding.js";
import { stringContentRange, walkExpression } from "./expressions.js";

/** An upstream is declared by its `destination_name`; only runtime names refer to it. */
export type SymbolKind = "variable" | "local" | "port" | "volume" | "task" | "upstream";

export interface SymbolOccurrence {
  kind: SymbolKind;
  name: string;
  /** The name itself: a label's text, an attribute name, the `x` of `var.x`, a string's content. */
  range: Range;
  declaration: boolean;
  /** "file" for variables and locals, else the enclosing group (its header offset). */
  scope: string;
  /** The body the reference sits in (for checks that look at siblings such as `address_mode`). */
  owner?: Body;
}

/** With `start`, only the blocks it names (no file-level declarations): see WalkStart. */
export function collectSymbols(file: ConfigFile, start?: WalkStart): SymbolOccurrence[] {
  const out: SymbolOccurrence[] = [];
  for (const item of start ? [] : file.body.items) {
    if (item.type !== "Block") continue;
    if (item.blockType === "variable" && item.labels[0]?.range) out.push(label("variable", item, "file"));
    if (item.blockType === "locals")
      for (const a of item.body.items)
        if (a.type === "Attribute" && a.nameRange)
          out.push({ kind: "local", name: a.name, range: a.nameRange, declaration: true, scope: "file" });
  }
  walkBlocks(
    file,
    ({ block, schema }, path) => {
      const group = enclosingGroup(path);
      const scope = group ? `group@${group.block.range?.start.offset ?? 0}` : "job";
      const parent = path[path.length - 1];
      const parentType = parent?.schema.kind === "struct" ? parent.schema.typeName : "";
      if (block.labels[0]?.range && schema.kind === "struct") {
        if (block.blockType === "port" && parentType === "NetworkResource")
          out.push(label("port", block, scope));
        if (block.blockType === "volume" && parentType === "TaskGroup")
          out.push(label("volume", block, scope));
        if (block.blockType === "task" && parentType === "TaskGroup") out.push(label("task", block, scope));
      }
      if (schema.kind !== "struct") return;
      if (schema.typeName === "ConsulUpstream") out.push(...upstream(block, scope));
      const refs = groupReferencesOf(schema.typeName);
      if (!refs) return;
      for (const item of block.body.items) {
        if (item.type !== "Attribute") continue;
        const kind = refs[item.name];
        if (kind) out.push(...stringRefs(kind, item, scope, block.body));
      }
    },
    undefined,
    start,
  );
  const within: Body = start ? { type: "Body", items: [...start.blocks] } : file.body;
  walkExpressionsOf(within, (expr) => {
    if (expr.type !== "Traversal" || (expr.root !== "var" && expr.root !== "local")) return;
    const step = expr.steps[0];
    if (step?.type !== "GetAttr" || !step.range) return;
    // The step's range starts at the ".": the name is what follows it.
    const start = {
      ...step.range.start,
      column: step.range.start.column + 1,
      offset: step.range.start.offset + 1,
    };
    const range =
      step.range.end.offset - step.range.start.offset === step.name.length
        ? step.range
        : { start, end: step.range.end };
    out.push({
      kind: expr.root === "var" ? "variable" : "local",
      name: step.name,
      range,
      declaration: false,
      scope: "file",
    });
  });
  return out;
}

/** The innermost group on the path (a loop, not a reversed copy: this runs for every block). */
function enclosingGroup(path: readonly BoundBlock[]): BoundBlock | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const b = path[i] as BoundBlock;
    if (b.schema.kind === "struct" && b.schema.typeName === "TaskGroup") return b;
  }
  return undefined;
}

function label(kind: SymbolKind, block: Block, scope: string): SymbolOccurrence {
  const l = block.labels[0] as { value: string; range: Range; quoted: boolean };
  const r = l.range;
  const range = l.quoted
    ? {
        start: { line: r.start.line, column: r.start.column + 1, offset: r.start.offset + 1 },
        end: { line: r.end.line, column: r.end.column - 1, offset: r.end.offset - 1 },
      }
    : r;
  return { kind, name: l.value, range, declaration: true, scope };
}

function upstream(block: Block, scope: string): SymbolOccurrence[] {
  for (const item of block.body.items) {
    if (item.type !== "Attribute" || item.name !== "destination_name" || item.value.type !== "Template")
      continue;
    const name = plainString(item.value);
    const range = stringContentRange(item.value);
    if (name && range) return [{ kind: "upstream", name, range, declaration: true, scope }];
  }
  return [];
}

function stringRefs(kind: SymbolKind, attr: Attribute, scope: string, owner: Body): SymbolOccurrence[] {
  const values = attr.value.type === "Tuple" ? attr.value.items : [attr.value];
  const out: SymbolOccurrence[] = [];
  for (const v of values) {
    const text = plainString(v);
    if (text === undefined || text === "" || v.type !== "Template") continue;
    // A number is a port, not a label ("8080"); for a volume or task it is still a name.
    if (kind === "port" && /^\d+$/.test(text)) continue;
    const range = stringContentRange(v);
    if (range) out.push({ kind, name: text, range, declaration: false, scope, owner });
  }
  return out;
}

function walkExpressionsOf(body: Body, visit: (e: Expression) => void): void {
  for (const item of body.items) {
    if (item.type === "Attribute") walkExpression(item.value, (e) => visit(e));
    else if (item.type === "Block") walkExpressionsOf(item.body, visit);
  }
}

/** The occurrence under `offset`, if any. */
export function symbolAt(symbols: readonly SymbolOccurrence[], offset: number): SymbolOccurrence | undefined {
  return symbols.find((s) => offset >= s.range.start.offset && offset <= s.range.end.offset);
}

/** All occurrences of the same name (declaration and references) as `symbol`. */
export function occurrencesOf(
  symbols: readonly SymbolOccurrence[],
  symbol: SymbolOccurrence,
): SymbolOccurrence[] {
  return symbols.filter((s) => s.kind === symbol.kind && s.name === symbol.name && s.scope === symbol.scope);
}
