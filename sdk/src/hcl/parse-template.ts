// Quoted strings and heredocs: literal chunks, `${ … }` interpolations and `%{ … }` directives.
// The text rules (escapes, `<<-` indentation, directive pairing) are in template-text.ts.
import type { IToken } from "chevrotain";
import type { Expression, Template, TemplateDirective, TemplatePart } from "./ast.js";
import {
  type Cursor,
  EXPR_START,
  endOf,
  HEREDOC_LIT,
  is,
  isKeyword,
  NAME,
  QUOTED_LIT,
  report,
  tokenEnd,
  tokenRangeOf,
} from "./parse-context.js";
import { parseExpression } from "./parse-expression.js";
import { checkDirectives, dedent, type LiteralChunk, literalChunk, meldLiterals } from "./template-text.js";
import {
  Comma,
  ControlStart,
  HeredocEnd,
  HeredocStart,
  InterpStart,
  QuoteEnd,
  RBrace,
  StripRBrace,
} from "./tokens.js";

const heredocOpener = /^<<(-?)([^\r\n]+?)\r?\n$/;

/** A template at a `"` or `<<EOT` token. */
export function parseTemplate(p: Cursor): Template {
  const ctx = p.ctx;
  const first = p.next();
  const opener = first.tokenType === HeredocStart ? first : undefined;
  const start = first.startOffset;
  const heredoc = opener ? heredocOpener.exec(opener.image) : null;
  const parts: Array<TemplatePart | LiteralChunk> = [];
  for (;;) {
    const token = p.peek();
    if (is(token, QUOTED_LIT | HEREDOC_LIT)) parts.push(literalChunk(ctx, p.next(), heredoc !== null));
    else if (token.tokenType === InterpStart) parts.push(parseInterpolation(p));
    else if (token.tokenType === ControlStart) parts.push(parseDirective(p));
    else break;
  }
  const closer = opener
    ? p.expect(HeredocEnd, "Unterminated heredoc: its closing marker must be on a line of its own.")
    : p.expect(QuoteEnd, 'Unterminated string: a quoted string must be closed with " on the same line.');
  if (opener && !closer) ctx.unclosed = true;
  if (heredoc?.[1] === "-") dedent(parts);
  const melded = meldLiterals(ctx, parts);
  // An empty string is still "a template with one literal part", as the builders make it.
  if (melded.length === 0) melded.push({ type: "TemplateLiteral", value: "", raw: "" });
  let end = tokenEnd(first);
  const partEnd = endOf(melded[melded.length - 1]);
  if (partEnd !== undefined && partEnd > end) end = partEnd;
  if (closer && tokenEnd(closer) > end) end = tokenEnd(closer);
  const template: Template = { type: "Template", parts: melded, range: ctx.positions.range(start, end) };
  if (heredoc) template.heredoc = { marker: heredoc[2] as string, indented: heredoc[1] === "-" };
  checkDirectives(ctx, template.parts);
  return template;
}

function parseInterpolation(p: Cursor): TemplatePart {
  const open = p.next();
  const expr = parseExpression(p, tokenEnd(open));
  const close = sequenceEnd(p);
  let end = tokenEnd(open);
  const exprEnd = expr.range?.end.offset;
  if (exprEnd !== undefined && exprEnd > end) end = exprEnd;
  if (close && tokenEnd(close) > end) end = tokenEnd(close);
  const part: TemplatePart = {
    type: "TemplateInterpolation",
    expr,
    range: p.ctx.positions.range(open.startOffset, end),
  };
  if (open.image.endsWith("~")) part.stripLeft = true;
  if (close?.image === "~}") part.stripRight = true;
  return part;
}

const directiveKinds = new Set(["if", "else", "endif", "for", "endfor"]);

/** `%{ if c }`, `%{ else }`, `%{ endif }`, `%{ for k, v in coll }`, `%{ endfor }`. */
function parseDirective(p: Cursor): TemplatePart {
  const ctx = p.ctx;
  const open = p.next();
  const at = tokenEnd(open);
  const vars: IToken[] = [];
  let keyword: IToken | undefined;
  let inKeyword: IToken | undefined;
  let expr: Expression | undefined;
  if (isKeyword(p.peek(), "for")) {
    keyword = p.next();
    pushName(vars, p);
    if (p.accept(Comma)) pushName(vars, p);
    inKeyword = p.name();
    expr = parseExpression(p, at);
  } else if (is(p.peek(), NAME)) {
    keyword = p.next();
    if (is(p.peek(), EXPR_START)) expr = parseExpression(p, at);
  } else {
    p.noExpression();
  }
  const close = sequenceEnd(p);
  let end = at;
  for (const part of [...vars, expr, close]) {
    const partEnd = endOf(part);
    if (partEnd !== undefined && partEnd > end) end = partEnd;
  }
  const range = ctx.positions.range(open.startOffset, end);
  const kind = keyword?.image ?? "";
  if (!directiveKinds.has(kind)) {
    report(
      ctx,
      `Unknown template directive "${kind}": use if, else, endif, for or endfor.`,
      keyword ? tokenRangeOf(ctx, keyword) : range,
    );
  }
  const directive: TemplateDirective = {
    type: "TemplateDirective",
    kind: (directiveKinds.has(kind) ? kind : "if") as TemplateDirective["kind"],
    range,
  };
  if (expr) directive.expr = expr;
  if ((kind === "if" || kind === "for") && !expr) report(ctx, `"%{${kind}}" needs an expression.`, range);
  if ((kind === "else" || kind === "endif" || kind === "endfor") && expr)
    report(ctx, `"%{${kind}}" takes no expression.`, range);
  if (kind === "for") {
    if (vars.length > 1) directive.keyVar = vars[0]?.image as string;
    directive.valueVar = vars[vars.length - 1]?.image ?? "";
    if (inKeyword && inKeyword.image !== "in")
      report(ctx, `Expected "in", found "${inKeyword.image}".`, tokenRangeOf(ctx, inKeyword));
  }
  if (open.image.endsWith("~")) directive.stripLeft = true;
  if (close?.image === "~}") directive.stripRight = true;
  return directive;
}

function pushName(vars: IToken[], p: Cursor): void {
  const name = p.name();
  if (name) vars.push(name);
}

/** The `}` or `~}` that closes a `${` or `%{`. */
function sequenceEnd(p: Cursor): IToken | undefined {
  const close = p.accept(RBrace) ?? p.accept(StripRBrace);
  if (!close) p.noExpression();
  return close;
}
