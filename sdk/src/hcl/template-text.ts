// The text side of templates: escapes, `$${`/`%%{`, heredoc indentation, joining literal chunks
// and pairing `%{if}`/`%{for}` directives. parse-template.ts reads the tokens and calls these.
import type { IToken } from "chevrotain";
import type { TemplateDirective, TemplateLiteral, TemplatePart } from "./ast.js";
import { type BuildContext, report, tokenEnd } from "./parse-context.js";

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

export interface LiteralChunk {
  raw: string;
  value: string;
  start: number;
  end: number;
}

export function literalChunk(ctx: BuildContext, t: IToken, inHeredoc: boolean): LiteralChunk {
  const raw = t.image;
  const chunk = { raw, value: raw, start: t.startOffset, end: tokenEnd(t) };
  if (ctx.mode === "hcl1") {
    if (!inHeredoc) chunk.value = decodeQuoted(raw, false).value;
    return chunk;
  }
  if (!raw.includes("\\") && !raw.includes("{")) return chunk; // nothing to decode (most strings)
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
export function dedent(parts: Array<TemplatePart | LiteralChunk>): void {
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

/** Adjacent literal chunks become one TemplateLiteral (no closure: this runs for every string). */
export function meldLiterals(ctx: BuildContext, parts: Array<TemplatePart | LiteralChunk>): TemplatePart[] {
  const out: TemplatePart[] = [];
  let pending: LiteralChunk | undefined;
  for (const part of parts) {
    if (isChunk(part)) {
      // Chunks are this parse's own objects: grow the first in place rather than copy.
      if (pending) {
        pending.raw += part.raw;
        pending.value += part.value;
        pending.end = part.end;
      } else pending = part;
    } else {
      if (pending) out.push(literalOf(ctx, pending));
      pending = undefined;
      out.push(part);
    }
  }
  if (pending) out.push(literalOf(ctx, pending));
  return out;
}

function literalOf(ctx: BuildContext, chunk: LiteralChunk): TemplateLiteral {
  const literal: TemplateLiteral = { type: "TemplateLiteral", value: chunk.value, raw: chunk.raw };
  literal.range = ctx.positions.range(chunk.start, chunk.end);
  return literal;
}

/** `%{if}` … `%{endif}` and `%{for}` … `%{endfor}` must pair up. */
export function checkDirectives(ctx: BuildContext, parts: TemplatePart[]): void {
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
