// CST → AST for quoted strings and heredocs: escapes, `$${`/`%%{`, heredoc indentation and
// template directives.
import type { CstNode, IToken } from "chevrotain";
import type { Expression, Template, TemplateDirective, TemplateLiteral, TemplatePart } from "./ast.js";
import {
  type BuildContext,
  isToken,
  node,
  report,
  spanFrom,
  token,
  tokenEnd,
  tokenRangeOf,
  tokens,
} from "./cst-access.js";

type ExpressionBuilder = (ctx: BuildContext, cst: CstNode | undefined, fallback: number) => Expression;

const quotedEscape = /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))|\$\$\{|%%\{/g;
const templateEscape = /\$\$\{|%%\{/g;

/** Resolves `\n \r \t \" \\ \uNNNN \UNNNNNNNN` and `$${`/`%%{`; returns the offsets of bad escapes. */
export function decodeQuoted(raw: string, templateEscapes = true): { value: string; badEscapes: number[] } {
  const badEscapes: number[] = [];
  if (!raw.includes("\\") && !raw.includes("{")) return { value: raw, badEscapes };
  const value = raw.replace(quotedEscape, (match, u4: string, u8: string, single: string, offset: number) => {
    if (!templateEscapes && match[0] !== "\\") return match;
    if (u4 || u8) {
      const code = Number.parseInt(u4 ?? u8, 16);
      if (code > 0x10ffff) {
        badEscapes.push(offset);
        return match;
      }
      return String.fromCodePoint(code);
    }
    if (single === undefined) return match.slice(1); // `$${` → `${`, `%%{` → `%{`
    switch (single) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case '"':
        return '"';
      case "\\":
        return "\\";
      default:
        badEscapes.push(offset);
        return match;
    }
  });
  return { value, badEscapes };
}

interface LiteralChunk {
  raw: string;
  value: string;
  start: number;
  end: number;
}

export function buildTemplate(ctx: BuildContext, cst: CstNode, buildExpression: ExpressionBuilder): Template {
  const opener = token(cst, "HeredocStart");
  const start = (opener ?? token(cst, "Quote"))?.startOffset ?? 0;
  const heredoc = opener ? /^<<(-?)([^\r\n]+?)\r?\n$/.exec(opener.image) : null;
  const elements = cst.children.part ?? [];
  const parts: Array<TemplatePart | LiteralChunk> = [];
  for (const element of elements) {
    if (isToken(element)) {
      if (Number.isNaN(element.startOffset)) continue;
      parts.push(literalChunk(ctx, element, heredoc !== null));
    } else if (element.name === "interpolation") {
      parts.push(buildInterpolation(ctx, element, buildExpression));
    } else {
      parts.push(buildDirective(ctx, element, buildExpression));
    }
  }
  if (heredoc?.[1] === "-") dedent(parts);
  const melded = meldLiterals(ctx, parts);
  // An empty string is still "a template with one literal part", as the builders make it.
  if (melded.length === 0) melded.push({ type: "TemplateLiteral", value: "", raw: "" });
  const closer = token(cst, "HeredocEnd") ?? token(cst, "QuoteEnd");
  const range = spanFrom(ctx, start, opener ?? token(cst, "Quote"), melded[melded.length - 1], closer);
  const template: Template = { type: "Template", parts: melded, range };
  if (heredoc) template.heredoc = { marker: heredoc[2] as string, indented: heredoc[1] === "-" };
  checkDirectives(ctx, template.parts);
  return template;
}

function literalChunk(ctx: BuildContext, t: IToken, inHeredoc: boolean): LiteralChunk {
  const raw = t.image;
  const chunk = { raw, value: raw, start: t.startOffset, end: tokenEnd(t) };
  if (ctx.mode === "hcl1") {
    if (!inHeredoc) chunk.value = decodeQuoted(raw, false).value;
    return chunk;
  }
  if (inHeredoc) {
    chunk.value = raw.includes("{") ? raw.replace(templateEscape, (m) => m.slice(1)) : raw;
    return chunk;
  }
  const { value, badEscapes } = decodeQuoted(raw);
  for (const at of badEscapes) {
    const start = t.startOffset + at;
    report(
      ctx,
      `Invalid escape sequence "${raw.slice(at, at + 2)}": use \\\\ for a backslash.`,
      ctx.positions.range(start, start + 2),
    );
  }
  chunk.value = value;
  return chunk;
}

function isChunk(part: TemplatePart | LiteralChunk): part is LiteralChunk {
  return "raw" in part && !("type" in part);
}

/** `<<-` removes the smallest indentation of the non-blank lines (hclsyntax's rule, blank lines untouched). */
function dedent(parts: Array<TemplatePart | LiteralChunk>): void {
  let min = Number.MAX_SAFE_INTEGER;
  const adjust: LiteralChunk[] = [];
  let lineStart = true;
  for (const part of parts) {
    if (lineStart) {
      lineStart = false;
      if (isChunk(part)) {
        const trimmed = part.value.replace(/^\s+/, "");
        if (trimmed.length === 0 && part.value.endsWith("\n")) {
          // a blank line: not counted
        } else {
          min = Math.min(min, part.value.length - trimmed.length);
          adjust.push(part);
        }
      } else {
        min = 0;
      }
    }
    if (isChunk(part) && part.value.endsWith("\n")) lineStart = true;
  }
  if (min === Number.MAX_SAFE_INTEGER || min === 0) return;
  for (const chunk of adjust) chunk.value = chunk.value.slice(min);
}

function meldLiterals(ctx: BuildContext, parts: Array<TemplatePart | LiteralChunk>): TemplatePart[] {
  const out: TemplatePart[] = [];
  let pending: LiteralChunk | undefined;
  const flush = () => {
    if (!pending) return;
    const literal: TemplateLiteral = { type: "TemplateLiteral", value: pending.value, raw: pending.raw };
    literal.range = ctx.positions.range(pending.start, pending.end);
    out.push(literal);
    pending = undefined;
  };
  for (const part of parts) {
    if (isChunk(part)) {
      if (pending)
        pending = {
          raw: pending.raw + part.raw,
          value: pending.value + part.value,
          start: pending.start,
          end: part.end,
        };
      else pending = { ...part };
    } else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}

function buildInterpolation(
  ctx: BuildContext,
  cst: CstNode,
  buildExpression: ExpressionBuilder,
): TemplatePart {
  const open = token(cst, "InterpStart");
  const at = open ? tokenEnd(open) : 0;
  const expr = buildExpression(ctx, node(cst, "expression"), at);
  const close = sequenceEnd(cst);
  const part: TemplatePart = {
    type: "TemplateInterpolation",
    expr,
    range: spanFrom(ctx, open?.startOffset ?? at, open, expr, close),
  };
  if (open?.image.endsWith("~")) part.stripLeft = true;
  if (close?.image === "~}") part.stripRight = true;
  return part;
}

const directiveKinds = new Set(["if", "else", "endif", "for", "endfor"]);

function buildDirective(ctx: BuildContext, cst: CstNode, buildExpression: ExpressionBuilder): TemplatePart {
  const open = token(cst, "ControlStart");
  const at = open ? tokenEnd(open) : 0;
  const exprCst = node(cst, "expression");
  const expr = exprCst ? buildExpression(ctx, exprCst, at) : undefined;
  const range = spanFrom(ctx, open?.startOffset ?? at, open, ...tokens(cst, "var"), expr, sequenceEnd(cst));
  const keyword = token(cst, "keyword");
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
  if ((kind === "if" || kind === "for") && !exprCst) report(ctx, `"%{${kind}}" needs an expression.`, range);
  if ((kind === "else" || kind === "endif" || kind === "endfor") && exprCst)
    report(ctx, `"%{${kind}}" takes no expression.`, range);
  const vars = tokens(cst, "var").map((t) => t.image);
  if (kind === "for") {
    if (vars.length > 1) directive.keyVar = vars[0] as string;
    directive.valueVar = vars[vars.length - 1] ?? "";
    const inKeyword = token(cst, "inKeyword");
    if (inKeyword && inKeyword.image !== "in")
      report(ctx, `Expected "in", found "${inKeyword.image}".`, tokenRangeOf(ctx, inKeyword));
  }
  if (open?.image.endsWith("~")) directive.stripLeft = true;
  if (sequenceEnd(cst)?.image === "~}") directive.stripRight = true;
  return directive;
}

/** The `}` or `~}` that closes a `${` or `%{`. */
function sequenceEnd(cst: CstNode): IToken | undefined {
  return token(cst, "close");
}

/** `%{if}` … `%{endif}` and `%{for}` … `%{endfor}` must pair up. */
function checkDirectives(ctx: BuildContext, parts: TemplatePart[]): void {
  const open: TemplateDirective[] = [];
  for (const part of parts) {
    if (part.type !== "TemplateDirective") continue;
    const top = open[open.length - 1];
    switch (part.kind) {
      case "if":
      case "for":
        open.push(part);
        break;
      case "else":
        if (top?.kind !== "if")
          report(ctx, '"%{else}" without a matching "%{if}".', part.range ?? ctx.positions.range(0, 0));
        break;
      case "endif":
      case "endfor": {
        const want = part.kind === "endif" ? "if" : "for";
        if (top?.kind === want) open.pop();
        else
          report(
            ctx,
            `"%{${part.kind}}" without a matching "%{${want}}".`,
            part.range ?? ctx.positions.range(0, 0),
          );
        break;
      }
    }
  }
  for (const unclosed of open) {
    report(
      ctx,
      `"%{${unclosed.kind}}" is never closed with "%{end${unclosed.kind}}".`,
      unclosed.range ?? ctx.positions.range(0, 0),
    );
  }
}
