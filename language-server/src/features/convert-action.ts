// "Convert to nomadkit TypeScript": offered on the line of a job block's header only (not a
// lightbulb on every line), it writes a new .ts beside the file with the importer and opens
// it. A file with errors outside the job still converts: the top-level blocks holding them
// (a broken variable, a stray block) are left out, as long as the job decodes without them.
import type { Analysis } from "nomadkit/analysis";
import type { Block, BodyItem, Range as HclRange } from "nomadkit/hcl";
import { importAsModule } from "nomadkit/importer";
import { type CodeAction, CodeActionKind } from "vscode-languageserver";

/** The client command that opens the converted file (the extension registers it). */
export const OPEN_FILE_COMMAND = "nomadkit.openFile";

/** The top-level job block whose header is on `line` (0-based), if any. */
export function jobHeaderAt(analysis: Analysis, line: number): Block | undefined {
  if (analysis.kind !== "job") return undefined;
  return analysis.ast.body.items.find(
    (i): i is Block => i.type === "Block" && i.blockType === "job" && i.range?.start.line === line + 1,
  );
}

/** `web.nomad.hcl` → a new `web.ts` beside it that builds the same job with the constructs. */
export function convertToTypeScript(uri: string, text: string, analysis: Analysis, job: Block) {
  const name = decodeURIComponent(uri.split("/").pop() ?? "job.nomad.hcl");
  let converted = importAsModule({ path: name, source: text });
  if ("errors" in converted) {
    const at = converted.errors.map((e) => ({ line: e.line, column: e.column }));
    if (at.some((p) => inside(job.range, p))) return undefined;
    const broken = analysis.ast.body.items.filter((i) => i !== job && at.some((p) => inside(i.range, p)));
    // Errors outside every top-level block (a stray token) leave nothing to cut away.
    if (at.some((p) => !broken.some((i) => inside(i.range, p)))) return undefined;
    converted = importAsModule({ path: name, source: blankOut(text, broken) });
    if ("errors" in converted) return undefined;
  }
  const target = `${uri.replace(/(\.nomad)?\.hcl$|\.nomad$/, "")}.ts`;
  const action: CodeAction = {
    title: "Convert to nomadkit TypeScript",
    kind: CodeActionKind.RefactorRewrite,
    edit: {
      documentChanges: [
        { kind: "create", uri: target, options: { overwrite: false, ignoreIfExists: false } },
        {
          textDocument: { uri: target, version: null },
          edits: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              newText: converted.content,
            },
          ],
        },
      ],
    },
    command: { title: "Open the converted file", command: OPEN_FILE_COMMAND, arguments: [target] },
  };
  return action;
}

function inside(range: HclRange | undefined, p: { line: number; column: number }): boolean {
  if (!range) return false;
  const after = p.line > range.start.line || (p.line === range.start.line && p.column >= range.start.column);
  const before = p.line < range.end.line || (p.line === range.end.line && p.column <= range.end.column);
  return after && before;
}

/** The text with these items' characters turned to spaces, so every other position stays. */
function blankOut(text: string, items: BodyItem[]): string {
  let out = text;
  for (const item of items) {
    if (!item.range) continue;
    const { start, end } = item.range;
    const cut = out.slice(start.offset, end.offset).replace(/[^\n]/g, " ");
    out = out.slice(0, start.offset) + cut + out.slice(end.offset);
  }
  return out;
}
