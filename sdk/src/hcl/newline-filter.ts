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

// What each token type does here, by chevrotain's numeric type index: this runs once per token
// on every parse, so one array read instead of Set lookups.
const NEWLINE = 1;
const IGNORE_INSIDE = 2;
const KEEP_INSIDE = 3;
const BRACE = 4;
const CLOSER = 5;
const roles: number[] = [];
const assign = (types: TokenType[], role: number) => {
  for (const type of types) roles[type.tokenTypeIdx as number] = role;
};
assign([Newline], NEWLINE); // only a real Newline: a QuotedNewline closes its string instead
assign([LParen, LBracket, InterpStart, ControlStart], IGNORE_INSIDE);
assign([Quote, HeredocStart], KEEP_INSIDE);
assign([LBrace], BRACE);
assign([RParen, RBracket, RBrace, StripRBrace, QuoteEnd, QuotedNewline, HeredocEnd], CLOSER);

/** Drops the ignored newlines in place (the array is the lexer's, fresh for this parse). */
export function filterNewlines(tokens: IToken[]): IToken[] {
  const ignoring: boolean[] = [];
  let kept = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    const role = roles[token.tokenType.tokenTypeIdx as number];
    if (role === NEWLINE) {
      if (ignoring[ignoring.length - 1] === true) continue;
    } else if (role === IGNORE_INSIDE) {
      ignoring.push(true);
    } else if (role === KEEP_INSIDE) {
      ignoring.push(false);
    } else if (role === BRACE) {
      const next = tokens[i + 1];
      ignoring.push(
        next !== undefined &&
          next.image === "for" &&
          next.tokenType.CATEGORIES?.includes(Identifier) !== false,
      );
    } else if (role === CLOSER) {
      ignoring.pop();
    }
    tokens[kept++] = token;
  }
  tokens.length = kept;
  return tokens;
}
