// The outline: blocks as a tree (`job "web"` › `group "api"` › `task "app"`), with their
// attributes as leaves. Names are written as in the file so the outline reads like it.
import type { Analysis } from "nomadkit/analysis";
import type { Body } from "nomadkit/hcl";
import { type DocumentSymbol, SymbolKind } from "vscode-languageserver";
import { toRange } from "../protocol/convert.js";

const KINDS: Record<string, SymbolKind> = {
  job: SymbolKind.Module,
  group: SymbolKind.Namespace,
  task: SymbolKind.Class,
  service: SymbolKind.Interface,
  variable: SymbolKind.Variable,
  locals: SymbolKind.Namespace,
  port: SymbolKind.Constant,
  volume: SymbolKind.Object,
};

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const visit = (body: Body): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (const item of body.items) {
      if (item.type === "Block" && item.range) {
        const labels = item.labels.map((l) => `"${l.value}"`).join(" ");
        out.push({
          name: labels ? `${item.blockType} ${labels}` : item.blockType,
          kind: KINDS[item.blockType] ?? SymbolKind.Struct,
          range: toRange(item.range),
          selectionRange: toRange(item.typeRange ?? item.range),
          children: visit(item.body),
        });
      } else if (item.type === "Attribute" && item.range) {
        out.push({
          name: item.name,
          kind: SymbolKind.Property,
          range: toRange(item.range),
          selectionRange: toRange(item.nameRange ?? item.range),
        });
      }
    }
    return out;
  };
  return visit(analysis.ast.body);
}
