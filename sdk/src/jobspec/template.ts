// String templates: literal text, `${…}` interpolations and `%{if}`/`%{for}` directives,
// with `~` strip markers applied. The parser gives the parts flat; this nests them.
import type { Expression, Range, Template, TemplateDirective, TemplateInterpolation } from "../hcl/ast.js";
import { asBool, asString, isObject, typeName, UNKNOWN, type Value } from "./value.js";

export interface TemplateHooks {
  value(expr: Expression): Value;
  interpolated(part: TemplateInterpolation): Value;
  withIteration<T>(vars: Map<string, Value>, fn: () => T): T;
  error(message: string, range: Range | undefined): void;
}

type Node =
  | { kind: "text"; text: string }
  | { kind: "interp"; part: TemplateInterpolation }
  | { kind: "if"; directive: TemplateDirective; yes: Node[]; no: Node[] }
  | { kind: "for"; directive: TemplateDirective; body: Node[] };

export function evaluateTemplate(template: Template, hooks: TemplateHooks): Value {
  const texts = stripped(template);
  let index = 0;
  // Builds the nesting; the parser already reported unbalanced directives.
  const sequence = (stop: string[]): { nodes: Node[]; end?: string } => {
    const nodes: Node[] = [];
    while (index < template.parts.length) {
      const i = index++;
      const part = template.parts[i];
      if (!part) break;
      if (part.type === "TemplateLiteral") nodes.push({ kind: "text", text: texts[i] ?? "" });
      else if (part.type === "TemplateInterpolation") nodes.push({ kind: "interp", part });
      else if (stop.includes(part.kind)) return { nodes, end: part.kind };
      else if (part.kind === "if") {
        const then = sequence(["else", "endif"]);
        const otherwise = then.end === "else" ? sequence(["endif"]).nodes : [];
        nodes.push({ kind: "if", directive: part, yes: then.nodes, no: otherwise });
      } else if (part.kind === "for")
        nodes.push({ kind: "for", directive: part, body: sequence(["endfor"]).nodes });
    }
    return { nodes };
  };
  const out: string[] = [];
  let unknown = false;
  const run = (nodes: Node[]): void => {
    for (const node of nodes) {
      if (node.kind === "text") out.push(node.text);
      else if (node.kind === "interp") {
        const value = hooks.interpolated(node.part);
        if (value === UNKNOWN) unknown = true;
        else if (value === null)
          hooks.error("A null value cannot be put in a string template.", node.part.expr.range);
        else {
          const text = asString(value);
          if (text === undefined)
            hooks.error(
              `A ${typeName(value)} cannot be put in a string template: a string is required.`,
              node.part.expr.range,
            );
          else out.push(text);
        }
      } else if (node.kind === "if") {
        const test = node.directive.expr ? hooks.value(node.directive.expr) : UNKNOWN;
        if (test === UNKNOWN) unknown = true;
        else {
          const flag = asBool(test);
          if (flag === undefined)
            hooks.error(
              `The %{if} condition must be a bool, not ${typeName(test)}.`,
              node.directive.expr?.range,
            );
          else run(flag ? node.yes : node.no);
        }
      } else {
        const collection = node.directive.expr ? hooks.value(node.directive.expr) : UNKNOWN;
        if (collection === UNKNOWN) unknown = true;
        else if (Array.isArray(collection) || isObject(collection)) {
          const entries: Array<[Value, Value]> = Array.isArray(collection)
            ? collection.map((v, i) => [i, v])
            : Object.keys(collection)
                .sort()
                .map((k) => [k, collection[k] as Value]);
          for (const [key, value] of entries) {
            const frame = new Map<string, Value>([[node.directive.valueVar ?? "", value]]);
            if (node.directive.keyVar) frame.set(node.directive.keyVar, key);
            hooks.withIteration(frame, () => run(node.body));
          }
        } else
          hooks.error(`%{for} needs a list or map, not ${typeName(collection)}.`, node.directive.expr?.range);
      }
    }
  };
  run(sequence([]).nodes);
  return unknown ? UNKNOWN : out.join("");
}

/** Literal texts with the whitespace that neighbouring `~` markers remove taken off. */
function stripped(template: Template): string[] {
  const parts = template.parts;
  return parts.map((part, i) => {
    if (part.type !== "TemplateLiteral") return "";
    let text = part.value;
    const before = parts[i - 1];
    const after = parts[i + 1];
    if (before && before.type !== "TemplateLiteral" && before.stripRight) text = text.replace(/^\s+/, "");
    if (after && after.type !== "TemplateLiteral" && after.stripLeft) text = text.replace(/\s+$/, "");
    return text;
  });
}
