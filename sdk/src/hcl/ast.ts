// HCL2 native-syntax AST. Every node carries the source range it came from, so the
// language server can put diagnostics on the narrowest place. Nodes built in code
// (synthesis) have no range; the printer never needs one.

/** A place in a source file: line and column are 1-based (as in HCL), offset is 0-based UTF-16. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

interface NodeBase {
  range?: Range;
}

export interface ConfigFile extends NodeBase {
  type: "File";
  body: Body;
}

/**
 * A file as parse() read it: the AST plus the exact text its ranges point into. Whatever
 * needs the written bytes back (runtime references such as `${NOMAD_PORT_http}` are kept as
 * written) takes this type, so a file name or other string can't be passed in their place.
 */
export interface SourceFile extends ConfigFile {
  readonly text: string;
}

export interface Body extends NodeBase {
  type: "Body";
  items: BodyItem[];
}

export type BodyItem = Attribute | Block | BlankLine;

export interface Attribute extends NodeBase {
  type: "Attribute";
  name: string;
  nameRange?: Range;
  value: Expression;
}

export interface Block extends NodeBase {
  type: "Block";
  blockType: string;
  typeRange?: Range;
  labels: Label[];
  body: Body;
}

export interface Label extends NodeBase {
  value: string;
  /** HCL allows a label to be a bare identifier; Nomad files always quote them. */
  quoted: boolean;
}

/** A deliberate empty line between items, kept so printed output stays readable. */
export interface BlankLine extends NodeBase {
  type: "BlankLine";
}

export type Expression =
  | Literal
  | Template
  | Tuple
  | ObjectCons
  | Traversal
  | FunctionCall
  | Conditional
  | BinaryOp
  | UnaryOp
  | ForExpr
  | IndexExpr
  | GetAttrExpr
  | SplatExpr
  | Parens
  | Invalid;

export interface Literal extends NodeBase {
  type: "Literal";
  value: number | boolean | null;
  /** The number as written (hex, exponent…), when parsed from source. */
  raw?: string;
}

/** A quoted string or a heredoc. A plain string is a Template with one literal part. */
export interface Template extends NodeBase {
  type: "Template";
  parts: TemplatePart[];
  heredoc?: { marker: string; indented: boolean };
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateDirective;

export interface TemplateLiteral extends NodeBase {
  type: "TemplateLiteral";
  /**
   * The decoded text (escapes resolved, `$${` turned into `${`, `<<-` indentation removed).
   * Whitespace that a `~` strip marker removes is still here: the flags on the neighbours say so.
   */
  value: string;
  /** The text as written in the source, when parsed; the printer reuses it. */
  raw?: string;
}

export interface TemplateInterpolation extends NodeBase {
  type: "TemplateInterpolation";
  expr: Expression;
  stripLeft?: boolean;
  stripRight?: boolean;
}

export interface TemplateDirective extends NodeBase {
  type: "TemplateDirective";
  kind: "if" | "else" | "endif" | "for" | "endfor";
  /** Condition for `if`, collection for `for`. */
  expr?: Expression;
  keyVar?: string;
  valueVar?: string;
  stripLeft?: boolean;
  stripRight?: boolean;
}

export interface Tuple extends NodeBase {
  type: "Tuple";
  items: Expression[];
}

export interface ObjectItem extends NodeBase {
  key: Expression;
  value: Expression;
  /** `=` or `:` as written; the printer writes `=` for built nodes. */
  separator?: "=" | ":";
}

export interface ObjectCons extends NodeBase {
  type: "Object";
  items: ObjectItem[];
}

export type TraversalStep =
  | { type: "GetAttr"; name: string; range?: Range }
  | { type: "Index"; key: Expression; range?: Range }
  | { type: "LegacyIndex"; index: number; range?: Range };

/** A variable reference such as `var.image` or `local.ports[0]`. */
export interface Traversal extends NodeBase {
  type: "Traversal";
  root: string;
  rootRange?: Range;
  steps: TraversalStep[];
}

export interface FunctionCall extends NodeBase {
  type: "FunctionCall";
  name: string;
  nameRange?: Range;
  args: Expression[];
  expandFinal?: boolean;
}

export interface Conditional extends NodeBase {
  type: "Conditional";
  condition: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
}

export interface BinaryOp extends NodeBase {
  type: "BinaryOp";
  op: "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";
  left: Expression;
  right: Expression;
}

/** How tightly each binary operator binds, loosest first (HCL's own precedence). */
export const BINARY_PRECEDENCE: Record<BinaryOp["op"], number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};

export interface UnaryOp extends NodeBase {
  type: "UnaryOp";
  op: "!" | "-";
  operand: Expression;
}

export interface ForExpr extends NodeBase {
  type: "ForExpr";
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  keyExpr?: Expression;
  valueExpr: Expression;
  condition?: Expression;
  grouping?: boolean;
  /** `{ for … }` builds an object, `[ for … ]` a tuple. */
  object: boolean;
}

export interface IndexExpr extends NodeBase {
  type: "Index";
  collection: Expression;
  key: Expression;
}

export interface GetAttrExpr extends NodeBase {
  type: "GetAttr";
  object: Expression;
  name: string;
}

export interface SplatExpr extends NodeBase {
  type: "Splat";
  source: Expression;
  /** `[*]` (full) or `.*` (attribute-only, legacy). */
  full: boolean;
  each: TraversalStep[];
}

export interface Parens extends NodeBase {
  type: "Parens";
  expr: Expression;
}

/** What error recovery leaves where an expression could not be parsed. */
export interface Invalid extends NodeBase {
  type: "Invalid";
}

// ---- Builders, for code that makes HCL rather than reading it (synthesis, quick fixes).

export function file(items: BodyItem[]): ConfigFile {
  return { type: "File", body: body(items) };
}

export function body(items: BodyItem[]): Body {
  return { type: "Body", items };
}

export function attribute(name: string, value: Expression): Attribute {
  return { type: "Attribute", name, value };
}

export function block(blockType: string, labels: string[], items: BodyItem[]): Block {
  return {
    type: "Block",
    blockType,
    labels: labels.map((value) => ({ value, quoted: true })),
    body: body(items),
  };
}

export function blankLine(): BlankLine {
  return { type: "BlankLine" };
}

/** A quoted string whose text is taken as-is: `${…}` stays an interpolation when printed. */
export function str(value: string): Template {
  return { type: "Template", parts: [{ type: "TemplateLiteral", value }] };
}

/** A heredoc (`<<-EOT`) holding text that spans lines. */
export function heredoc(value: string, marker = "EOT"): Template {
  return {
    type: "Template",
    parts: [{ type: "TemplateLiteral", value }],
    heredoc: { marker, indented: true },
  };
}

export function literal(value: number | boolean | null): Literal {
  return { type: "Literal", value };
}

export function tuple(items: Expression[]): Tuple {
  return { type: "Tuple", items };
}

export function object(entries: Array<[string, Expression]>): ObjectCons {
  return { type: "Object", items: entries.map(([key, value]) => ({ key: str(key), value })) };
}

/** A JSON-like value as an HCL expression: strings, numbers, booleans, null, arrays and plain objects. */
export function fromValue(value: unknown): Expression {
  if (value === null || value === undefined) return literal(null);
  if (typeof value === "string") return str(value);
  if (typeof value === "number" || typeof value === "boolean") return literal(value);
  if (Array.isArray(value)) return tuple(value.map(fromValue));
  if (typeof value === "object") {
    return object(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromValue(v)]));
  }
  throw new TypeError(`cannot express a ${typeof value} in HCL`);
}
