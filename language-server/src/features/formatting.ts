// Whole-document formatting in process: the same `format` as `nomadkit fmt`, byte for byte
// what `nomad fmt` writes. A file with syntax errors is left alone (format returns it as is).
import { format } from "nomadkit/hcl";
import type { TextEdit } from "vscode-languageserver";

export function formatDocument(text: string): TextEdit[] {
  const formatted = format(text);
  if (formatted === text) return [];
  const lines = text.split("\n");
  const end = { line: lines.length - 1, character: lines[lines.length - 1]?.length ?? 0 };
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: formatted }];
}
