// Rename a variable, local, port, volume, task or upstream: the declaration and every
// reference in its scope change together. Runtime names (`${NOMAD_PORT_http}`,
// `{{ env "NOMAD_ADDR_http" }}`) are text Nomad fills in, so they follow a port's rename,
// and renaming one of them renames the port.
import { type Analysis, linkedAt, type RuntimeReference } from "nomadkit/analysis";
import { envLabel } from "nomadkit/schema";
import type { Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

const NAME = /^[A-Za-z_][\w-]*$/;

export function prepareRename(
  analysis: Analysis,
  offset: number,
): { range: Range; placeholder: string } | null {
  const linked = linkedAt(analysis.symbols, analysis.ast, offset);
  if (!linked) return null;
  const decl = linked.occurrences.find((s) => s.declaration);
  return { range: toRange(linked.symbol.range), placeholder: decl?.name ?? linked.symbol.name };
}

/** The edit, or a message saying why the rename can't be done. */
export function rename(analysis: Analysis, offset: number, newName: string): WorkspaceEdit | string {
  const linked = linkedAt(analysis.symbols, analysis.ast, offset);
  if (!linked)
    return "Nothing to rename here: put the cursor on a variable, local, port, volume, task or upstream name.";
  if (!NAME.test(newName)) return `"${newName}" is not a valid name: use letters, digits, "_" and "-".`;
  const edits: TextEdit[] = linked.occurrences.map((s) => ({
    range: toRange(s.range),
    // An environment variable name can't hold "-": the client writes it as "_".
    newText: isRuntime(s) ? envLabel(newName) : newName,
  }));
  return { changes: { [analysis.uri]: edits } };
}

function isRuntime(s: object): s is RuntimeReference {
  return "prefix" in s;
}
