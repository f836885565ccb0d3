// Folding: every block, object, list and heredoc spanning more than one line.
import type { Analysis } from "nomadkit/analysis";
import { walkExpression } from "nomadkit/analysis";
import type { Body, Expression } from "nomadkit/hcl";
import type { FoldingRange } from "vscode-languageserver";

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number) => {
    // Fold up to the line before the closing brace, so "}" stays visible.
    if (end - 1 > start) out.push({ startLine: start - 1, endLine: end - 2 });
  };
  const visitExpr = (value: Expression) =>
    walkExpression(value, (e) => {
      if ((e.type === "Object" || e.type === "Tuple" || (e.type === "Template" && e.heredoc)) && e.range)
        add(e.range.start.line, e.range.end.line);
    });
  const visit = (body: Body) => {
    for (const item of body.items) {
      if (item.type === "Block") {
        if (item.range) add(item.range.start.line, item.range.end.line);
        visit(item.body);
      } else if (item.type === "Attribute") visitExpr(item.value);
    }
  };
  visit(analysis.ast.body);
  return out;
}
