// Runtime references (NOMAD_*, attr.*, node.*, meta.*, env.*, …) are filled in by the Nomad
// client, so jobspec2 keeps them as text: its UndefinedVariable hook (types.config.go,
// EvalContext) turns the reference back into "${…}" from the source bytes.
import type { Expression, TemplateInterpolation, Traversal } from "../hcl/ast.js";
import { asString, type Value } from "./value.js";

/** The text jobspec2 puts in place of a reference to an undefined root. */
export function runtimeText(
  expr: Traversal,
  interpolation: TemplateInterpolation | undefined,
  source: string | undefined,
  evaluate: (key: Expression) => Value,
): string {
  if (source !== undefined && expr.range)
    return goRuntimeText(source, expr.range.start.offset, expr.range.end.offset);
  // Without the source, rebuild the text from the AST; spacing inside "${ … }" comes from the ranges.
  let text = expr.root;
  for (const step of expr.steps) {
    if (step.type === "GetAttr") text += `.${step.name}`;
    else if (step.type === "LegacyIndex") text += `.${step.index}`;
    else {
      const key = evaluate(step.key);
      text += `[${typeof key === "string" ? JSON.stringify(key) : (asString(key) ?? "?")}]`;
    }
  }
  if (!interpolation?.range || !expr.range || interpolation.stripLeft) return `\${${text}}`;
  const lead = " ".repeat(Math.max(0, expr.range.start.offset - interpolation.range.start.offset - 2));
  const trail = interpolation.stripRight
    ? ""
    : " ".repeat(Math.max(0, interpolation.range.end.offset - expr.range.end.offset - 1));
  return `\${${lead}${text}${trail}}`;
}

/**
 * jobspec2's UndefinedVariable hook, step for step: take the reference's text, and if it
 * sits right inside "${" (spaces allowed) keep that wrapper as written, else add one.
 */
function goRuntimeText(body: string, start: number, end: number): string {
  let v = body.slice(start, end);
  let bracketed = false;
  for (let i = start - 1; i >= 1; i--) {
    if (body[i] === "{" && body[i - 1] === "$") {
      bracketed = true;
      v = body.slice(i - 1, start) + v;
      break;
    }
    if (body[i] !== " ") break;
  }
  if (!bracketed) return `\${${v}}`;
  for (let i = end + 1; i < body.length; i++) {
    if (body[i] === "}") v += body.slice(end, i);
    else if (body[i] !== " ") {
      v += "}";
      break;
    }
  }
  return v;
}
