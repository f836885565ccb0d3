// Syntax errors as values with a place, worded for people editing Nomad files.
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import type { Range } from "./ast.js";
import type { SourcePositions } from "./source-positions.js";

export interface HclDiagnostic {
  message: string;
  range: Range;
  severity: "error";
}

const tokenWords: Record<string, string> = {
  Newline: "a newline",
  QuotedNewline: "a newline",
  Identifier: "a name",
  NumberLit: "a number",
  Quote: "a string",
  QuoteEnd: 'a closing "',
  HeredocStart: "a heredoc",
  HeredocEnd: "the heredoc's closing marker",
  LBrace: '"{"',
  RBrace: '"}"',
  StripRBrace: '"~}"',
  LBracket: '"["',
  RBracket: '"]"',
  LParen: '"("',
  RParen: '")"',
  Equals: '"="',
  Colon: '":"',
  Comma: '","',
  FatArrow: '"=>"',
  EOF: "the end of the file",
};

export function describeToken(token: IToken): string {
  const name = token.tokenType.name;
  if (name === "EOF") return tokenWords.EOF as string;
  if (name === "Identifier") return `"${token.image}"`;
  return tokenWords[name] ?? `"${token.image}"`;
}

function describeType(type: TokenType): string {
  return tokenWords[type.name] ?? type.name;
}

/** Turns a chevrotain recognition error into our wording; `where` gives the range to blame. */
export function fromRecognitionError(
  error: IRecognitionException,
  positions: SourcePositions,
): HclDiagnostic {
  const token = error.token;
  const found = describeToken(token);
  const rule = error.context.ruleStack[error.context.ruleStack.length - 1] ?? "";
  let message: string;
  if (rule === "bodyItem" && error.name === "NoViableAltException") {
    message = `Argument or block definition required: found ${found}. Use "=" to set an argument, or a "{" to open a block.`;
  } else if (rule === "quotedTemplate") {
    message = 'Unterminated string: a quoted string must be closed with " on the same line.';
  } else if (rule === "heredocTemplate") {
    message = "Unterminated heredoc: its closing marker must be on a line of its own.";
  } else if (error.name === "MismatchedTokenException") {
    const expected = /-->\s*(\w+)\s*<--/.exec(error.message)?.[1];
    message = `Expected ${expected ? describeExpected(expected) : "something else"}, found ${found}.`;
  } else if (error.name === "NotAllInputParsedException") {
    message = `Expected an argument or block definition, found ${found}.`;
  } else {
    message = `Expected an expression, found ${found}.`;
  }
  return { message, range: tokenRange(token, positions), severity: "error" };
}

function describeExpected(typeName: string): string {
  return tokenWords[typeName] ?? typeName;
}

export function tokenRange(token: IToken, positions: SourcePositions): Range {
  if (Number.isNaN(token.startOffset) || token.tokenType.name === "EOF") {
    const end = positions.source.length;
    return positions.range(end, end);
  }
  return positions.range(token.startOffset, token.startOffset + token.image.length);
}

export function diagnostic(message: string, range: Range): HclDiagnostic {
  return { message, range, severity: "error" };
}

export { describeType };
