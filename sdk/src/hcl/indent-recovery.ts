// Guesses where a half-written file meant a block or heredoc to end, from its indentation.
// Braces alone can't say which block lacks its "}" (the parser would close the innermost
// one and shift every block below into the wrong parent), and an unterminated heredoc
// swallows the rest of the file. People indent, so the indentation is the better witness.
// The guesses are only made on a second parse of a file the first parse found unclosed:
// a valid file never depends on them.
import type { IToken } from "chevrotain";
import type { LexResult } from "./tokens.js";
import { HeredocEnd, HeredocStart, tokenize } from "./tokens.js";

/** The indentation (spaces and tabs) of the line holding `offset`. */
export function indentAt(source: string, offset: number): number {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  let i = lineStart;
  while (i < source.length && (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9)) i++;
  return i - lineStart;
}

/** The offset where the line holding `offset` starts. */
export function lineStartAt(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

/**
 * Whether a `}` at `brace` closes an outer block rather than the one opened at `open`: it sits
 * alone at the start of its line, indented less than the line that opened the block.
 */
export function closesOuterBlock(source: string, open: IToken, brace: IToken): boolean {
  const lineStart = lineStartAt(source, brace.startOffset);
  if (lineStart + indentAt(source, brace.startOffset) !== brace.startOffset) return false;
  return indentAt(source, brace.startOffset) < indentAt(source, open.startOffset);
}

/**
 * Whether an item starting at `token` begins after the block opened at `open` ended: it
 * starts its line, on a later line, no deeper than the opener's line. Asked only of a file
 * whose blocks are indented (see isIndented): in one written flush left, indentation says
 * nothing.
 */
export function startsAfterBlock(source: string, open: IToken, token: IToken): boolean {
  const lineStart = lineStartAt(source, token.startOffset);
  if (lineStart + indentAt(source, token.startOffset) !== token.startOffset) return false;
  if (lineStart <= open.startOffset) return false;
  return indentAt(source, token.startOffset) <= indentAt(source, open.startOffset);
}

/** Whether the first non-blank line after a line that opens a block is deeper, four times in five. */
export function isIndented(source: string): boolean {
  let opened = 0;
  let deeper = 0;
  let opener: number | undefined; // the indentation of a line ending in "{", awaiting its next line
  for (const line of source.split("\n")) {
    const text = line.trim();
    if (text === "") continue;
    const indent = line.length - line.trimStart().length;
    if (opener !== undefined && !text.startsWith("}")) {
      opened++;
      if (indent > opener) deeper++;
    }
    opener = text.endsWith("{") ? indent : undefined;
  }
  return opened > 0 && deeper * 5 >= opened * 4;
}

/**
 * Lexes `source`; when a heredoc is never closed, ends it before a later "}" line indented less
 * than the heredoc's own line, and lexes the rest as HCL. Of those lines, the most indented
 * (the first of them) is taken: it is the enclosing block's, where heredoc text at column 0
 * (an env file, a JSON document) or an outer block's "}" would be the wrong place.
 * Without such a line (or with every heredoc closed) this is plain `tokenize`.
 */
export function tokenizeRecovering(source: string, mode: "hcl2" | "hcl1"): LexResult {
  const lexed = tokenize(source, mode);
  const opener = unterminatedHeredoc(lexed.tokens);
  if (!opener) return lexed;
  const indent = indentAt(source, opener.startOffset);
  let cut = -1;
  let cutIndent = -1;
  for (let at = source.indexOf("\n", opener.startOffset) + 1; at > 0 && at < source.length; ) {
    const next = source.indexOf("\n", at);
    const lineIndent = indentAt(source, at);
    if (
      lineIndent < indent &&
      lineIndent > cutIndent &&
      source.slice(at, next < 0 ? undefined : next).trim() === "}"
    ) {
      cut = at;
      cutIndent = lineIndent;
      if (cutIndent === indent - 1) break; // nothing can be more indented and still qualify
    }
    at = next < 0 ? -1 : next + 1;
  }
  if (cut < 0) return lexed;
  const rest = tokenizeRecovering(source.slice(cut), mode);
  const shift = (t: IToken): IToken => ({ ...t, startOffset: t.startOffset + cut });
  return {
    tokens: [...lexed.tokens.filter((t) => t.startOffset < cut), ...rest.tokens.map(shift)],
    comments: [...lexed.comments.filter((t) => t.startOffset < cut), ...rest.comments.map(shift)],
    errors: [
      ...lexed.errors.filter((e) => e.offset < cut),
      ...rest.errors.map((e) => ({ ...e, offset: e.offset + cut })),
    ],
  };
}

/** The outermost heredoc opener with no closing marker, if any. */
function unterminatedHeredoc(tokens: readonly IToken[]): IToken | undefined {
  const open: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === HeredocStart) open.push(t);
    else if (t.tokenType === HeredocEnd) open.pop();
  }
  return open[0];
}
