// Hover for what the client fills in at run time: NOMAD_* names in strings and templates
// (which port or upstream a per-port name reads, and where it is declared), and
// `${node.…}` / `${attr.…}` / `${meta.…}` references. The facts are nomadkit/schema's.
import { type Analysis, blocksAt, contains, groupAt, runtimeNameAt, walkExpression } from "nomadkit/analysis";
import type { Body, Range } from "nomadkit/hcl";
import { describeNodeReference, describeRuntimeName, envLabel } from "nomadkit/schema";

export interface RuntimeHover {
  markdown: string;
  range: Range;
}

export function runtimeHover(analysis: Analysis, offset: number): RuntimeHover | undefined {
  // Only a job runs on a client; agent configs and specs have no run-time names.
  if (analysis.kind !== "job") return undefined;
  return envHover(analysis, offset) ?? nodeHover(analysis, offset);
}

function envHover(analysis: Analysis, offset: number): RuntimeHover | undefined {
  const at = runtimeNameAt(analysis.ast, offset);
  const found = at && describeRuntimeName(at.name);
  if (!at || !found) return undefined;
  if ("env" in found)
    return {
      markdown: `**${at.name}** · task environment (run time)\n\n${found.env.description}`,
      range: at.range,
    };
  const { family, label } = found;
  const groupScope = groupAt(analysis.ast, offset)?.scope;
  const decl = analysis.symbols.find(
    (s) =>
      s.declaration &&
      s.kind === family.kind &&
      s.scope === groupScope &&
      envLabel(s.name) === envLabel(label),
  );
  const what = family.kind === "port" ? "port" : "upstream";
  const where = decl
    ? `Reads ${what} \`${decl.name}\`, declared on line ${decl.range.start.line}.`
    : `No ${what} \`${label}\` is declared in this group, so the client will not set it.`;
  return {
    markdown: `**${at.name}** · ${what} \`${label}\` (run time)\n\n${family.description}\n\n${where}`,
    range: at.range,
  };
}

function nodeHover(analysis: Analysis, offset: number): RuntimeHover | undefined {
  const path = blocksAt(analysis.ast, offset);
  const body: Body = path[path.length - 1]?.block.body ?? analysis.ast.body;
  let found: RuntimeHover | undefined;
  for (const item of body.items) {
    if (found || item.type !== "Attribute" || !contains(item.value.range, offset)) continue;
    walkExpression(item.value, (expr) => {
      if (found || expr.type !== "Traversal" || !expr.range || !contains(expr.range, offset)) return;
      const names: string[] = [];
      for (const step of expr.steps) {
        if (step.type !== "GetAttr") break;
        names.push(step.name);
      }
      const fact = names.length > 0 ? describeNodeReference(expr.root, names.join(".")) : undefined;
      if (!fact) return;
      const root =
        expr.root === "node" ? "client node" : expr.root === "attr" ? "node attribute" : "node metadata";
      found = {
        markdown: `**${fact.title}** · ${root} (run time)\n\n${fact.description}`,
        range: expr.range,
      };
    });
  }
  return found;
}
