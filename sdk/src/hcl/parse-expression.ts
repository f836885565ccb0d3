// Expressions: operator precedence, traversals and splats, calls, collections and `for`
// expressions, built straight from the tokens. Templates are in parse-template.ts.
import type { IToken } from "chevrotain";
import {
  BINARY_PRECEDENCE,
  type BinaryOp,
  type Expression,
  type Invalid,
  type Range,
  type SplatExpr,
  type TraversalStep,
} from "./ast.js";
import { parseCollection } from "./parse-collection.js";
import {
  BINARY,
  type BuildContext,
  type Cursor,
  EXPR_START,
  is,
  NAME,
  report,
  span2,
  tokenEnd,
  tokenRangeOf,
} from "./parse-context.js";
import { parseTemplate } from "./parse-template.js";
import {
  Bang,
  Colon,
  Comma,
  Dot,
  DoubleColon,
  Ellipsis,
  HeredocStart,
  LBrace,
  LBracket,
  LParen,
  Minus,
  NumberLit,
  Question,
  Quote,
  RBracket,
  RParen,
  Star,
} from "./tokens.js";

type BinaryOperator = BinaryOp["op"];

export function invalid(ctx: BuildContext, at: number): Invalid {
  return { type: "Invalid", range: ctx.positions.range(at, at) };
}

/**
 * `a op b op c … [? x : y]`. A missing operand is reported and becomes Invalid at `fallback` (or
 * where the previous operand ended), so the caller always gets a node.
 */
export function parseExpression(p: Cursor, fallback: number): Expression {
  const ctx = p.ctx;
  let condition = parseUnary(p, fallback);
  if (is(p.peek(), BINARY)) {
    const values: Expression[] = [condition];
    const operators: BinaryOperator[] = [];
    let at = condition.range?.end.offset ?? fallback;
    while (is(p.peek(), BINARY)) {
      operators.push(p.next().image as BinaryOperator);
      const value = parseUnary(p, at);
      at = value.range?.end.offset ?? at;
      values.push(value);
    }
    condition = climb(ctx, values, operators, { index: 0 }, 1);
  }
  if (!p.accept(Question)) return condition;
  const end = condition.range?.end.offset ?? fallback;
  const trueExpr = parseExpression(p, end);
  p.expect(Colon);
  const falseExpr = parseExpression(p, trueExpr.range?.end.offset ?? end);
  return { type: "Conditional", condition, trueExpr, falseExpr, range: span(ctx, condition, falseExpr) };
}

function span(ctx: BuildContext, first: Expression, last: Expression): Range | undefined {
  if (!first.range || !last.range) return first.range ?? last.range;
  return ctx.positions.range(first.range.start.offset, last.range.end.offset);
}

/** Precedence climbing over the flat operand/operator lists; every operator is left-associative. */
function climb(
  ctx: BuildContext,
  values: Expression[],
  operators: BinaryOperator[],
  cursor: { index: number },
  minPrecedence: number,
): Expression {
  let left = values[cursor.index] as Expression;
  while (
    cursor.index < operators.length &&
    BINARY_PRECEDENCE[operators[cursor.index] as BinaryOperator] >= minPrecedence
  ) {
    const op = operators[cursor.index] as BinaryOperator;
    cursor.index++;
    const right = climb(ctx, values, operators, cursor, BINARY_PRECEDENCE[op] + 1);
    left = { type: "BinaryOp", op, left, right, range: span(ctx, left, right) };
  }
  return left;
}

/** Prefix operators, one term, then postfix steps. */
function parseUnary(p: Cursor, fallback: number): Expression {
  const ctx = p.ctx;
  let prefixes: IToken[] | undefined;
  for (let t = p.peek(); t.tokenType === Minus || t.tokenType === Bang; t = p.peek()) {
    if (prefixes === undefined) prefixes = [];
    prefixes.push(p.next());
  }
  let value = parseTerm(p, fallback);
  if (p.peek().tokenType === Dot || p.peek().tokenType === LBracket) value = parseSteps(p, value);
  if (prefixes === undefined) return value;
  for (let i = prefixes.length - 1; i >= 0; i--) {
    const prefix = prefixes[i] as IToken;
    const end = value.range?.end.offset ?? prefix.startOffset + 1;
    const range = ctx.positions.range(prefix.startOffset, end);
    // `-5` reads as the number -5 (what the value is), not as an operation on 5.
    if (
      prefix.image === "-" &&
      value.type === "Literal" &&
      typeof value.value === "number" &&
      i === prefixes.length - 1
    ) {
      value = { type: "Literal", value: -value.value, raw: `-${value.raw ?? value.value}`, range };
    } else {
      value = { type: "UnaryOp", op: prefix.image as "!" | "-", operand: value, range };
    }
  }
  return value;
}

function parseTerm(p: Cursor, fallback: number): Expression {
  const token = p.peek();
  const type = token.tokenType;
  if (type === NumberLit) return buildNumber(p.ctx, p.next());
  if (is(token, NAME)) return parseNameOrCall(p);
  if (type === Quote || type === HeredocStart) return parseTemplate(p);
  if (type === LBracket || type === LBrace) return parseCollection(p);
  if (type === LParen) {
    const open = p.next();
    const expr = parseExpression(p, open.startOffset + 1);
    const close = p.expect(RParen);
    return { type: "Parens", expr, range: span2(p.ctx, open.startOffset, expr, close) };
  }
  p.noExpression();
  return invalid(p.ctx, fallback);
}

function buildNumber(ctx: BuildContext, t: IToken): Expression {
  const raw = t.image;
  let value = Number(raw);
  if (/^0[xX]/.test(raw)) {
    if (ctx.mode === "hcl2")
      report(ctx, `Hex numbers like ${raw} are HCL1 only; write ${value} instead.`, tokenRangeOf(ctx, t));
  } else if (ctx.mode === "hcl1" && /^0[0-7]+$/.test(raw)) {
    value = Number.parseInt(raw, 8); // HCL1 reads a leading zero as octal.
  }
  return { type: "Literal", value, raw, range: tokenRangeOf(ctx, t) };
}

/** A variable (`var`, `true`, `null`…) or a call `name(args…)`, possibly namespaced `ns::name(…)`. */
function parseNameOrCall(p: Cursor): Expression {
  const ctx = p.ctx;
  const first = p.next();
  const next = p.peek().tokenType;
  if (next !== DoubleColon && next !== LParen) {
    const range = tokenRangeOf(ctx, first);
    switch (first.image) {
      case "true":
        return { type: "Literal", value: true, range };
      case "false":
        return { type: "Literal", value: false, range };
      case "null":
        return { type: "Literal", value: null, range };
      default:
        return { type: "Traversal", root: first.image, rootRange: range, steps: [], range };
    }
  }
  let name = first.image;
  let last = first;
  while (p.accept(DoubleColon)) {
    const part = p.name();
    if (part) {
      name += `::${part.image}`;
      last = part;
    }
  }
  const nameRange = ctx.positions.range(first.startOffset, tokenEnd(last));
  const open = p.expect(LParen);
  const args: Expression[] = [];
  let ellipsis = false;
  let at = nameRange.end.offset + 1;
  if (is(p.peek(), EXPR_START)) {
    // `f(a, , b)` and a trailing comma are allowed, as they were in the grammar.
    do {
      if (!is(p.peek(), EXPR_START)) continue;
      const value = parseExpression(p, at);
      at = value.range?.end.offset ?? at;
      args.push(value);
    } while (p.accept(Comma));
    if (p.accept(Ellipsis)) ellipsis = true;
  }
  const close = p.expect(RParen);
  let end = first.startOffset;
  if (open && tokenEnd(open) > end) end = tokenEnd(open);
  const argEnd = args[args.length - 1]?.range?.end.offset;
  if (argEnd !== undefined && argEnd > end) end = argEnd;
  if (close && tokenEnd(close) > end) end = tokenEnd(close);
  const call = {
    type: "FunctionCall" as const,
    name,
    nameRange,
    args,
    range: ctx.positions.range(first.startOffset, end),
  };
  return ellipsis ? { ...call, expandFinal: true } : call;
}

/**
 * One postfix step (`.name`, `.0`, `.*`, `[key]`, `[*]`) added to `current`, the way hclsyntax
 * groups them: steps extend a Traversal, a splat collects the steps after it.
 */
function parseSteps(p: Cursor, base: Expression): Expression {
  const ctx = p.ctx;
  let current = base;
  let splat: SplatExpr | undefined;
  while (p.peek().tokenType === Dot || p.peek().tokenType === LBracket) {
    const opener = p.next();
    let step: TraversalStep | undefined;
    let full = false;
    let isSplat = false;
    let range: Range;
    if (opener.tokenType === Dot) {
      const t = p.peek();
      if (is(t, NAME)) {
        p.next();
        range = ctx.positions.range(opener.startOffset, tokenEnd(t));
        step = { type: "GetAttr", name: t.image, range };
      } else if (t.tokenType === NumberLit) {
        p.next();
        range = ctx.positions.range(opener.startOffset, tokenEnd(t));
        step = { type: "LegacyIndex", index: Number.parseInt(t.image, 10), range };
      } else if (t.tokenType === Star) {
        p.next();
        range = ctx.positions.range(opener.startOffset, tokenEnd(t));
        isSplat = true;
      } else {
        p.noExpression();
        range = ctx.positions.range(opener.startOffset, opener.startOffset);
      }
    } else if (p.peek().tokenType === Star) {
      const star = p.next();
      const close = p.expect(RBracket);
      range = ctx.positions.range(opener.startOffset, tokenEnd(close ?? star));
      isSplat = true;
      full = true;
    } else {
      const key = parseExpression(p, current.range?.end.offset ?? opener.startOffset);
      const close = p.expect(RBracket);
      range = ctx.positions.range(opener.startOffset, close ? tokenEnd(close) : opener.startOffset);
      step = { type: "Index", key, range: span2(ctx, opener.startOffset, { range }, key) };
    }
    if (isSplat) {
      splat = { type: "Splat", source: current, full, each: [], range: extendTo(current, range) };
      current = splat;
      continue;
    }
    if (step === undefined) continue;
    // An attribute-only splat (`.*`) takes only attribute steps; an index ends it.
    if (splat && (splat.full || step.type !== "Index")) {
      splat.each.push(step);
      splat.range = extendTo(splat, range);
      continue;
    }
    splat = undefined;
    if (current.type === "Traversal") {
      current.steps.push(step);
      current.range = extendTo(current, range);
    } else if (step.type === "GetAttr") {
      current = { type: "GetAttr", object: current, name: step.name, range: extendTo(current, range) };
    } else {
      const key: Expression =
        step.type === "Index" ? step.key : { type: "Literal", value: step.index, range };
      current = { type: "Index", collection: current, key, range: extendTo(current, range) };
    }
  }
  return current;
}

/** From where `from` starts to where `to` ends: an expression grown by a postfix step. */
function extendTo(from: Expression, to: Range): Range {
  return from.range ? { start: from.range.start, end: to.end } : to;
}
