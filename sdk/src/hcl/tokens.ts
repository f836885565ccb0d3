// HCL2 native-syntax lexer (chevrotain, multi-mode).
//
// The token stream mirrors hashicorp/hcl's hclsyntax scanner closely, because format() works on
// tokens exactly like hclwrite does and needs the same token boundaries:
//   - `main` is expression/body context; `{` pushes another `main` and `}` pops, so a `}` that
//     closes `${` or `%{` returns to the template mode that opened it (brace balance = mode stack);
//   - `quoted` and `heredoc` are template contexts; `${`/`%{` push `main`;
//   - a heredoc opener includes its newline, each heredoc literal chunk ends at (and includes)
//     a newline, and the closing marker line is its own token without the newline;
//   - comments and spaces are kept off the parser's stream (groups), newlines are real tokens.
// The `hcl1` lexer differs only inside strings and heredocs: `${…}` is plain text there.
import { createToken, type ILexingError, type IToken, Lexer, type TokenType } from "chevrotain";

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";

// ---- Heredoc markers. Custom patterns share this stack; tokenize() resets it for each run.
let heredocMarkers: string[] = [];

const heredocStartRe = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;
function matchHeredocStart(text: string, offset: number): RegExpExecArray | null {
  heredocStartRe.lastIndex = offset;
  const match = heredocStartRe.exec(text);
  if (match) heredocMarkers.push(match[2] ?? "");
  return match;
}

const markerLineRe = /[ \t]*([^\s]*)[ \t]*(?=\r?\n)/y;
/** The closing marker only counts on a line of its own (hclsyntax also needs the newline after it). */
function matchHeredocEnd(text: string, offset: number): RegExpExecArray | null {
  if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
  const marker = heredocMarkers[heredocMarkers.length - 1];
  if (marker === undefined) return null;
  markerLineRe.lastIndex = offset;
  const match = markerLineRe.exec(text);
  if (!match || match[1] !== marker) return null;
  heredocMarkers.pop();
  return match;
}

const markerStartChars = [...letters, " ", "\t"];

// ---- Trivia
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({
  name: "LineComment",
  pattern: /(?:#|\/\/)[^\r\n]*/,
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});
export const Newline = createToken({ name: "Newline", pattern: /\r?\n/, line_breaks: true });

// ---- Literals and names
export const NumberLit = createToken({
  name: "NumberLit",
  // Hex and leading-zero octal are HCL1 only; the parser reports them in hcl2 mode.
  pattern: /0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
});
const identifierRe = /[A-Za-z_][\p{ID_Continue}-]*/uy;
/** Names start with an ASCII letter or `_` (chevrotain's first-char index can't take a Unicode class). */
export const Identifier = createToken({
  name: "Identifier",
  pattern: {
    exec: (text: string, offset: number) => {
      identifierRe.lastIndex = offset;
      return identifierRe.exec(text);
    },
  },
  start_chars_hint: [...letters],
});

/** HCL1 names may hold dots (`driver.allowlist = …`); HCL1 has no traversals to confuse them with. */
export const Hcl1Identifier = createToken({
  name: "Hcl1Identifier",
  pattern: /[A-Za-z_][\w.-]*/,
  categories: [Identifier],
});

// ---- Template openers and closers
export const Quote = createToken({ name: "Quote", pattern: /"/, push_mode: "quoted" });
export const QuoteEnd = createToken({ name: "QuoteEnd", pattern: /"/, pop_mode: true });
/** A raw newline inside a quoted string: an error; it ends the string so the next line parses. */
export const QuotedNewline = createToken({
  name: "QuotedNewline",
  pattern: /\r?\n/,
  pop_mode: true,
  line_breaks: true,
  categories: [Newline],
});
export const HeredocStart = createToken({
  name: "HeredocStart",
  pattern: { exec: matchHeredocStart },
  start_chars_hint: ["<"],
  line_breaks: true,
  push_mode: "heredoc",
});
export const HeredocEnd = createToken({
  name: "HeredocEnd",
  pattern: { exec: matchHeredocEnd },
  start_chars_hint: markerStartChars,
  line_breaks: false,
  pop_mode: true,
});
export const InterpStart = createToken({ name: "InterpStart", pattern: /\$\{~?/, push_mode: "main" });
export const ControlStart = createToken({ name: "ControlStart", pattern: /%\{~?/, push_mode: "main" });
export const QuotedLiteral = createToken({
  name: "QuotedLiteral",
  pattern: /(?:[^"\\$%\r\n]|\\[^\r\n]|\$\$\{~?|%%\{~?|\$(?!\{)|%(?!\{))+/,
});
export const HeredocLiteral = createToken({
  name: "HeredocLiteral",
  pattern: /(?:[^$%\r\n]|\$\$\{~?|%%\{~?|\$(?!\{)|%(?!\{))+(?:\r?\n)?|\r?\n/,
  line_breaks: true,
});
export const Hcl1QuotedLiteral = createToken({
  name: "Hcl1QuotedLiteral",
  pattern: /(?:[^"\\$\r\n]|\\[^\r\n]|\$\{[^}\r\n]*\}|\$)+/,
  categories: [QuotedLiteral],
});
export const Hcl1HeredocLiteral = createToken({
  name: "Hcl1HeredocLiteral",
  pattern: /[^\r\n]+(?:\r?\n)?|\r?\n/,
  line_breaks: true,
  categories: [HeredocLiteral],
});

// ---- Punctuation and operators (longest first: chevrotain takes the first pattern that matches)
/** Any binary operator (a category, for the token tests and tools; the parser lists them itself). */
export const BinaryOperator = createToken({ name: "BinaryOperator", pattern: Lexer.NA });
const punct = (name: string, pattern: RegExp, extra: Partial<Parameters<typeof createToken>[0]> = {}) =>
  createToken({ name, pattern, ...extra });
const binary = { categories: [BinaryOperator] };
export const Ellipsis = punct("Ellipsis", /\.\.\./);
export const EqualEqual = punct("EqualEqual", /==/, binary);
export const NotEqual = punct("NotEqual", /!=/, binary);
export const LessEqual = punct("LessEqual", /<=/, binary);
export const GreaterEqual = punct("GreaterEqual", />=/, binary);
export const AndAnd = punct("AndAnd", /&&/, binary);
export const OrOr = punct("OrOr", /\|\|/, binary);
export const DoubleColon = punct("DoubleColon", /::/);
export const FatArrow = punct("FatArrow", /=>/);
export const LBrace = punct("LBrace", /\{/, { push_mode: "main" });
/** `}` closes a block/object or a `${`/`%{` sequence; which one is known from the mode stack. */
export const RBrace = punct("RBrace", /\}/, { pop_mode: true });
/** `~}`: a template sequence end that strips whitespace after it. */
export const StripRBrace = punct("StripRBrace", /~\}/, { pop_mode: true });
export const LBracket = punct("LBracket", /\[/);
export const RBracket = punct("RBracket", /\]/);
export const LParen = punct("LParen", /\(/);
export const RParen = punct("RParen", /\)/);
export const Dot = punct("Dot", /\./);
export const Comma = punct("Comma", /,/);
export const Star = punct("Star", /\*/, binary);
export const Slash = punct("Slash", /\//, binary);
export const Percent = punct("Percent", /%/, binary);
export const Plus = punct("Plus", /\+/, binary);
export const Minus = punct("Minus", /-/, binary);
export const Equals = punct("Equals", /=/);
export const Less = punct("Less", /</, binary);
export const Greater = punct("Greater", />/, binary);
export const Bang = punct("Bang", /!/);
export const Question = punct("Question", /\?/);
export const Colon = punct("Colon", /:/);

const mainMode: TokenType[] = [
  WhiteSpace,
  Newline,
  LineComment,
  BlockComment,
  HeredocStart,
  NumberLit,
  Identifier,
  Quote,
  Ellipsis,
  EqualEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  AndAnd,
  OrOr,
  DoubleColon,
  FatArrow,
  LBrace,
  RBrace,
  StripRBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Dot,
  Comma,
  Star,
  Slash,
  Percent,
  Plus,
  Minus,
  Equals,
  Less,
  Greater,
  Bang,
  Question,
  Colon,
];

/** Every token type, for the parser's vocabulary. */
export const allTokens: TokenType[] = [
  ...mainMode,
  QuoteEnd,
  QuotedNewline,
  HeredocEnd,
  InterpStart,
  ControlStart,
  QuotedLiteral,
  HeredocLiteral,
  Hcl1QuotedLiteral,
  Hcl1HeredocLiteral,
  Hcl1Identifier,
  BinaryOperator,
];

// Chevrotain checks the token definitions each time a lexer is built, which is most of the
// language server's start time. Tests and the CLI keep the checks; the bundled server
// (extension/scripts/build.mjs defines NOMADKIT_BUNDLED) is built from the same checked
// definitions and skips them.
const lexerConfig = {
  positionTracking: "onlyOffset",
  ensureOptimizations: false,
  skipValidations: process.env.NOMADKIT_BUNDLED === "1",
} as const;

const hcl2Lexer = new Lexer(
  {
    defaultMode: "main",
    modes: {
      main: mainMode,
      quoted: [InterpStart, ControlStart, QuoteEnd, QuotedNewline, QuotedLiteral],
      heredoc: [InterpStart, ControlStart, HeredocEnd, HeredocLiteral],
    },
  },
  lexerConfig,
);

const hcl1Lexer = new Lexer(
  {
    defaultMode: "main",
    modes: {
      main: mainMode.map((type) => (type === Identifier ? Hcl1Identifier : type)),
      quoted: [QuoteEnd, QuotedNewline, Hcl1QuotedLiteral],
      heredoc: [HeredocEnd, Hcl1HeredocLiteral],
    },
  },
  lexerConfig,
);

export interface LexResult {
  /** What the parser reads: no spaces, no comments. */
  tokens: IToken[];
  /** Comments in source order (line comments exclude their newline). */
  comments: IToken[];
  errors: ILexingError[];
}

export function tokenize(source: string, mode: "hcl2" | "hcl1" = "hcl2"): LexResult {
  heredocMarkers = [];
  const result = (mode === "hcl1" ? hcl1Lexer : hcl2Lexer).tokenize(source);
  // "onlyOffset" tracking leaves endOffset unset: nothing reads it (ends are start + image length).
  // A stray `}` at top level "pops" the base mode; that's the parser's error to report, not ours.
  const errors = result.errors.filter((e) => !e.message.startsWith("Unable to pop Lexer Mode"));
  return { tokens: result.tokens, comments: result.groups.comments ?? [], errors };
}
