// The token view format() works on: the same sequence hclsyntax's scanner gives hclwrite, with
// comments in place and `#`/`//` comments owning the newline that ends them (so a line comment
// also ends its line, as in hclsyntax).
import type { IToken } from "chevrotain";
import { tokenize } from "./tokens.js";

export type FormatTokenKind =
  | "newline"
  | "comment"
  | "oBrace"
  | "cBrace"
  | "oBrack"
  | "cBrack"
  | "oParen"
  | "cParen"
  | "templateInterp"
  | "templateControl"
  | "templateSeqEnd"
  | "oQuote"
  | "cQuote"
  | "quotedLit"
  | "stringLit"
  | "oHeredoc"
  | "cHeredoc"
  | "ident"
  | "number"
  | "dot"
  | "comma"
  | "ellipsis"
  | "minus"
  | "bang"
  | "equal"
  | "colon"
  | "question"
  | "doubleColon"
  | "arithmetic"
  | "comparison"
  | "logical"
  | "other";

export interface FormatToken {
  kind: FormatTokenKind;
  text: string;
  /** Spaces written before the token; format() decides them all. */
  spacesBefore: number;
}

const kindByTokenName: Record<string, FormatTokenKind> = {
  Newline: "newline",
  LineComment: "comment",
  BlockComment: "comment",
  LBrace: "oBrace",
  LBracket: "oBrack",
  RBracket: "cBrack",
  LParen: "oParen",
  RParen: "cParen",
  InterpStart: "templateInterp",
  ControlStart: "templateControl",
  StripRBrace: "templateSeqEnd",
  Quote: "oQuote",
  QuoteEnd: "cQuote",
  QuotedLiteral: "quotedLit",
  HeredocLiteral: "stringLit",
  HeredocStart: "oHeredoc",
  HeredocEnd: "cHeredoc",
  Identifier: "ident",
  NumberLit: "number",
  Dot: "dot",
  Comma: "comma",
  Ellipsis: "ellipsis",
  Minus: "minus",
  Bang: "bang",
  Equals: "equal",
  Colon: "colon",
  Question: "question",
  DoubleColon: "doubleColon",
  Plus: "arithmetic",
  Star: "arithmetic",
  Slash: "arithmetic",
  Percent: "arithmetic",
  EqualEqual: "comparison",
  NotEqual: "comparison",
  Less: "comparison",
  Greater: "comparison",
  LessEqual: "comparison",
  GreaterEqual: "comparison",
  AndAnd: "logical",
  OrOr: "logical",
};

export interface FormatTokenStream {
  tokens: FormatToken[];
  /** Spaces after the last token: hclwrite writes the EOF token's leading gap back unchanged. */
  trailingSpaces: number;
}

/** Lexes `source` (which must lex cleanly) into hclwrite-style tokens. */
export function formatTokens(source: string): FormatTokenStream {
  const { tokens, comments } = tokenize(source);
  const merged = mergeByOffset(tokens, comments);
  const out: FormatToken[] = [];
  // Which opener each `}` closes: a block/object brace, or a `${`/`%{` template sequence.
  const braceStack: boolean[] = [];
  let lastEnd = 0;
  for (let i = 0; i < merged.length; i++) {
    const token = merged[i] as IToken;
    const name = token.tokenType.name;
    let text = token.image;
    let kind: FormatTokenKind;
    if (name === "RBrace") {
      kind = braceStack.pop() ? "templateSeqEnd" : "cBrace";
    } else {
      kind = kindByTokenName[name] ?? "other";
      if (kind === "oBrace") braceStack.push(false);
      else if (kind === "templateInterp" || kind === "templateControl") braceStack.push(true);
      else if (kind === "templateSeqEnd") braceStack.pop();
    }
    let end = token.startOffset + text.length;
    const next = merged[i + 1];
    if (
      name === "LineComment" &&
      next !== undefined &&
      next.tokenType.name === "Newline" &&
      next.startOffset === end
    ) {
      text += next.image;
      end += next.image.length;
      i++;
    }
    out.push({ kind, text, spacesBefore: 0 });
    lastEnd = end;
  }
  return { tokens: out, trailingSpaces: source.length - lastEnd };
}

function mergeByOffset(a: IToken[], b: IToken[]): IToken[] {
  if (b.length === 0) return a;
  const out: IToken[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.startOffset < y.startOffset)) {
      out.push(x as IToken);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
