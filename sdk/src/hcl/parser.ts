// parse(): source → AST with ranges and every syntax error, never a throw.
//
// Lex (chevrotain, a module singleton), drop the newlines HCL ignores, then one recursive-descent
// pass (parse-body.ts and friends) that builds the AST directly. Recovery: a missing closer is
// reported and assumed, a missing expression becomes Invalid, a name being typed becomes an
// Attribute whose value is Invalid, an unclosed block keeps what its body had, and a stray token
// is reported and the rest of its line skipped. A file left with an unclosed block or heredoc is
// parsed a second time, with indentation deciding where they end (indent-recovery.ts).
//
// Modes: "hcl1" is for files Nomad still reads with HCL1 (agent configs, ACL policies, volume,
// namespace, quota and node pool specs). Differences, all small: quoted argument/block names are
// allowed, hex (0x1F) and leading-zero octal numbers are allowed, and `${…}` inside strings and
// heredocs is plain text (HCL1 interpolation is not parsed). `key { }` and `key "label" { }` are
// blocks in both modes already.
import type { SourceFile } from "./ast.js";
import { diagnostic, type HclDiagnostic } from "./diagnostics.js";
import { isIndented, tokenizeRecovering } from "./indent-recovery.js";
import { filterNewlines } from "./newline-filter.js";
import { layoutBody, parseBody } from "./parse-body.js";
import { type BuildContext, Cursor } from "./parse-context.js";
import { SourcePositions } from "./source-positions.js";
import { tokenize } from "./tokens.js";

export type { HclDiagnostic } from "./diagnostics.js";

export interface ParseOptions {
  mode?: "hcl2" | "hcl1";
}

export interface ParseResult {
  /** The AST, carrying the text it was parsed from. */
  file: SourceFile;
  errors: HclDiagnostic[];
}

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const mode = options.mode ?? "hcl2";
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source; // keep offsets
  const first = parseOnce(text, mode, false);
  // Something was left open: parse again, letting indentation say where it ends.
  return first.unclosed ? parseOnce(text, mode, true).result : first.result;
}

function parseOnce(
  text: string,
  mode: "hcl2" | "hcl1",
  recovering: boolean,
): { result: ParseResult; unclosed: boolean } {
  const positions = new SourcePositions(text);
  const errors: HclDiagnostic[] = [];
  const lexed = recovering ? tokenizeRecovering(text, mode) : tokenize(text, mode);
  for (const error of lexed.errors) {
    const end = error.offset + Math.max(1, error.length);
    errors.push(
      diagnostic(
        `Invalid character ${JSON.stringify(text.slice(error.offset, error.offset + 1))}: it has no meaning here.`,
        positions.range(error.offset, end),
      ),
    );
  }
  const ctx: BuildContext = {
    positions,
    errors,
    mode,
    ...(recovering ? { recovering: { indented: isIndented(text) } } : {}),
  };
  const parsed = parseBody(new Cursor(filterNewlines(lexed.tokens), ctx), false);
  const file: SourceFile = {
    type: "File",
    text,
    body: { type: "Body", items: [] },
    range: positions.range(0, text.length),
  };
  file.body.items = layoutBody(ctx, parsed.placed, parsed.newlines, parsed.commas).body.items;
  file.body.range = file.range;
  errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { result: { file, errors }, unclosed: ctx.unclosed === true };
}
