// Canonical formatting, byte-for-byte what `nomad fmt` (hclwrite.Format) writes.
//
// Like hclwrite it never parses structure: it lexes, cuts the tokens into lines, and rewrites only
// the spaces before tokens, in three passes: indentation from bracket balance per line, spacing
// between neighbouring tokens, then vertical alignment of `=` and of trailing comments over runs of
// consecutive lines. String content, heredoc bodies and line breaks are never changed.
import { type FormatToken, type FormatTokenKind, formatTokens } from "./format-tokens.js";
import { parse } from "./parser.js";

interface FormatLine {
  lead: FormatToken[];
  /** From the `=` of a single-line attribute to the end of the line (without a trailing comment). */
  assign: FormatToken[] | null;
  /** A trailing line comment after other tokens. */
  comment: FormatToken[] | null;
}

/**
 * Formats HCL2 source the way `nomad fmt` does. Input with syntax errors comes back unchanged
 * (hclwrite would format the tokens it can, but we never want to rewrite text we don't understand).
 */
export function format(source: string): string {
  if (parse(source).errors.length > 0) return source;
  return formatValidSource(source);
}

/**
 * format() for text known to parse, such as the printer's own output: skips the syntax check,
 * which costs more than the formatting itself.
 */
export function formatValidSource(source: string): string {
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const { tokens, trailingSpaces } = formatTokens(body);
  const lines = splitLines(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  alignCells(lines);
  let out = "";
  for (const token of tokens) out += " ".repeat(token.spacesBefore) + token.text;
  return out + " ".repeat(trailingSpaces);
}

function splitLines(tokens: FormatToken[]): FormatLine[] {
  const lines: FormatLine[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (endsLine(tokens[i] as FormatToken)) {
      lines.push(makeLine(tokens.slice(start, i + 1)));
      start = i + 1;
    }
  }
  if (start < tokens.length) lines.push(makeLine(tokens.slice(start)));
  return lines;
}

function endsLine(token: FormatToken): boolean {
  return token.kind === "newline" || (token.kind === "comment" && token.text.endsWith("\n"));
}

function makeLine(lead: FormatToken[]): FormatLine {
  const line: FormatLine = { lead, assign: null, comment: null };
  if (lead.length > 1 && (lead[lead.length - 1] as FormatToken).kind === "comment") {
    line.comment = lead.slice(-1);
    line.lead = lead = lead.slice(0, -1);
  }
  for (let i = 1; i < lead.length; i++) {
    if ((lead[i] as FormatToken).kind !== "equal") continue;
    // Only a complete expression after `=` joins the alignment; an opening bracket means the
    // value continues on the following lines.
    let net = 0;
    for (let j = i; j < lead.length; j++) net += bracketChange(lead[j] as FormatToken);
    if (net === 0) {
      line.assign = lead.slice(i);
      line.lead = lead.slice(0, i);
    }
    break;
  }
  return line;
}

function bracketChange(token: FormatToken): number {
  switch (token.kind) {
    case "oBrace":
    case "oBrack":
    case "oParen":
    case "templateInterp":
    case "templateControl":
      return 1;
    case "cBrace":
    case "cBrack":
    case "cParen":
    case "templateSeqEnd":
      return -1;
    default:
      return 0;
  }
}

/** Two spaces per open bracket level, where a level is what one line opened and a later line closes. */
function formatIndent(lines: FormatLine[]): void {
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (first === undefined) continue;
    if (first.kind === "newline") {
      first.spacesBefore = 0;
      continue;
    }
    let net = 0;
    for (const token of line.lead) {
      net += bracketChange(token);
      if (token.kind === "oHeredoc") break;
    }
    for (const token of line.assign ?? []) net += bracketChange(token);
    if (net > 0) {
      first.spacesBefore = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1] as number;
      if (closed > top) {
        closed -= top;
        indents.pop();
      } else if (closed < top) {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      } else {
        indents.pop();
        closed = 0;
      }
    }
    first.spacesBefore = 2 * indents.length;
  }
}

const nilToken: FormatToken = { kind: "other", text: "", spacesBefore: 0 };

function formatSpaces(lines: FormatLine[]): void {
  for (const line of lines) {
    spaceCell(line.lead);
    if (line.assign !== null) {
      (line.assign[0] as FormatToken).spacesBefore = 1;
      spaceCell(line.assign);
    }
  }
}

function spaceCell(cell: FormatToken[]): void {
  for (let i = 0; i + 1 < cell.length; i++) {
    const after = cell[i + 1] as FormatToken;
    after.spacesBefore = spaceAfter(
      cell[i] as FormatToken,
      i > 0 ? (cell[i - 1] as FormatToken) : nilToken,
      after,
    )
      ? 1
      : 0;
  }
}

const templateText = new Set<FormatTokenKind>(["quotedLit", "stringLit", "oQuote", "oHeredoc"]);
const templateEnd = new Set<FormatTokenKind>(["quotedLit", "stringLit", "cQuote", "cHeredoc"]);
/** After these, a `-` starts an operand: it is a negation, written without a space after it. */
const negationContext = new Set<FormatTokenKind>([
  "oParen",
  "oBrace",
  "oBrack",
  "equal",
  "colon",
  "comma",
  "question",
  "arithmetic",
  "minus",
  "comparison",
  "logical",
  "bang",
]);

/** hclwrite's spacing rule for the gap between `subject` and `after` (true: one space, else none). */
function spaceAfter(subject: FormatToken, before: FormatToken, after: FormatToken): boolean {
  const s = subject.kind;
  const a = after.kind;
  if (a === "newline") return false;
  if (s === "ident" && a === "oParen") return false;
  if ((s === "ident" && a === "doubleColon") || (s === "doubleColon" && a === "ident")) return false;
  if (s === "dot" || a === "dot") return false;
  if (a === "comma" || a === "ellipsis") return false;
  if (s === "comma") return true;
  if (templateText.has(s) || templateEnd.has(a)) return false;
  if (s === "ident" && subject.text === "in" && before.kind === "ident") return true;
  if (a === "oBrack" && (s === "ident" || s === "number" || bracketChange(subject) < 0)) return false;
  if (s === "bang") return false;
  if (s === "minus") return !(before === nilToken || negationContext.has(before.kind));
  if (s === "oBrace" || a === "cBrace") return !(s === "oBrace" && a === "cBrace");
  if ((s === "templateInterp" || s === "templateControl") && a === "oBrace") return true;
  if (s === "cBrace" && a === "templateSeqEnd") return true;
  if (s === "templateSeqEnd" && (a === "templateInterp" || a === "templateControl")) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

/** Aligns `=` over runs of consecutive assignment lines, then trailing comments over runs of commented lines. */
function alignCells(lines: FormatLine[]): void {
  alignRuns(
    lines,
    (line) => line.assign,
    (line) => columns(line.lead),
  );
  alignRuns(
    lines,
    (line) => line.comment,
    (line) => columns(line.lead) + columns(line.assign ?? []),
  );
}

function alignRuns(
  lines: FormatLine[],
  cellOf: (line: FormatLine) => FormatToken[] | null,
  widthBefore: (line: FormatLine) => number,
): void {
  let runStart = -1;
  let maxWidth = 0;
  const close = (end: number) => {
    for (let i = runStart; i < end; i++) {
      const line = lines[i] as FormatLine;
      (cellOf(line)?.[0] as FormatToken).spacesBefore = maxWidth - widthBefore(line) + 1;
    }
    runStart = -1;
    maxWidth = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as FormatLine;
    if (cellOf(line) === null) {
      if (runStart !== -1) close(i);
      continue;
    }
    if (runStart === -1) runStart = i;
    maxWidth = Math.max(maxWidth, widthBefore(line));
  }
  if (runStart !== -1) close(lines.length);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
let graphemes: Intl.Segmenter | undefined;

/** Display width as hclwrite counts it: spaces plus grapheme clusters. */
function columns(cell: FormatToken[]): number {
  let width = 0;
  for (const token of cell) {
    width += token.spacesBefore;
    if (isAscii(token.text)) {
      width += token.text.length;
    } else {
      graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
      for (const _ of graphemes.segment(token.text)) width++;
    }
  }
  return width;
}
