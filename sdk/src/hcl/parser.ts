// parse(): source → AST with ranges and every syntax error, never a throw.
//
// The lexer and the grammar are module singletons (chevrotain's setup is the expensive part).
// Recovery works in three layers: chevrotain's own (token insertion/deletion, re-sync inside
// rules), a restart after stray tokens at the top level (see below), and the AST builders, which
// turn whatever a failed rule left into nodes (a name being typed becomes an Attribute whose value
// is Invalid).
//
// Modes: "hcl1" is for files Nomad still reads with HCL1 (agent configs, ACL policies, volume,
// namespace, quota and node pool specs). Differences, all small: quoted argument/block names are
// allowed, hex (0x1F) and leading-zero octal numbers are allowed, and `${…}` inside strings and
// heredocs is plain text (HCL1 interpolation is not parsed). `key { }` and `key "label" { }` are
// blocks in both modes already.
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import type { ConfigFile } from "./ast.js";
import { buildItems, layoutBody, type PlacedItem } from "./build-body.js";
import { type BuildContext, tokens as cstTokens } from "./cst-access.js";
import { diagnostic, fromRecognitionError, type HclDiagnostic, tokenRange } from "./diagnostics.js";
import { grammar } from "./grammar.js";
import { filterNewlines } from "./newline-filter.js";
import { SourcePositions } from "./source-positions.js";
import {
  ControlStart,
  HeredocEnd,
  HeredocStart,
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
  tokenize,
} from "./tokens.js";

export type { HclDiagnostic } from "./diagnostics.js";

export interface ParseOptions {
  mode?: "hcl2" | "hcl1";
}

export interface ParseResult {
  file: ConfigFile;
  errors: HclDiagnostic[];
}

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const mode = options.mode ?? "hcl2";
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source; // keep offsets
  const positions = new SourcePositions(text);
  const errors: HclDiagnostic[] = [];
  const lexed = tokenize(text, mode);
  for (const error of lexed.errors) {
    const end = error.offset + Math.max(1, error.length);
    errors.push(
      diagnostic(
        `Invalid character ${JSON.stringify(text.slice(error.offset, error.offset + 1))}: it has no meaning here.`,
        positions.range(error.offset, end),
      ),
    );
  }
  const ctx: BuildContext = { positions, errors, mode };
  const tokens = filterNewlines(lexed.tokens);
  const file: ConfigFile = {
    type: "File",
    body: { type: "Body", items: [] },
    range: positions.range(0, text.length),
  };
  const placed: PlacedItem[] = [];
  const newlines: IToken[] = [];
  const commas: IToken[] = [];
  for (const [from, to] of topLevelChunks(tokens)) {
    parseChunk(ctx, tokens.slice(from, to), placed, newlines, commas);
  }
  file.body.items = layoutBody(ctx, placed, newlines, commas).body.items;
  file.body.range = file.range;
  errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { file, errors };
}

/**
 * The file is parsed in chunks of whole top-level items, each chunk's CST turned into AST and
 * dropped before the next: on big files the CST's size, not the parsing, is what costs (GC).
 * Chunks end at a newline outside any bracket, so no item is ever split.
 */
function* topLevelChunks(tokens: IToken[]): Generator<[number, number]> {
  let depth = 0;
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = (tokens[i] as IToken).tokenType;
    if (openers.has(type)) depth++;
    else if (closers.has(type)) depth = Math.max(0, depth - 1);
    else if (type === Newline && depth === 0 && i + 1 - from >= chunkTokens) {
      yield [from, i + 1];
      from = i + 1;
    }
  }
  if (from < tokens.length) yield [from, tokens.length];
}

const chunkTokens = 2000;
const openers = new Set<TokenType>([
  LBrace,
  LBracket,
  LParen,
  InterpStart,
  ControlStart,
  Quote,
  HeredocStart,
]);
const closers = new Set<TokenType>([
  RBrace,
  StripRBrace,
  RBracket,
  RParen,
  QuoteEnd,
  QuotedNewline,
  HeredocEnd,
]);

/**
 * Parses one chunk of the file body. The body ends early at a stray token (a `}` too many, a `]`
 * …): report it, skip to the next line, and parse on; one slip must not hide the rest of the file.
 */
function parseChunk(
  ctx: BuildContext,
  tokens: IToken[],
  placed: PlacedItem[],
  newlines: IToken[],
  commas: IToken[],
): void {
  let start = 0;
  while (start < tokens.length) {
    grammar.input = start === 0 ? tokens : tokens.slice(start);
    const cst = grammar.configFile();
    let stray: IToken | undefined;
    for (const error of grammar.errors) {
      if (error.name === "NotAllInputParsedException") stray = error.token;
      else if (!isUnclosedBlockAtEnd(error)) ctx.errors.push(fromRecognitionError(error, ctx.positions));
    }
    const bodyCst = cst.children.body?.[0];
    const body = bodyCst && "children" in bodyCst ? bodyCst : undefined;
    placed.push(...buildItems(ctx, body));
    if (body) {
      newlines.push(...cstTokens(body, "newline"));
      commas.push(...cstTokens(body, "comma"));
    }
    if (stray === undefined) return;
    const message =
      stray.image === "}"
        ? 'Unexpected "}": there is no block to close here.'
        : `Unexpected "${stray.image}": an argument or block definition is expected here.`;
    ctx.errors.push(diagnostic(message, tokenRange(stray, ctx.positions)));
    let next = tokens.indexOf(stray, start) + 1;
    while (next < tokens.length && (tokens[next] as IToken).tokenType.name !== "Newline") next++;
    start = next;
  }
}

/** A block's missing `}` at the end of the file: the block builder reports it at the `{`, which is more useful. */
function isUnclosedBlockAtEnd(error: IRecognitionException): boolean {
  const rule = error.context.ruleStack[error.context.ruleStack.length - 1];
  return error.token.tokenType.name === "EOF" && rule === "bodyItem" && error.message.includes("RBrace");
}
