// Runtime interpolation Nomad will not fill in. jobspec2 keeps a reference to any root it
// does not know as literal text (so `${attr.kernel.name}` reaches the client), which also
// means a typo such as `${nod.region}` is shipped as-is and fails silently. Warn about
// roots the client never resolves.
import type { ConfigFile, Expression } from "../hcl/ast.js";
import { didYouMean } from "../jobspec/diagnostics.js";
import type { WalkStart } from "./binding.js";
import type { Findings } from "./diagnostic.js";
import { walkExpression } from "./expressions.js";

/** Roots with attributes that Nomad resolves (HCL variables, then client-side runtime ones). */
export const RUNTIME_ROOTS = ["var", "local", "node", "attr", "meta", "device", "env", "unique"];

export function checkInterpolation(file: ConfigFile, findings: Findings, start?: WalkStart): void {
  const visitTop = (items: readonly ConfigFile["body"]["items"][number][]) => {
    for (const item of items) {
      if (item.type === "Attribute") visitValue(item.value, findings);
      else if (item.type === "Block") {
        // `dynamic "x"` makes `x` (or its iterator) a root inside the block.
        if (item.blockType === "dynamic") continue;
        visitTop(item.body.items);
      }
    }
  };
  visitTop(start ? start.blocks : file.body.items);
}

function visitValue(value: Expression, findings: Findings): void {
  walkExpression(value, (expr, bound) => {
    if (expr.type !== "Template") return;
    for (const part of expr.parts) {
      if (part.type !== "TemplateInterpolation" || part.expr.type !== "Traversal") continue;
      const t = part.expr;
      // A bare name (`${NOMAD_PORT_http}`, `${HOME}`) is a task environment variable.
      if (t.steps.length === 0 || bound.has(t.root) || RUNTIME_ROOTS.includes(t.root)) continue;
      findings.warning(
        "unknown-interpolation",
        `Nomad does not know "${t.root}" at run time, so "\${${t.root}…}" stays as literal text.${didYouMean(t.root, RUNTIME_ROOTS)}`,
        t.rootRange ?? t.range,
        didYouMean(t.root, RUNTIME_ROOTS)
          ? [didYouMean(t.root, RUNTIME_ROOTS).replace(/.*"(.+)".*/, "$1")]
          : [],
      );
    }
  });
}
