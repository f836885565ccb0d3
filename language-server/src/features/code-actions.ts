// Code actions: quick fixes for diagnostics that carry a suggestion ("did you mean", an
// enum value), adding a missing required attribute, adding a health check to a service
// that has none, turning a string into a heredoc and back, and, on a job's header line,
// converting the job to nomadkit TypeScript (convert-action.ts).
import { type Analysis, blocksAt, contains, plainString, suggestionFromMessage } from "nomadkit/analysis";
import type { Attribute, Block } from "nomadkit/hcl";
import { type CodeAction, CodeActionKind, type Diagnostic, type Range } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";
import { convertToTypeScript, jobHeaderAt } from "./convert-action.js";

export function codeActions(
  analysis: Analysis,
  text: string,
  range: Range,
  diagnostics: Diagnostic[],
  offset: number,
): CodeAction[] {
  const out: CodeAction[] = [];
  const uri = analysis.uri;
  const edit = (r: Range, newText: string) => ({ changes: { [uri]: [{ range: r, newText }] } });
  for (const d of diagnostics) {
    const suggestions = (d.data as { suggestions?: string[] } | undefined)?.suggestions ?? [];
    const hinted = suggestionFromMessage(d.message);
    for (const s of hinted ? [hinted] : d.code === "bad-enum" ? suggestions.slice(0, 1) : []) {
      const quoted = d.code === "bad-enum" ? `"${s}"` : s;
      out.push({
        title: `Change to ${quoted}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: edit(d.range, quoted),
      });
    }
    const missing = /The attribute "([\w-]+)" is required/.exec(d.message);
    if (d.code === "missing-required" && missing) {
      const at = insertionLine(text, d.range.start.line);
      if (at)
        out.push({
          title: `Add "${missing[1]}"`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: edit(at.range, `${at.indent}${missing[1]} = ""\n`),
        });
    }
  }
  const path = blocksAt(analysis.ast, offset);
  const service = [...path].reverse().find((b) => b.block.blockType === "service");
  if (service && !service.block.body.items.some((i) => i.type === "Block" && i.blockType === "check"))
    out.push(addCheck(uri, text, service.block));
  const body = path[path.length - 1]?.block.body ?? analysis.ast.body;
  const attr = body.items.find((i): i is Attribute => i.type === "Attribute" && contains(i.range, offset));
  if (attr) {
    const convert = convertString(attr, text);
    if (convert)
      out.push({
        title: convert.title,
        kind: CodeActionKind.RefactorRewrite,
        edit: edit(convert.range, convert.newText),
      });
  }
  const job = jobHeaderAt(analysis, range.start.line);
  const convert = job ? convertToTypeScript(uri, text, analysis, job) : undefined;
  if (convert) out.push(convert);
  return out;
}

/** Where to insert a line at the top of the block whose header is on `headerLine` (0-based). */
function insertionLine(text: string, headerLine: number): { range: Range; indent: string } | undefined {
  const lines = text.split("\n");
  const header = lines[headerLine];
  if (header === undefined) return undefined;
  const indent = `${/^\s*/.exec(header)?.[0] ?? ""}  `;
  const pos = { line: headerLine + 1, character: 0 };
  return { range: { start: pos, end: pos }, indent };
}

function addCheck(uri: string, text: string, service: Block): CodeAction {
  const end = service.range?.end;
  const lines = text.split("\n");
  const closeLine = (end?.line ?? 1) - 1;
  const indent = /^\s*/.exec(lines[service.range ? service.range.start.line - 1 : 0] ?? "")?.[0] ?? "";
  const inner = `${indent}  `;
  const check = [
    `${inner}check {`,
    `${inner}  type     = "http"`,
    `${inner}  path     = "/health"`,
    `${inner}  interval = "10s"`,
    `${inner}  timeout  = "2s"`,
    `${inner}}`,
    "",
  ].join("\n");
  const pos = { line: closeLine, character: 0 };
  return {
    title: "Add a health check to this service",
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [uri]: [{ range: { start: pos, end: pos }, newText: check }] } },
  };
}

/** A one-line string with newline escapes → heredoc, or a heredoc → a quoted string. */
function convertString(
  attr: Attribute,
  text: string,
): { title: string; range: Range; newText: string } | undefined {
  const v = attr.value;
  if (v.type !== "Template" || !v.range) return undefined;
  const literal = plainString({ ...v, heredoc: undefined });
  if (v.heredoc) {
    const part =
      v.parts.length === 1 && v.parts[0]?.type === "TemplateLiteral" ? v.parts[0].value : undefined;
    if (part === undefined) return undefined;
    return {
      title: "Convert heredoc to a quoted string",
      range: toRange(v.range),
      newText: JSON.stringify(part).replace(/\$\{/g, () => "$${"),
    };
  }
  if (literal === undefined) return undefined;
  const raw = text.slice(v.range.start.offset + 1, v.range.end.offset - 1);
  if (!raw.includes("\\n")) return undefined;
  const body = literal.endsWith("\n") ? literal : `${literal}\n`;
  return { title: "Convert string to a heredoc", range: toRange(v.range), newText: `<<-EOT\n${body}EOT` };
}
