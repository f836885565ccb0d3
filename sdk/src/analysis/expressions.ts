// Visits every expression of a file, nested ones included (template interpolations, list
// items, function arguments), so the checks and symbol index need no walker of their own.
import type { Body, ConfigFile, Expression, Range, Template } from "../hcl/ast.js";

/** The direct sub-expressions of an expression. */
export function children(expr: Expression): Expression[] {
  switch (expr.type) {
    case "Template":
      return expr.parts.flatMap((p) => (p.type === "TemplateLiteral" || !p.expr ? [] : [p.expr]));
    case "Tuple":
      return expr.items;
    case "Object":
      return expr.items.flatMap((i) => [i.key, i.value]);
    case "Traversal":
      return expr.steps.flatMap((s) => (s.type === "Index" ? [s.key] : []));
    case "FunctionCall":
      return expr.args;
    case "Conditional":
      return [expr.condition, expr.trueExpr, expr.falseExpr];
    case "BinaryOp":
      return [expr.left, expr.right];
    case "UnaryOp":
      return [expr.operand];
    case "ForExpr":
      return [
        expr.collection,
        ...(expr.keyExpr ? [expr.keyExpr] : []),
        expr.valueExpr,
        ...(expr.condition ? [expr.condition] : []),
      ];
    case "Index":
      return [expr.collection, expr.key];
    case "GetAttr":
      return [expr.object];
    case "Splat":
      return [expr.source];
    case "Parens":
      return [expr.expr];
    default:
      return [];
  }
}

/** Calls `visit` for each expression under `expr` (itself first), with the for-expression names in scope. */
export function walkExpression(
  expr: Expression,
  visit: (expr: Expression, bound: ReadonlySet<string>) => void,
  bound: ReadonlySet<string> = new Set(),
): void {
  visit(expr, bound);
  let inner = bound;
  if (expr.type === "ForExpr") {
    inner = new Set([...bound, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])]);
    walkExpression(expr.collection, visit, bound);
    for (const e of children(expr).slice(1)) walkExpression(e, visit, inner);
    return;
  }
  if (expr.type === "Template") {
    // `%{ for x in … }` binds x until the matching endfor.
    const names: string[] = [];
    for (const part of expr.parts) {
      if (part.type === "TemplateDirective") {
        if (part.expr) walkExpression(part.expr, visit, new Set([...bound, ...names]));
        if (part.kind === "for") names.push(...[part.valueVar, part.keyVar].filter((n): n is string => !!n));
        if (part.kind === "endfor") names.splice(-1, 1);
      } else if (part.type === "TemplateInterpolation") {
        walkExpression(part.expr, visit, new Set([...bound, ...names]));
      }
    }
    return;
  }
  for (const e of children(expr)) walkExpression(e, visit, inner);
}

/** Every attribute value in a body and its blocks. */
export function walkBodyExpressions(
  body: Body,
  visit: (expr: Expression, bound: ReadonlySet<string>) => void,
): void {
  for (const item of body.items) {
    if (item.type === "Attribute") walkExpression(item.value, visit);
    else if (item.type === "Block") walkBodyExpressions(item.body, visit);
  }
}

export function walkFileExpressions(
  file: ConfigFile,
  visit: (expr: Expression, bound: ReadonlySet<string>) => void,
): void {
  walkBodyExpressions(file.body, visit);
}

/** The range of a one-line quoted string without its quotes. */
export function stringContentRange(expr: Template): Range | undefined {
  const r = expr.range;
  if (!r || expr.heredoc || r.start.line !== r.end.line || r.end.offset - r.start.offset < 2) return r;
  return {
    start: { line: r.start.line, column: r.start.column + 1, offset: r.start.offset + 1 },
    end: { line: r.end.line, column: r.end.column - 1, offset: r.end.offset - 1 },
  };
}

/** Whether `offset` lies in the range (end inclusive: a cursor right after a name is on it). */
export function contains(range: Range | undefined, offset: number): boolean {
  return range !== undefined && offset >= range.start.offset && offset <= range.end.offset;
}
