// Newlines are significant in bodies and objects but not inside `( )`, `[ ]`, `${ }`, `%{ }`
// or `{ for … }`: there hclsyntax ignores them, so we drop them before parsing.
import type { IToken, TokenType } from "chevrotain";
import {
  ControlStart,
  HeredocEnd,
  HeredocStart,
  Identifier,
  InterpStart,
  LBrace,
  LBracket,
  LParen,
  Newline,
  Quote,
  QuotedNewline,
  QuoteEnd,
  RBrace,
  RBracket,
  RParen,
  StripRBrace,
} from "./tokens.js";

// Token types compared by identity: this runs once per token on every parse.
const ignoreInside = new Set<TokenType>([LParen, LBracket, InterpStart, ControlStart]);
const keepInside = new Set<TokenType>([Quote, HeredocStart]);
const closers = new Set<TokenType>([
  RParen,
  RBracket,
  RBrace,
  StripRBrace,
  QuoteEnd,
  QuotedNewline,
  HeredocEnd,
]);

export function filterNewlines(tokens: IToken[]): IToken[] {
  const ignoring: boolean[] = [];
  const out: IToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    const type = token.tokenType;
    if (type === Newline) {
      if (ignoring[ignoring.length - 1] === true) continue;
    } else if (ignoreInside.has(type)) {
      ignoring.push(true);
    } else if (keepInside.has(type)) {
      ignoring.push(false);
    } else if (type === LBrace) {
      const next = tokens[i + 1];
      ignoring.push(
        next !== undefined &&
          next.image === "for" &&
          next.tokenType.CATEGORIES?.includes(Identifier) !== false,
      );
    } else if (closers.has(type)) {
      ignoring.pop();
    }
    out.push(token);
  }
  return out;
}
