// Hover: our own concise docs for the block or attribute under the cursor (description,
// type, default, enum values, the Nomad version that added it), the declaration of
// a `var.x` / `local.x`, and what a run-time name (NOMAD_*, node., attr., meta.) reads.
import {
  type Analysis,
  blocksAt,
  contains,
  fieldOf,
  JOB_FILE_BLOCKS,
  rootSchemaOf,
  structOf,
  symbolAt,
  VARIABLE_ATTRIBUTES,
} from "nomadkit/analysis";
import type { Body } from "nomadkit/hcl";
import type { Hover } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";
import { kindContext } from "./kind-docs.js";
import { runtimeHover } from "./runtime-hover.js";
import { fieldMarkdown } from "./schema-docs.js";

export function hover(analysis: Analysis, offset: number, target?: string): Hover | null {
  const root = rootSchemaOf(analysis);
  const path = blocksAt(analysis.ast, offset, root);
  const inner = path[path.length - 1];
  const body: Body = inner ? inner.block.body : analysis.ast.body;
  const schema = inner?.schema ?? root;
  // The block itself, when the cursor is on its own header.
  for (const bound of path) {
    const b = bound.block;
    if (contains(b.typeRange, offset)) {
      const parent = path[path.indexOf(bound) - 1]?.schema ?? root;
      const outer = path.slice(0, path.indexOf(bound)).map((p) => p.block.blockType);
      return blockHover(parent, b.blockType, b.typeRange, outer, bound.schema, target);
    }
  }
  const names = path.map((p) => p.block.blockType);
  for (const item of body.items) {
    if (item.type === "Attribute" && contains(item.nameRange, offset) && item.nameRange) {
      if (schema.kind === "variable" && VARIABLE_ATTRIBUTES[item.name])
        return markdown(`**${item.name}**\n\n${VARIABLE_ATTRIBUTES[item.name]}`, item.nameRange);
      const field = fieldOf(schema, item.name);
      if (field) return markdown(fieldMarkdown(field, target) + kindContext(schema, names), item.nameRange);
    }
    if (item.type === "Block" && contains(item.typeRange, offset) && item.typeRange) {
      return blockHover(schema, item.blockType, item.typeRange, names, undefined, target);
    }
  }
  const runtime = runtimeHover(analysis, offset);
  if (runtime) return markdown(runtime.markdown, runtime.range);
  const symbol = symbolAt(analysis.symbols, offset);
  if (symbol && !symbol.declaration) {
    const decl = analysis.symbols.find(
      (s) => s.declaration && s.kind === symbol.kind && s.name === symbol.name && s.scope === symbol.scope,
    );
    const where = decl ? `declared on line ${decl.range.start.line}` : "not declared";
    return markdown(`**${symbol.kind}** \`${symbol.name}\` — ${where}`, symbol.range);
  }
  return null;
}

function blockHover(
  parent: Parameters<typeof fieldOf>[0],
  name: string,
  range: import("nomadkit/hcl").Range | undefined,
  outer: readonly string[],
  own: Parameters<typeof structOf>[0] | undefined,
  target?: string,
): Hover | null {
  if (!range) return null;
  if (parent.kind === "jobFile" && JOB_FILE_BLOCKS[name])
    return markdown(`**${name}**\n\n${JOB_FILE_BLOCKS[name]}`, range);
  const field = fieldOf(parent, name);
  if (!field) return null;
  const struct = own ? structOf(own) : undefined;
  const text = fieldMarkdown(field, target) + kindContext(parent, outer);
  return markdown(
    struct?.description && !field.description ? `${text}\n\n${struct.description}` : text,
    range,
  );
}

function markdown(value: string, range: import("nomadkit/hcl").Range): Hover {
  return { contents: { kind: "markdown", value }, range: toRange(range) };
}
