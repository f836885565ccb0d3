// AST → canonical HCL text. Built for ASTs made with the builders in ast.ts (synthesis); parsed
// ASTs print too, without their comments (format() is the tool for existing source).
// The output always goes through format(), so print(x) is already what `nomad fmt` would write.
import {
  BINARY_PRECEDENCE,
  type Body,
  type BodyItem,
  type ConfigFile,
  type Expression,
  type ForExpr,
  type ObjectItem,
  type Template,
  type TemplatePart,
  type TraversalStep,
} from "./ast.js";
import { formatValidSource } from "./format.js";

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Names that would read as something else when written bare as an object key. */
const reservedKeys = new Set(["true", "false", "null", "for"]);
const maxInlineTuple = 80;

/**
 * Marks the end of a heredoc's closing marker while printing. The marker must end its line, so
 * when anything follows on the same line (`,`, `)`) a newline is put in between at the end.
 */
const heredocEnd = "\u0000";

export function print(file: ConfigFile | Body): string {
  const body = file.type === "File" ? file.body : file;
  const text = printItems(body.items, 0).split(`${heredocEnd}\n`).join("\n").split(heredocEnd).join("\n");
  return formatValidSource(text);
}

function indent(depth: number): string {
  return "  ".repeat(depth);
}

function printItems(items: BodyItem[], depth: number): string {
  let out = "";
  for (const item of items) {
    switch (item.type) {
      case "BlankLine":
        out += "\n";
        break;
      case "Attribute":
        out += `${indent(depth)}${item.name} = ${printExpression(item.value, depth)}\n`;
        break;
      case "Block": {
        const labels = item.labels
          .map((l) => (!l.quoted && identifier.test(l.value) ? ` ${l.value}` : ` ${quoteLabel(l.value)}`))
          .join("");
        out += `${indent(depth)}${item.blockType}${labels} {\n${printItems(item.body.items, depth + 1)}${indent(depth)}}\n`;
        break;
      }
    }
  }
  return out;
}

/** Binding strength, loosest first; postfix and primary expressions bind tightest. */
function strength(expr: Expression): number {
  switch (expr.type) {
    case "Conditional":
      return 0;
    case "BinaryOp":
      return BINARY_PRECEDENCE[expr.op];
    case "UnaryOp":
      return 7;
    case "Literal":
      return typeof expr.value === "number" && expr.value < 0 ? 7 : 8;
    default:
      return 8;
  }
}

/** Parenthesises `expr` when it binds looser than its place needs, or holds a heredoc (a newline there would end the attribute). */
function wrap(expr: Expression, depth: number, minStrength: number): string {
  const text = printExpression(expr, depth);
  return strength(expr) < minStrength || text.includes(heredocEnd) ? `(${text})` : text;
}

export function printExpression(expr: Expression, depth: number): string {
  switch (expr.type) {
    case "Literal":
      return typeof expr.value === "number" ? printNumber(expr.value) : String(expr.value);
    case "Template":
      return printTemplate(expr, depth);
    case "Tuple":
      return printTuple(expr.items, depth);
    case "Object":
      return printObject(expr.items, depth);
    case "Traversal":
      return expr.root + expr.steps.map((s) => printStep(s, depth)).join("");
    case "FunctionCall": {
      const args = expr.args.map((a) => printExpression(a, depth)).join(", ");
      return `${expr.name}(${args}${expr.expandFinal ? "..." : ""})`;
    }
    case "Conditional":
      return `${wrap(expr.condition, depth, 1)} ? ${wrap(expr.trueExpr, depth, 0)} : ${wrap(expr.falseExpr, depth, 0)}`;
    case "BinaryOp": {
      const own = BINARY_PRECEDENCE[expr.op];
      return `${wrap(expr.left, depth, own)} ${expr.op} ${wrap(expr.right, depth, own + 1)}`;
    }
    case "UnaryOp":
      return `${expr.op}${wrap(expr.operand, depth, 8)}`;
    case "ForExpr":
      return printFor(expr, depth);
    case "Index":
      return `${wrap(expr.collection, depth, 8)}[${printExpression(expr.key, depth)}]`;
    case "GetAttr":
      return `${wrap(expr.object, depth, 8)}.${expr.name}`;
    case "Splat":
      return `${wrap(expr.source, depth, 8)}${expr.full ? "[*]" : ".*"}${expr.each.map((s) => printStep(s, depth)).join("")}`;
    case "Parens":
      return `(${printExpression(expr.expr, depth)})`;
    case "Invalid":
      throw new TypeError("cannot print an Invalid expression (the AST came from a parse with errors)");
  }
}

function printStep(step: TraversalStep, depth: number): string {
  switch (step.type) {
    case "GetAttr":
      return `.${step.name}`;
    case "Index":
      return `[${printExpression(step.key, depth)}]`;
    case "LegacyIndex":
      return `.${step.index}`;
  }
}

/** Go's HCL reads this back as the same number: integers exactly (never as 1e+21), others shortest round-trip. */
export function printNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`HCL has no way to write ${value}`);
  if (Number.isInteger(value)) return BigInt(value).toString();
  return String(value);
}

function printTuple(items: Expression[], depth: number): string {
  const printed = items.map((item) => printExpression(item, depth + 1));
  const inline = `[${printed.join(", ")}]`;
  if (inline.length <= maxInlineTuple && !inline.includes("\n")) return inline;
  return `[\n${printed.map((p) => `${indent(depth + 1)}${p},\n`).join("")}${indent(depth)}]`;
}

function printObject(items: ObjectItem[], depth: number): string {
  if (items.length === 0) return "{}";
  const lines = items.map(
    (item) =>
      `${indent(depth + 1)}${printKey(item.key, depth + 1)} = ${printExpression(item.value, depth + 1)}\n`,
  );
  return `{\n${lines.join("")}${indent(depth)}}`;
}

function printKey(key: Expression, depth: number): string {
  if (
    key.type === "Template" &&
    !key.heredoc &&
    key.parts.length === 1 &&
    key.parts[0]?.type === "TemplateLiteral"
  ) {
    const name = key.parts[0].value;
    return identifier.test(name) && !reservedKeys.has(name) ? name : quote(name);
  }
  // Anything else is computed: parentheses keep a bare name from reading as a literal key.
  return key.type === "Template" ? printExpression(key, depth) : `(${printExpression(key, depth)})`;
}

function printFor(expr: ForExpr, depth: number): string {
  const vars = expr.keyVar !== undefined ? `${expr.keyVar}, ${expr.valueVar}` : expr.valueVar;
  let text = `for ${vars} in ${printExpression(expr.collection, depth)} : `;
  if (expr.object && expr.keyExpr) text += `${printExpression(expr.keyExpr, depth)} => `;
  text += printExpression(expr.valueExpr, depth);
  if (expr.grouping) text += "...";
  if (expr.condition) text += ` if ${printExpression(expr.condition, depth)}`;
  return expr.object ? `{${text}}` : `[${text}]`;
}

/**
 * A string as HCL writes it: a runtime reference such as `${NOMAD_PORT_http}` or
 * `${attr.kernel.name}` stays as written (jobspec2 keeps it as text); any other `${` and every
 * `%{` is escaped (`$${`, `%%{`), so the text reads back exactly.
 */
export function quote(value: string): string {
  return `"${escapeText(value)}"`;
}

/**
 * `${name.name…}` that jobspec2 gives back unchanged. Not `var.` or `local.` (jobspec2 resolves
 * those), not a literal (`${true}`), and not right before a `}` (jobspec2 then adds one).
 */
const runtimeReference =
  /^\$\{(?!(?:var|local|true|false|null)[.}])[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*\}(?!\})/;

/** A block label: a plain string where no template sequence is allowed, so every `${` is escaped. */
function quoteLabel(value: string): string {
  return `"${escapeText(value, false)}"`;
}

/** The escape for the `$` or `%` at `i`, when it opens `${` or `%{`; else undefined. */
function templateEscape(value: string, i: number, keepReferences = true): string | undefined {
  if (value[i + 1] !== "{") return undefined;
  if (value[i] === "%") return "%%";
  if (value[i] !== "$") return undefined;
  // After a `$`, even a reference must be escaped: `$${` would read as a literal `${`.
  const keep = keepReferences && value[i - 1] !== "$" && runtimeReference.test(value.slice(i, i + 200));
  return keep ? "$" : "$$";
}

/** Heredoc text: only template sequences are escaped there. */
function escapeHeredocText(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) out += templateEscape(value, i) ?? value[i];
  return out;
}

function escapeText(value: string, keepReferences = true): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = ch.charCodeAt(0);
    const template = templateEscape(value, i, keepReferences);
    if (template !== undefined) out += template;
    else if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out;
}

function printTemplate(template: Template, depth: number): string {
  if (template.heredoc) {
    const text = printHeredoc(template, depth);
    if (text !== undefined) return text;
  }
  return `"${template.parts.map((part) => printPart(part, depth, false)).join("")}"`;
}

function printPart(part: TemplatePart, depth: number, inHeredoc: boolean): string {
  switch (part.type) {
    case "TemplateLiteral":
      if (part.raw !== undefined) return part.raw;
      return inHeredoc ? escapeHeredocText(part.value) : escapeText(part.value);
    case "TemplateInterpolation":
      return `\${${part.stripLeft ? "~" : ""}${printExpression(part.expr, depth)}${part.stripRight ? "~" : ""}}`;
    case "TemplateDirective": {
      let inner: string = part.kind;
      if (part.kind === "for") {
        inner += ` ${part.keyVar !== undefined ? `${part.keyVar}, ` : ""}${part.valueVar ?? "_"} in`;
      }
      if (part.expr) inner += ` ${printExpression(part.expr, depth)}`;
      return `%{${part.stripLeft ? "~" : ""} ${inner} ${part.stripRight ? "~" : ""}}`;
    }
  }
}

/**
 * A heredoc, or undefined when the text can't be one: heredoc text always ends with a newline,
 * so other text is written as a quoted string instead (nothing is added or lost).
 */
function printHeredoc(template: Template, depth: number): string | undefined {
  const parsed = template.parts.some((p) => p.type === "TemplateLiteral" && p.raw !== undefined);
  if (parsed) {
    const marker = template.heredoc?.marker ?? "EOT";
    const dash = template.heredoc?.indented ? "-" : "";
    const body = template.parts.map((p) => printPart(p, depth, true)).join("");
    return `<<${dash}${marker}\n${body}${dash ? indent(depth) : ""}${marker}${heredocEnd}`;
  }
  const last = template.parts[template.parts.length - 1];
  if (last?.type !== "TemplateLiteral" || !last.value.endsWith("\n")) return undefined;
  // A heredoc has no escapes, so a carriage return or another control character (NUL also
  // marks a heredoc's end while printing) can't be written in one at all.
  if (template.parts.some((p) => p.type === "TemplateLiteral" && hasUnwritableControl(p.value)))
    return undefined;
  const source = template.parts.map((p) => printPart(p, depth, true)).join("");
  const lines = source.slice(0, -1).split("\n");
  const marker = pickMarker(lines, template.heredoc?.marker ?? "EOT");
  // `<<-` strips the common indentation; only use it (and indent the text) when there is none to lose.
  const contentLines = lines.filter((l) => l.trim() !== "");
  const commonIndent = contentLines.length > 0 && contentLines.every((l) => /^\s/.test(l));
  if (commonIndent) return `<<${marker}\n${lines.join("\n")}\n${marker}${heredocEnd}`;
  const pad = indent(depth + 1);
  const body = lines.map((l) => (l.trim() === "" ? l : pad + l)).join("\n");
  return `<<-${marker}\n${body}\n${indent(depth)}${marker}${heredocEnd}`;
}

/** A control character other than tab and newline. */
function hasUnwritableControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true;
  }
  return false;
}

function pickMarker(lines: string[], preferred: string): string {
  const taken = new Set(lines.map((l) => l.trim()));
  if (!taken.has(preferred)) return preferred;
  for (let n = 1; ; n++) if (!taken.has(`${preferred}${n}`)) return `${preferred}${n}`;
}
