// Semantic tokens: what a TextMate grammar can't know — which names are blocks or
// attributes the schema knows, and which references are variables, locals or runtime roots.
import { type Analysis, walkExpression } from "nomadkit/analysis";
import type { Body, Range } from "nomadkit/hcl";

export const SEMANTIC_LEGEND = {
  tokenTypes: ["type", "property", "variable", "function", "namespace"],
  tokenModifiers: [] as string[],
};
const TYPE = { block: 0, attribute: 1, variable: 2, function: 3, runtime: 4 } as const;

export interface Token {
  line: number;
  character: number;
  length: number;
  type: number;
}

export function semanticTokens(analysis: Analysis): Token[] {
  const out: Token[] = [];
  const push = (range: Range | undefined, type: number) => {
    if (range && range.start.line === range.end.line && range.end.offset > range.start.offset)
      out.push({
        line: range.start.line - 1,
        character: range.start.column - 1,
        length: range.end.offset - range.start.offset,
        type,
      });
  };
  const visit = (body: Body) => {
    for (const item of body.items) {
      if (item.type === "Block") {
        push(item.typeRange, TYPE.block);
        visit(item.body);
      } else if (item.type === "Attribute") {
        push(item.nameRange, TYPE.attribute);
        walkExpression(item.value, (e) => {
          if (e.type === "Traversal")
            push(e.rootRange, e.root === "var" || e.root === "local" ? TYPE.variable : TYPE.runtime);
          if (e.type === "FunctionCall") push(e.nameRange, TYPE.function);
        });
      }
    }
  };
  visit(analysis.ast.body);
  // The protocol wants tokens in document order.
  return out.sort((a, b) => a.line - b.line || a.character - b.character);
}
