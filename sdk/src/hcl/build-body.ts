// CST → AST for bodies: arguments, blocks, labels and blank lines, plus the line-structure rules
// hclsyntax enforces (one item per line; a single-line block holds at most one argument).
import type { CstNode, IToken } from "chevrotain";
import type { Attribute, Block, Body, BodyItem, Expression, Label } from "./ast.js";
import { buildExpression, invalid } from "./build-expression.js";
import { buildTemplate } from "./build-template.js";
import {
  type BuildContext,
  node,
  nodes,
  report,
  spanFrom,
  token,
  tokenEnd,
  tokenRangeOf,
  tokens,
} from "./cst-access.js";

/** A built item with its offsets, waiting to be laid out between the body's newlines. */
export interface PlacedItem {
  item: BodyItem;
  start: number;
  end: number;
}

/** Builds a body's items; the file body is built chunk by chunk this way (see parser.ts). */
export function buildItems(ctx: BuildContext, cst: CstNode | undefined): PlacedItem[] {
  const placed: PlacedItem[] = [];
  for (const itemCst of cst ? nodes(cst, "item") : []) {
    const item = buildItem(ctx, itemCst);
    if (item.range) placed.push({ item, start: item.range.start.offset, end: item.range.end.offset });
  }
  return placed;
}

/** A block body, built whole. */
export function buildBody(
  ctx: BuildContext,
  cst: CstNode | undefined,
  opener?: IToken,
): { body: Body; newlines: IToken[]; items: PlacedItem[] } {
  const placed = buildItems(ctx, cst);
  return layoutBody(ctx, placed, cst ? tokens(cst, "newline") : [], cst ? tokens(cst, "comma") : [], opener);
}

/**
 * Puts items and newlines in order: an empty line the author left becomes a BlankLine, and
 * hclsyntax's line rules are checked. `opener` is the block's `{` (undefined for the file): it
 * decides whether the first newline ends the opening line or is a blank line.
 */
export function layoutBody(
  ctx: BuildContext,
  placed: PlacedItem[],
  lineBreaks: IToken[],
  commas: IToken[],
  opener?: IToken,
): { body: Body; newlines: IToken[]; items: PlacedItem[] } {
  // HCL1 lets commas separate items; they count as line breaks there.
  const newlines =
    ctx.mode === "hcl1" && commas.length > 0
      ? [...lineBreaks, ...commas].sort((a, b) => a.startOffset - b.startOffset)
      : lineBreaks;
  if (ctx.mode === "hcl2") {
    for (const comma of commas) {
      report(
        ctx,
        'Unexpected ",": arguments and blocks are separated by newlines.',
        tokenRangeOf(ctx, comma),
      );
    }
  }
  const items: BodyItem[] = [];
  let afterNewline = opener === undefined;
  let lastNewlineEnd = 0;
  let n = 0;
  let i = 0;
  // Merge newlines and items by position; a newline right after another (nothing but spaces
  // between) is an empty line the author left, kept as a BlankLine.
  while (n < newlines.length || i < placed.length) {
    const nl = newlines[n];
    const entry = placed[i];
    if (nl !== undefined && (entry === undefined || nl.startOffset < entry.start)) {
      if (afterNewline && /^[ \t\r]*$/.test(ctx.positions.source.slice(lastNewlineEnd, nl.startOffset))) {
        items.push({ type: "BlankLine", range: ctx.positions.range(lastNewlineEnd, nl.startOffset) });
      }
      afterNewline = true;
      lastNewlineEnd = tokenEnd(nl);
      n++;
    } else if (entry !== undefined) {
      const previous = placed[i - 1];
      if (ctx.mode === "hcl1") {
        // HCL1 has no line rules: `a { b { c = 1 } }` is fine there.
      } else if (previous && !afterNewline) {
        report(
          ctx,
          `Missing newline: each argument or block must be on its own line.`,
          entry.item.range ?? ctx.positions.range(entry.start, entry.start),
        );
      } else if (
        !previous &&
        !afterNewline &&
        opener &&
        (placed.length > 1 || newlines.length > 0 || entry.item.type === "Block")
      ) {
        report(
          ctx,
          "A single-line block can hold only one argument; put nested blocks and more arguments on their own lines.",
          entry.item.range ?? ctx.positions.range(entry.start, entry.start),
        );
      }
      items.push(entry.item);
      afterNewline = false;
      i++;
    }
  }
  return { body: { type: "Body", items }, newlines, items: placed };
}

function buildItem(ctx: BuildContext, cst: CstNode): BodyItem {
  const nameToken = token(cst, "name");
  const quotedName = node(cst, "quotedName");
  let name = nameToken?.image ?? "";
  const start =
    nameToken?.startOffset ?? (quotedName ? token(quotedName, "Quote")?.startOffset : undefined) ?? 0;
  let nameRange = nameToken ? tokenRangeOf(ctx, nameToken) : ctx.positions.range(start, start);
  if (quotedName) {
    const template = buildTemplate(ctx, quotedName, buildExpression);
    name = template.parts.map((p) => (p.type === "TemplateLiteral" ? p.value : "")).join("");
    nameRange = template.range ?? nameRange;
    if (ctx.mode === "hcl2")
      report(ctx, "Argument and block names must not be quoted (that is HCL1 syntax).", nameRange);
  }
  const equals = token(cst, "Equals");
  if (equals) {
    const value = buildExpression(ctx, node(cst, "value"), tokenEnd(equals));
    return attribute(ctx, name, nameRange, value);
  }
  const open = token(cst, "LBrace");
  const labelElements = cst.children.label ?? [];
  if (!open && labelElements.length === 0) {
    // A name on its own (someone is typing): keep it, so completion knows where it is.
    return attribute(ctx, name, nameRange, invalid(ctx, nameRange.end.offset));
  }
  const labels: Label[] = labelElements.map((element) => buildLabel(ctx, element as CstNode | IToken));
  const close = token(cst, "RBrace");
  const built = buildBody(ctx, node(cst, "body"), open);
  const block: Block = { type: "Block", blockType: name, typeRange: nameRange, labels, body: built.body };
  const bodyStart = open ? tokenEnd(open) : nameRange.end.offset;
  const lastItem = block.body.items[block.body.items.length - 1];
  block.body.range = close
    ? ctx.positions.range(bodyStart, close.startOffset)
    : spanFrom(ctx, bodyStart, lastItem);
  block.range = spanFrom(
    ctx,
    start,
    nameRange && { range: nameRange },
    labels[labels.length - 1],
    open,
    lastItem,
    close,
  );
  if (open && !close) {
    report(ctx, `Block "${name}" is not closed: this "{" has no matching "}".`, tokenRangeOf(ctx, open));
  } else if (open && close && built.newlines.length > 0 && ctx.mode === "hcl2") {
    const last = built.items[built.items.length - 1];
    const lastNewline = built.newlines[built.newlines.length - 1] as IToken;
    if (last && last.end > lastNewline.startOffset) {
      report(
        ctx,
        'Missing newline: a block\'s closing "}" must be on its own line.',
        tokenRangeOf(ctx, close),
      );
    }
  }
  return block;
}

function attribute(
  ctx: BuildContext,
  name: string,
  nameRange: Attribute["nameRange"],
  value: Expression,
): Attribute {
  const start = nameRange?.start.offset ?? 0;
  const end = value.range?.end.offset ?? nameRange?.end.offset ?? start;
  return { type: "Attribute", name, nameRange, value, range: ctx.positions.range(start, end) };
}

function buildLabel(ctx: BuildContext, element: CstNode | IToken): Label {
  if ("image" in element) return { value: element.image, quoted: false, range: tokenRangeOf(ctx, element) };
  const template = buildTemplate(ctx, element, buildExpression);
  let value = "";
  for (const part of template.parts) {
    if (part.type === "TemplateLiteral") value += part.value;
    else
      report(
        ctx,
        "Block labels can't contain interpolations or directives.",
        part.range ?? template.range ?? ctx.positions.range(0, 0),
      );
  }
  return { value, quoted: true, range: template.range };
}
