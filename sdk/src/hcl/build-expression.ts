// CST → AST for expressions: operator precedence, traversals and splats, calls, collections and
// `for` expressions. Templates are in build-template.ts.
import type { CstNode, IToken } from "chevrotain";
import type {
  BinaryOp,
  Expression,
  ForExpr,
  Invalid,
  ObjectItem,
  Range,
  SplatExpr,
  Template,
  TraversalStep,
} from "./ast.js";
import { buildTemplate } from "./build-template.js";
import {
  type BuildContext,
  node,
  nodes,
  report,
  spanFrom,
  token,
  tokenRangeOf,
  tokens,
} from "./cst-access.js";

type BinaryOperator = BinaryOp["op"];

/** HCL's binary precedence, loosest first (hclsyntax binaryOps). */
const precedence: Record<BinaryOperator, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};

export function invalid(ctx: BuildContext, at: number): Invalid {
  return { type: "Invalid", range: ctx.positions.range(at, at) };
}

/** Builds an expression CST, or an Invalid node at `fallback` when recovery left nothing. */
export function buildExpression(ctx: BuildContext, cst: CstNode | undefined, fallback: number): Expression {
  if (cst === undefined) return invalid(ctx, fallback);
  const condition = buildBinary(ctx, cst, fallback);
  if (!cst.children.Question) return condition;
  const end = condition.range?.end.offset ?? fallback;
  const trueExpr = buildExpression(ctx, node(cst, "trueExpr"), end);
  const falseExpr = buildExpression(ctx, node(cst, "falseExpr"), trueExpr.range?.end.offset ?? end);
  return { type: "Conditional", condition, trueExpr, falseExpr, range: span(ctx, condition, falseExpr) };
}

function span(ctx: BuildContext, first: Expression, last: Expression): Range | undefined {
  if (!first.range || !last.range) return first.range ?? last.range;
  return ctx.positions.range(first.range.start.offset, last.range.end.offset);
}

/** The operands and operators of an expression node, with precedence applied. */
function buildBinary(ctx: BuildContext, cst: CstNode, fallback: number): Expression {
  const operands = nodes(cst, "operand");
  const operators = tokens(cst, "operator").map((t) => t.image as BinaryOperator);
  const values: Expression[] = [];
  let at = fallback;
  for (let i = 0; i <= operators.length; i++) {
    const value = buildUnary(ctx, operands[i], at);
    at = value.range?.end.offset ?? at;
    values.push(value);
  }
  if (operators.length === 0) return values[0] as Expression;
  return climb(ctx, values, operators, { index: 0 }, 1);
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
    precedence[operators[cursor.index] as BinaryOperator] >= minPrecedence
  ) {
    const op = operators[cursor.index] as BinaryOperator;
    cursor.index++;
    const right = climb(ctx, values, operators, cursor, precedence[op] + 1);
    left = { type: "BinaryOp", op, left, right, range: span(ctx, left, right) };
  }
  return left;
}

function buildUnary(ctx: BuildContext, cst: CstNode | undefined, fallback: number): Expression {
  if (cst === undefined) return invalid(ctx, fallback);
  let value = buildTerm(ctx, cst, fallback);
  value = applySteps(ctx, value, nodes(cst, "step"));
  const prefixes = tokens(cst, "prefix");
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

/** The term of a unary-expression node (the grammar inlines the term alternatives there). */
function buildTerm(ctx: BuildContext, cst: CstNode, fallback: number): Expression {
  const number = token(cst, "number");
  if (number) return buildNumber(ctx, number);
  if (cst.children.name) return buildNameOrCall(ctx, cst, fallback);
  const quoted = node(cst, "quotedTemplate");
  if (quoted) return buildTemplate(ctx, quoted, buildExpression);
  const heredoc = node(cst, "heredocTemplate");
  if (heredoc) return buildTemplate(ctx, heredoc, buildExpression);
  const tuple = node(cst, "tuple");
  if (tuple) return buildTuple(ctx, tuple);
  const object = node(cst, "object");
  if (object) return buildObject(ctx, object);
  const open = token(cst, "openParen");
  if (open) {
    const expr = buildExpression(ctx, node(cst, "parens"), open.startOffset + 1);
    return { type: "Parens", expr, range: spanFrom(ctx, open.startOffset, expr, token(cst, "closeParen")) };
  }
  return invalid(ctx, fallback);
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

function buildNameOrCall(ctx: BuildContext, cst: CstNode, fallback: number): Expression {
  const names = tokens(cst, "name");
  const first = names[0];
  if (first === undefined) return invalid(ctx, fallback);
  const nameRange = ctx.positions.range(
    first.startOffset,
    (names[names.length - 1] as IToken).startOffset + (names[names.length - 1] as IToken).image.length,
  );
  if (cst.children.LParen) {
    const args: Expression[] = [];
    let at = nameRange.end.offset + 1;
    for (const arg of nodes(cst, "arg")) {
      const value = buildExpression(ctx, arg, at);
      at = value.range?.end.offset ?? at;
      args.push(value);
    }
    const name = names.map((n) => n.image).join("::");
    const call = {
      type: "FunctionCall" as const,
      name,
      nameRange,
      args,
      range: spanFrom(
        ctx,
        first.startOffset,
        token(cst, "LParen"),
        args[args.length - 1],
        token(cst, "RParen"),
      ),
    };
    return cst.children.Ellipsis ? { ...call, expandFinal: true } : call;
  }
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

/** Adds `.attr`, `[key]`, `.0`, `[*]` and `.*` to `base`, the way hclsyntax groups them. */
function applySteps(ctx: BuildContext, base: Expression, steps: CstNode[]): Expression {
  let current = base;
  let splat: SplatExpr | undefined;
  for (const step of steps) {
    const opener = token(step, "Dot") ?? token(step, "LBracket");
    const stepStart = opener?.startOffset ?? current.range?.end.offset ?? 0;
    const range = spanFrom(
      ctx,
      stepStart,
      token(step, "attr"),
      token(step, "legacyIndex"),
      token(step, "attrSplat"),
      token(step, "fullSplat"),
      token(step, "RBracket"),
    );
    if (step.children.fullSplat || step.children.attrSplat) {
      splat = {
        type: "Splat",
        source: current,
        full: step.children.fullSplat !== undefined,
        each: [],
        range: extendTo(current, range),
      };
      current = splat;
      continue;
    }
    const traversalStep = buildStep(ctx, step, range, current);
    if (traversalStep === undefined) continue;
    // An attribute-only splat (`.*`) takes only attribute steps; an index ends it.
    if (splat && (splat.full || traversalStep.type !== "Index")) {
      splat.each.push(traversalStep);
      splat.range = extendTo(splat, range);
      continue;
    }
    splat = undefined;
    if (current.type === "Traversal") {
      current.steps.push(traversalStep);
      current.range = extendTo(current, range);
    } else if (traversalStep.type === "GetAttr") {
      current = {
        type: "GetAttr",
        object: current,
        name: traversalStep.name,
        range: extendTo(current, range),
      };
    } else {
      const key: Expression =
        traversalStep.type === "Index"
          ? traversalStep.key
          : { type: "Literal", value: traversalStep.index, range };
      current = { type: "Index", collection: current, key, range: extendTo(current, range) };
    }
  }
  return current;
}

/** From where `from` starts to where `to` ends: an expression grown by a postfix step. */
function extendTo(from: Expression, to: Range): Range {
  return from.range ? { start: from.range.start, end: to.end } : to;
}

function buildStep(
  ctx: BuildContext,
  step: CstNode,
  range: Range,
  current: Expression,
): TraversalStep | undefined {
  const attr = token(step, "attr");
  if (attr) return { type: "GetAttr", name: attr.image, range };
  const legacy = token(step, "legacyIndex");
  if (legacy) return { type: "LegacyIndex", index: Number.parseInt(legacy.image, 10), range };
  if (step.children.LBracket) {
    const key = buildExpression(ctx, node(step, "key"), current.range?.end.offset ?? range.start.offset);
    return { type: "Index", key, range: spanFrom(ctx, range.start.offset, { range }, key) };
  }
  return undefined;
}

function buildTuple(ctx: BuildContext, cst: CstNode): Expression {
  const range = spanFrom(ctx, token(cst, "LBracket")?.startOffset ?? 0, token(cst, "RBracket"));
  const forCst = node(cst, "forExpr");
  if (forCst) return buildFor(ctx, forCst, false, range);
  let at = range.start.offset + 1;
  const items = nodes(cst, "item").map((item) => {
    const value = buildExpression(ctx, item, at);
    at = value.range?.end.offset ?? at;
    return value;
  });
  return {
    type: "Tuple",
    items,
    range: spanFrom(ctx, range.start.offset, { range }, items[items.length - 1]),
  };
}

function buildObject(ctx: BuildContext, cst: CstNode): Expression {
  const range = spanFrom(ctx, token(cst, "LBrace")?.startOffset ?? 0, token(cst, "RBrace"));
  const forCst = node(cst, "forExpr");
  if (forCst) return buildFor(ctx, forCst, true, range);
  const items: ObjectItem[] = [];
  for (const item of nodes(cst, "item")) {
    const start = items[items.length - 1]?.range?.end.offset ?? range.start.offset + 1;
    const key = objectKey(ctx, buildExpression(ctx, node(item, "key"), start));
    const separator = token(item, "separator");
    const nested = node(item, "nestedObject");
    const value = nested
      ? buildObject(ctx, nested)
      : buildExpression(ctx, node(item, "value"), separator ? separator.startOffset + 1 : start);
    if (nested && ctx.mode === "hcl2") {
      report(ctx, 'Missing "=" before this object (`key { … }` is HCL1 syntax).', value.range ?? range);
    }
    items.push({
      key,
      value,
      separator: separator?.image === ":" ? ":" : "=",
      range: spanFrom(ctx, key.range?.start.offset ?? start, key, value),
    });
  }
  return { type: "Object", items, range };
}

/** A bare name as an object key is that name as a string (not a variable), as in HCL. */
function objectKey(_ctx: BuildContext, key: Expression): Expression {
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

function buildFor(ctx: BuildContext, cst: CstNode, object: boolean, range: Range): ForExpr {
  const vars = tokens(cst, "var").map((t) => t.image);
  const inKeyword = token(cst, "inKeyword");
  if (inKeyword && inKeyword.image !== "in")
    report(
      ctx,
      `Expected "in" after the for variables, found "${inKeyword.image}".`,
      tokenRangeOf(ctx, inKeyword),
    );
  const at = range.start.offset + 1;
  const collection = buildExpression(ctx, node(cst, "collection"), at);
  const first = buildExpression(ctx, node(cst, "first"), collection.range?.end.offset ?? at);
  const secondCst = node(cst, "second");
  const second = secondCst ? buildExpression(ctx, secondCst, first.range?.end.offset ?? at) : undefined;
  const result: ForExpr = {
    type: "ForExpr",
    valueVar: vars.length > 1 ? (vars[1] as string) : (vars[0] ?? ""),
    collection,
    valueExpr: first,
    object,
    range,
  };
  if (vars.length > 1) result.keyVar = vars[0] as string;
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
  if (cst.children.grouping) {
    result.grouping = true;
    if (!object) report(ctx, 'Grouping ("...") only applies to object "for" expressions.', range);
  }
  const condition = node(cst, "condition");
  if (condition) result.condition = buildExpression(ctx, condition, range.start.offset);
  return result;
}
