// Bodies: arguments, blocks, labels and blank lines, plus the line-structure rules hclsyntax
// enforces (one item per line; a single-line block holds at most one argument).
import type { IToken } from "chevrotain";
import type { Attribute, Block, Body, BodyItem, Expression, Label, Range, Template } from "./ast.js";
import { describeToken } from "./diagnostics.js";
import { closesOuterBlock, lineStartAt, startsAfterBlock } from "./indent-recovery.js";
import {
  type BuildContext,
  type Cursor,
  is,
  NAME,
  NEWLINE,
  report,
  tokenEnd,
  tokenRangeOf,
} from "./parse-context.js";
import { invalid, parseExpression } from "./parse-expression.js";
import { parseTemplate } from "./parse-template.js";
import { Comma, Equals, LBrace, Newline, Quote, RBrace } from "./tokens.js";

export interface ParsedBody {
  /** Built items (every one has a range), waiting to be laid out between the body's newlines. */
  placed: BodyItem[];
  newlines: IToken[];
  commas: IToken[];
  /**
   * When recovering, where the body ended early: a less indented "}" (it closes an outer
   * block), or an item no deeper than the block's own line (it belongs to an outer block).
   */
  endedAt?: IToken;
}

/**
 * The items of a body, up to its `}` (in a block) or the end of the file. A token that can't
 * start an item is reported and the rest of its line skipped; one slip must not hide the rest of
 * the file. After an item that reported errors, what is left of it is skipped quietly.
 */
export function parseBody(p: Cursor, inBlock: boolean, open?: IToken): ParsedBody {
  const placed: BodyItem[] = [];
  const newlines: IToken[] = [];
  const commas: IToken[] = [];
  for (;;) {
    const token = p.peek();
    if (is(token, NEWLINE)) newlines.push(p.next());
    else if (token.tokenType === Comma) commas.push(p.next());
    else if (is(token, NAME) || token.tokenType === Quote) {
      if (open && p.ctx.recovering?.indented && startsAfterBlock(p.ctx.positions.source, open, token))
        return { placed, newlines, commas, endedAt: token };
      const errorsBefore = p.ctx.errors.length;
      placed.push(parseItem(p));
      if (p.ctx.errors.length > errorsBefore) skipRestOfItem(p);
    } else if (p.atEnd() || (inBlock && token.tokenType === RBrace)) {
      if (open && p.ctx.recovering && !p.atEnd() && closesOuterBlock(p.ctx.positions.source, open, token))
        return { placed, newlines, commas, endedAt: token };
      break;
    } else {
      if (inBlock) p.error(`Expected "}", found ${describeToken(token)}.`, token);
      else if (token.image === "}") p.error('Unexpected "}": there is no block to close here.', token);
      else p.error(`Unexpected "${token.image}": an argument or block definition is expected here.`, token);
      p.next();
      while (!p.atEnd() && p.peek().tokenType !== Newline) p.next();
    }
  }
  return { placed, newlines, commas };
}

/** Skips to where the next item could start (what chevrotain's re-sync did after an error). */
function skipRestOfItem(p: Cursor): void {
  for (let t = p.peek(); !p.atEnd(); t = p.peek()) {
    if (is(t, NEWLINE | NAME) || t.tokenType === Comma || t.tokenType === Quote || t.tokenType === RBrace)
      return;
    p.next();
  }
}

/** An argument (`name = value`) or a block (`type "label" { … }`); HCL1 also allows a quoted name. */
function parseItem(p: Cursor): BodyItem {
  const ctx = p.ctx;
  let name: string;
  let nameRange: Range;
  let start: number;
  if (is(p.peek(), NAME)) {
    const nameToken = p.next();
    name = nameToken.image;
    start = nameToken.startOffset;
    nameRange = tokenRangeOf(ctx, nameToken);
  } else {
    start = p.peek().startOffset;
    const template = parseTemplate(p);
    name = template.parts.map((part) => (part.type === "TemplateLiteral" ? part.value : "")).join("");
    nameRange = template.range ?? ctx.positions.range(start, start);
    if (ctx.mode === "hcl2")
      report(ctx, "Argument and block names must not be quoted (that is HCL1 syntax).", nameRange);
  }
  const equals = p.accept(Equals);
  if (equals) return attribute(ctx, name, nameRange, parseExpression(p, tokenEnd(equals)));
  const labels: Label[] = [];
  for (let t = p.peek(); t.tokenType === Quote || is(t, NAME); t = p.peek()) labels.push(parseLabel(p));
  let open = p.accept(LBrace);
  if (!open && labels.length === 0) {
    // A name on its own (someone is typing): keep it, so completion knows where it is.
    const found = describeToken(p.peek());
    p.error(
      `Argument or block definition required: found ${found}. Use "=" to set an argument, or a "{" to open a block.`,
      p.peek(),
    );
    return attribute(ctx, name, nameRange, invalid(ctx, nameRange.end.offset));
  }
  let parsed: ParsedBody = { placed: [], newlines: [], commas: [] };
  let close: IToken | undefined;
  if (!open) {
    // A missing `{`: assumed when a body could start here, as chevrotain's recovery did.
    open = p.expect(LBrace);
    const t = p.peek();
    if (
      open ||
      is(t, NEWLINE | NAME) ||
      t.tokenType === Quote ||
      t.tokenType === Comma ||
      t.tokenType === RBrace
    ) {
      parsed = parseBody(p, true);
      close = p.accept(RBrace);
    }
  } else {
    parsed = parseBody(p, true, open);
    // A missing `}` at the end of the file is reported at the `{` below, which is more useful.
    if (!parsed.endedAt) close = p.accept(RBrace);
  }
  return buildBlock(ctx, { name, nameRange, start, labels, open, close, parsed });
}

interface BlockParts {
  name: string;
  nameRange: Range;
  start: number;
  labels: Label[];
  open: IToken | undefined;
  close: IToken | undefined;
  parsed: ParsedBody;
}

function buildBlock(ctx: BuildContext, parts: BlockParts): Block {
  const { name, nameRange, labels, open, close } = parts;
  const built = layoutBody(ctx, parts.parsed.placed, parts.parsed.newlines, parts.parsed.commas, open);
  const block: Block = { type: "Block", blockType: name, typeRange: nameRange, labels, body: built.body };
  const bodyStart = open ? tokenEnd(open) : nameRange.end.offset;
  const lastItem = block.body.items[block.body.items.length - 1];
  const itemEnd = lastItem?.range?.end.offset;
  // An unclosed body runs on to where the parse left it (the end of the line before an outer
  // block's "}", or the end of the file), so that a cursor typing below its last item is in it.
  const openEnd = parts.parsed.endedAt
    ? lineStartAt(ctx.positions.source, parts.parsed.endedAt.startOffset) - 1
    : ctx.positions.source.length;
  block.body.range = close
    ? ctx.positions.range(bodyStart, close.startOffset)
    : ctx.positions.range(bodyStart, Math.max(bodyStart, itemEnd ?? bodyStart, open ? openEnd : 0));
  let end = Math.max(parts.start, nameRange.end.offset);
  const labelEnd = labels[labels.length - 1]?.range?.end.offset;
  if (labelEnd !== undefined && labelEnd > end) end = labelEnd;
  if (open && tokenEnd(open) > end) end = tokenEnd(open);
  if (itemEnd !== undefined && itemEnd > end) end = itemEnd;
  if (close && tokenEnd(close) > end) end = tokenEnd(close);
  if (open && !close && block.body.range.end.offset > end) end = block.body.range.end.offset;
  block.range = ctx.positions.range(parts.start, end);
  if (open && !close) {
    ctx.unclosed = true;
    report(ctx, `Block "${name}" is not closed: this "{" has no matching "}".`, tokenRangeOf(ctx, open));
  } else if (open && close && built.newlines.length > 0 && ctx.mode === "hcl2") {
    const last = built.items[built.items.length - 1];
    const lastNewline = built.newlines[built.newlines.length - 1] as IToken;
    // An item that swallowed its newline (an unclosed block or heredoc, when recovering) still
    // ended on an earlier line than the "}".
    const lastEnd = (last?.range as Range | undefined)?.end.offset ?? 0;
    if (
      last &&
      lastEnd > lastNewline.startOffset &&
      lastEnd > lineStartAt(ctx.positions.source, close.startOffset)
    ) {
      report(
        ctx,
        'Missing newline: a block\'s closing "}" must be on its own line.',
        tokenRangeOf(ctx, close),
      );
    }
  }
  return block;
}

function attribute(ctx: BuildContext, name: string, nameRange: Range, value: Expression): Attribute {
  const start = nameRange.start.offset;
  const end = value.range?.end.offset ?? nameRange.end.offset;
  return { type: "Attribute", name, nameRange, value, range: ctx.positions.range(start, end) };
}

function parseLabel(p: Cursor): Label {
  const ctx = p.ctx;
  if (is(p.peek(), NAME)) {
    const t = p.next();
    return { value: t.image, quoted: false, range: tokenRangeOf(ctx, t) };
  }
  const template: Template = parseTemplate(p);
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

/**
 * Puts items and newlines in order: an empty line the author left becomes a BlankLine, and
 * hclsyntax's line rules are checked. `opener` is the block's `{` (undefined for the file): it
 * decides whether the first newline ends the opening line or is a blank line.
 */
export function layoutBody(
  ctx: BuildContext,
  placed: BodyItem[],
  lineBreaks: IToken[],
  commas: IToken[],
  opener?: IToken,
): { body: Body; newlines: IToken[]; items: BodyItem[] } {
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
    const entryRange = entry?.range as Range;
    if (nl !== undefined && (entry === undefined || nl.startOffset < entryRange.start.offset)) {
      if (afterNewline && onlySpaces(ctx.positions.source, lastNewlineEnd, nl.startOffset)) {
        items.push({ type: "BlankLine", range: ctx.positions.range(lastNewlineEnd, nl.startOffset) });
      }
      afterNewline = true;
      lastNewlineEnd = tokenEnd(nl);
      n++;
    } else if (entry !== undefined) {
      const previous = placed[i - 1];
      if (ctx.mode === "hcl1") {
        // HCL1 has no line rules: `a { b { c = 1 } }` is fine there.
      } else if (previous && !afterNewline && (previous.range?.end.line ?? 0) >= entryRange.start.line) {
        // (An unclosed block ended by recovery keeps its newline inside: the line numbers tell.)
        report(ctx, `Missing newline: each argument or block must be on its own line.`, entryRange);
      } else if (
        !previous &&
        !afterNewline &&
        opener &&
        (placed.length > 1 || newlines.length > 0 || entry.type === "Block")
      ) {
        report(
          ctx,
          "A single-line block can hold only one argument; put nested blocks and more arguments on their own lines.",
          entryRange,
        );
      }
      items.push(entry);
      afterNewline = false;
      i++;
    }
  }
  return { body: { type: "Body", items }, newlines, items: placed };
}

/** Whether `source[from, to)` holds nothing but spaces, tabs and `\r` (checked without slicing). */
function onlySpaces(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
