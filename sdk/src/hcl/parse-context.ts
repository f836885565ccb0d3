// The token cursor every parse-*.ts function shares, and the helpers that place nodes.
//
// The parser is hand-written recursive descent over the lexer's tokens and builds the AST as it
// goes: chevrotain's CST (and its garbage, half the parse time on big files) is gone. Recovery
// follows what chevrotain's did where it was useful: a missing token is reported and assumed (or,
// when the wanted token comes right after a stray one, the stray is dropped), a missing
// expression becomes Invalid, after an error the rest of the item is skipped quietly, and only
// the first error at a given token is reported. Unlike chevrotain, a stray token inside a block
// does not end the block: its line is skipped and the block goes on (see parse-body.ts).
import { EOF, type IToken, type TokenType } from "chevrotain";
import type { Range } from "./ast.js";
import { describeToken, describeType, diagnostic, type HclDiagnostic, tokenRange } from "./diagnostics.js";
import type { SourcePositions } from "./source-positions.js";
import {
  AndAnd,
  Bang,
  EqualEqual,
  Greater,
  GreaterEqual,
  Hcl1HeredocLiteral,
  Hcl1Identifier,
  Hcl1QuotedLiteral,
  HeredocLiteral,
  HeredocStart,
  Identifier,
  LBrace,
  LBracket,
  Less,
  LessEqual,
  LParen,
  Minus,
  Newline,
  NotEqual,
  NumberLit,
  OrOr,
  Percent,
  Plus,
  Quote,
  QuotedLiteral,
  QuotedNewline,
  Slash,
  Star,
} from "./tokens.js";

export interface BuildContext {
  positions: SourcePositions;
  errors: HclDiagnostic[];
  mode: "hcl2" | "hcl1";
  /**
   * Second parse of a file with an unclosed block or heredoc: indentation decides where they
   * end. `indented`: the file indents block bodies, so an item as shallow as an open
   * block's own line belongs to an outer block.
   */
  recovering?: { indented: boolean };
  /** Set when a block or heredoc is left unclosed, which asks for the second parse. */
  unclosed?: boolean;
}

// Token classes by chevrotain's numeric type index: one array read per test, no Set lookups.
const flags: number[] = [];
export const NAME = 1;
export const NEWLINE = 2;
export const BINARY = 4;
export const QUOTED_LIT = 8;
export const HEREDOC_LIT = 16;
export const EXPR_START = 32;
const mark = (types: TokenType[], flag: number) => {
  for (const type of types) {
    const idx = type.tokenTypeIdx as number;
    flags[idx] = (flags[idx] ?? 0) | flag;
  }
};
mark([Identifier, Hcl1Identifier], NAME);
mark([Newline, QuotedNewline], NEWLINE);
mark([QuotedLiteral, Hcl1QuotedLiteral], QUOTED_LIT);
mark([HeredocLiteral, Hcl1HeredocLiteral], HEREDOC_LIT);
mark(
  [Minus, Bang, NumberLit, Identifier, Hcl1Identifier, Quote, HeredocStart, LBracket, LBrace, LParen],
  EXPR_START,
);
mark(
  [
    EqualEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    AndAnd,
    OrOr,
    Star,
    Slash,
    Percent,
    Plus,
    Minus,
    Less,
    Greater,
  ],
  BINARY,
);

export function is(token: IToken, flag: number): boolean {
  return ((flags[token.tokenType.tokenTypeIdx as number] ?? 0) & flag) !== 0;
}

/** `for`, `in`, `if`… are plain identifiers; only an hcl2 Identifier can be a keyword (as before). */
export function isKeyword(token: IToken, word: string): boolean {
  return token.tokenType === Identifier && token.image === word;
}

export class Cursor {
  pos = 0;
  private readonly end: IToken;
  private lastErrorAt = -1;

  constructor(
    readonly tokens: IToken[],
    readonly ctx: BuildContext,
  ) {
    const at = ctx.positions.source.length;
    this.end = { image: "", startOffset: at, endOffset: at, tokenType: EOF } as IToken;
  }

  peek(): IToken {
    return this.tokens[this.pos] ?? this.end;
  }

  peekAt(ahead: number): IToken {
    return this.tokens[this.pos + ahead] ?? this.end;
  }

  next(): IToken {
    const token = this.tokens[this.pos] ?? this.end;
    if (this.pos < this.tokens.length) this.pos++;
    return token;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** Takes the next token if it is of `type`. */
  accept(type: TokenType): IToken | undefined {
    const token = this.tokens[this.pos];
    if (token !== undefined && token.tokenType === type) {
      this.pos++;
      return token;
    }
    return undefined;
  }

  /**
   * Takes a token that must be here. If it isn't: report, then, as chevrotain did, drop one stray
   * token when the wanted one follows it; otherwise carry on as if it had been there.
   */
  expect(type: TokenType, message?: string): IToken | undefined {
    const found = this.accept(type);
    if (found) return found;
    const token = this.peek();
    this.error(message ?? `Expected ${describeType(type)}, found ${describeToken(token)}.`, token);
    if (this.peekAt(1).tokenType === type && !this.atEnd()) {
      this.pos++;
      return this.next();
    }
    return undefined;
  }

  /** A name (any identifier) that must be here. */
  name(): IToken | undefined {
    const token = this.peek();
    if (is(token, NAME)) return this.next();
    this.error(`Expected a name, found ${describeToken(token)}.`, token);
    if (is(this.peekAt(1), NAME) && !this.atEnd()) {
      this.pos++;
      return this.next();
    }
    return undefined;
  }

  /**
   * Reports a syntax error at `token`, once: chevrotain gave up on the enclosing rules after an
   * error, so whatever else they expected at the same place went unsaid, and so it does here.
   */
  error(message: string, token: IToken): void {
    if (this.pos === this.lastErrorAt) return;
    this.lastErrorAt = this.pos;
    this.ctx.errors.push(diagnostic(message, tokenRange(token, this.ctx.positions)));
  }

  /** "Expected an expression": what chevrotain said when no alternative matched. */
  noExpression(): void {
    this.error(`Expected an expression, found ${describeToken(this.peek())}.`, this.peek());
  }
}

export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** The end offset of a token or a built node, if it has a place in the source. */
export function endOf(part: IToken | { range?: Range | undefined } | undefined): number | undefined {
  if (part === undefined) return undefined;
  if ("image" in part) return tokenEnd(part);
  return part.range?.end.offset;
}

/** The range from `start` to the furthest end among two parts (either may be missing). */
export function span2(
  ctx: BuildContext,
  start: number,
  a: IToken | { range?: Range | undefined } | undefined,
  b: IToken | { range?: Range | undefined } | undefined,
): Range {
  let end = start;
  const ea = endOf(a);
  if (ea !== undefined && ea > end) end = ea;
  const eb = endOf(b);
  if (eb !== undefined && eb > end) end = eb;
  return ctx.positions.range(start, end);
}

export function tokenRangeOf(ctx: BuildContext, t: IToken): Range {
  return ctx.positions.range(t.startOffset, tokenEnd(t));
}

export function report(ctx: BuildContext, message: string, range: Range): void {
  ctx.errors.push(diagnostic(message, range));
}
