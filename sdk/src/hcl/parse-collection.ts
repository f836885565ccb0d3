// Tuples `[ … ]`, objects `{ … }` and the `for` expressions either can hold.
import type { IToken } from "chevrotain";
import type { Expression, ForExpr, ObjectItem, Range, Template } from "./ast.js";
import {
  type Cursor,
  EXPR_START,
  is,
  isKeyword,
  NEWLINE,
  report,
  span2,
  tokenRangeOf,
} from "./parse-context.js";
import { parseExpression } from "./parse-expression.js";
import { Colon, Comma, Ellipsis, Equals, FatArrow, LBrace, RBrace, RBracket } from "./tokens.js";

/** A tuple or an object, at its `[` or `{`. */
export function parseCollection(p: Cursor): Expression {
  const open = p.next();
  const object = open.tokenType === LBrace;
  if (isKeyword(p.peek(), "for")) {
    const parts = parseForParts(p, open.startOffset + 1);
    const close = p.expect(object ? RBrace : RBracket);
    return buildFor(p, parts, object, span2(p.ctx, open.startOffset, close, undefined));
  }
  return object ? parseObjectItems(p, open) : parseTuple(p, open);
}

function parseTuple(p: Cursor, open: IToken): Expression {
  const items: Expression[] = [];
  let at = open.startOffset + 1;
  if (is(p.peek(), EXPR_START)) {
    do {
      if (!is(p.peek(), EXPR_START)) continue;
      const value = parseExpression(p, at);
      at = value.range?.end.offset ?? at;
      items.push(value);
    } while (p.accept(Comma));
  }
  const close = p.expect(RBracket);
  const range = span2(p.ctx, open.startOffset, close, undefined);
  return { type: "Tuple", items, range: span2(p.ctx, open.startOffset, { range }, items[items.length - 1]) };
}

function parseObjectItems(p: Cursor, open: IToken): Expression {
  const ctx = p.ctx;
  const items: ObjectItem[] = [];
  for (;;) {
    const token = p.peek();
    if (is(token, NEWLINE) || token.tokenType === Comma) p.next();
    else if (is(token, EXPR_START)) items.push(parseObjectItem(p, items, open.startOffset + 1));
    else break;
  }
  const close = p.expect(RBrace);
  return { type: "Object", items, range: span2(ctx, open.startOffset, close, undefined) };
}

function parseObjectItem(p: Cursor, items: ObjectItem[], first: number): ObjectItem {
  const ctx = p.ctx;
  const start = items[items.length - 1]?.range?.end.offset ?? first;
  const key = objectKey(parseExpression(p, start));
  const next = p.peek().tokenType;
  let separator: IToken | undefined;
  let value: Expression;
  if (next === Equals || next === Colon) {
    separator = p.next();
    value = parseExpression(p, separator.startOffset + 1);
  } else if (next === LBrace) {
    // HCL1's `key { … }` inside an object means `key = { … }`.
    value = parseCollection(p);
    if (ctx.mode === "hcl2")
      report(ctx, 'Missing "=" before this object (`key { … }` is HCL1 syntax).', value.range as Range);
  } else {
    p.noExpression();
    value = { type: "Invalid", range: ctx.positions.range(start, start) };
  }
  return {
    key,
    value,
    separator: separator?.image === ":" ? ":" : "=",
    range: span2(ctx, key.range?.start.offset ?? start, key, value),
  };
}

/** A bare name as an object key is that name as a string (not a variable), as in HCL. */
function objectKey(key: Expression): Expression {
  if (key.type === "Traversal" && key.steps.length === 0) {
    const template: Template = {
      type: "Template",
      parts: [{ type: "TemplateLiteral", value: key.root, range: key.range }],
    };
    template.range = key.range;
    return template;
  }
  return key;
}

interface ForParts {
  vars: IToken[];
  inKeyword: IToken | undefined;
  collection: Expression;
  first: Expression;
  second: Expression | undefined;
  grouping: boolean;
  condition: Expression | undefined;
}

/** `for k, v in coll : [key =>] value [...] [if cond]`; `at` is just inside the bracket. */
function parseForParts(p: Cursor, at: number): ForParts {
  p.next();
  const vars: IToken[] = [];
  const firstVar = p.name();
  if (firstVar) vars.push(firstVar);
  if (p.accept(Comma)) {
    const secondVar = p.name();
    if (secondVar) vars.push(secondVar);
  }
  const inKeyword = p.name();
  if (inKeyword && inKeyword.image !== "in")
    report(
      p.ctx,
      `Expected "in" after the for variables, found "${inKeyword.image}".`,
      tokenRangeOf(p.ctx, inKeyword),
    );
  const collection = parseExpression(p, at);
  p.expect(Colon);
  const first = parseExpression(p, collection.range?.end.offset ?? at);
  const second = p.accept(FatArrow) ? parseExpression(p, first.range?.end.offset ?? at) : undefined;
  const grouping = p.accept(Ellipsis) !== undefined;
  let condition: Expression | undefined;
  if (isKeyword(p.peek(), "if")) {
    p.next();
    condition = parseExpression(p, at - 1);
  }
  return { vars, inKeyword, collection, first, second, grouping, condition };
}

function buildFor(p: Cursor, parts: ForParts, object: boolean, range: Range): ForExpr {
  const ctx = p.ctx;
  const vars = parts.vars;
  const { first, second } = parts;
  const result: ForExpr = {
    type: "ForExpr",
    valueVar: vars.length > 1 ? (vars[1]?.image as string) : (vars[0]?.image ?? ""),
    collection: parts.collection,
    valueExpr: first,
    object,
    range,
  };
  if (vars.length > 1) result.keyVar = vars[0]?.image as string;
  if (object) {
    if (second) {
      result.keyExpr = first;
      result.valueExpr = second;
    } else {
      report(ctx, 'An object "for" needs a key and a value: `key => value`.', first.range ?? range);
    }
  } else if (second) {
    report(ctx, 'A tuple "for" has no key: remove `=> …` or use `{ for … }`.', second.range ?? range);
  }
  if (parts.grouping) {
    result.grouping = true;
    if (!object) report(ctx, 'Grouping ("...") only applies to object "for" expressions.', range);
  }
  if (parts.condition) result.condition = parts.condition;
  return result;
}
