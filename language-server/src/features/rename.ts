// Rename a variable, local, port, volume or task: the declaration and every reference in
// its scope change together. Runtime references (`${NOMAD_PORT_http}`) are text Nomad
// fills in, so they are renamed too when they name a port of the same group.
import { type Analysis, occurrencesOf, symbolAt } from "nomadkit/analysis";
import type { Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

const NAME = /^[A-Za-z_][\w-]*$/;

export function prepareRename(
  analysis: Analysis,
  offset: number,
): { range: Range; placeholder: string } | null {
  const symbol = symbolAt(analysis.symbols, offset);
  return symbol ? { range: toRange(symbol.range), placeholder: symbol.name } : null;
}

/** The edit, or a message saying why the rename can't be done. */
export function rename(analysis: Analysis, offset: number, newName: string): WorkspaceEdit | string {
  const symbol = symbolAt(analysis.symbols, offset);
  if (!symbol)
    return "Nothing to rename here: put the cursor on a variable, local, port, volume or task name.";
  if (!NAME.test(newName)) return `"${newName}" is not a valid name: use letters, digits, "_" and "-".`;
  const edits: TextEdit[] = occurrencesOf(analysis.symbols, symbol).map((s) => ({
    range: toRange(s.range),
    newText: newName,
  }));
  return { changes: { [analysis.uri]: edits } };
}
