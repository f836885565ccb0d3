// The checks of an agent configuration, ACL policy, volume, node pool or namespace spec: a
// walk of the file from its kind's root struct, reporting what Nomad's decoder would trip
// over (unknown names, a block where an attribute belongs, a value of the wrong type, a
// missing label or required attribute, a block given twice). Enums and "newer than your
// target" come from checkSchema, the same as for jobs.
//
// HCL1 is looser than HCL2 and Nomad relies on it, so under a kind whose syntax is HCL1:
// `name = { … }` is the block `name { … }`, `a "b" { … }` is `a { b { … } }` when `a` takes
// no label, a block given twice is merged, and strings convert to numbers and bools.
import type { Attribute, Block, Body, ConfigFile, Expression, ObjectCons, Range } from "../hcl/ast.js";
import { deprecatedMessage, didYouMean } from "../jobspec/diagnostics.js";
import { parseDuration } from "../schema/duration.js";
import { describeType, type FieldSchema, type TypeRef } from "../schema/index.js";
import { fileKindSchema } from "../schema/kind-schema.js";
import { parseSize, type SizeLike } from "../schema/size.js";
import { type BodySchema, childSchema, namedFields, plainString, structOf } from "./binding.js";
import type { Findings } from "./diagnostic.js";
import { kindRootSchema } from "./kind-binding.js";
import { checkSchema, type SchemaCheckOptions } from "./schema-checks.js";
import { checkVolumeSpec } from "./volume-checks.js";

export function checkKindFile(
  file: ConfigFile,
  schemaKey: string,
  findings: Findings,
  options: SchemaCheckOptions = {},
): void {
  const kind = fileKindSchema(schemaKey);
  if (!kind) return;
  const root = kindRootSchema(schemaKey);
  new KindWalker(kind.syntax === "hcl1", findings).body(file.body, root, firstLine(file));
  checkVolumeSpec(file, schemaKey, findings);
  checkSchema(file, findings, options, undefined, root);
}

class KindWalker {
  constructor(
    private readonly hcl1: boolean,
    private readonly findings: Findings,
  ) {}

  /**
   * `header` is where a missing required attribute is reported (the block's name); `where`
   * names the body in messages as the user wrote it, never by Go struct.
   */
  body(body: Body, schema: BodySchema, header: Range | undefined, where = "at the top of this file"): void {
    if (schema.kind === "map") this.mapBody(body);
    if (schema.kind !== "struct") return;
    const struct = structOf(schema);
    if (!struct) return;
    const fields = namedFields(schema);
    const open = struct.fields.some((f) => f.kind === "remain");
    const given = new Set<string>();
    const blocksSeen = new Set<string>();
    for (const item of body.items) {
      if (item.type === "Attribute") {
        const field = fields.get(item.name);
        if (given.has(item.name) && field?.kind !== "block") {
          this.duplicate("attribute", `"${item.name}" is already set in this block.`, item.nameRange);
        }
        given.add(item.name);
        if (field?.deprecated) this.findings.warning("deprecated", deprecatedMessage(field), item.nameRange);
        if (!field) {
          if (!open) this.unknown("attribute", item.name, where, fields, item.nameRange);
        } else if (field.kind === "block") this.attributeAsBlock(item, field, schema, body);
        else this.value(field.type, item.value);
      } else if (item.type === "Block") {
        const field = fields.get(item.blockType);
        if (!field) {
          if (!open) this.unknown("block", item.blockType, where, fields, item.typeRange);
          continue;
        }
        if (field.kind !== "block") {
          this.findings.error(
            "expected-attribute",
            `"${item.blockType}" is an attribute: write ${item.blockType} = … instead of a block.`,
            item.typeRange,
          );
          continue;
        }
        given.add(item.blockType);
        if (field.deprecated) this.findings.warning("deprecated", deprecatedMessage(field), item.typeRange);
        if (!field.repeated && blocksSeen.has(item.blockType) && !this.hcl1)
          this.duplicate("block", `Only one "${item.blockType}" block is allowed here.`, item.typeRange);
        blocksSeen.add(item.blockType);
        this.block(item, childSchema(schema, item, body), where);
      }
    }
    for (const field of struct.fields) {
      if (field.kind === "attribute" && field.required && !field.pointer && !given.has(field.hcl))
        this.findings.error("missing-required", `The attribute "${field.hcl}" is required ${where}.`, header);
    }
  }

  /** A block's labels, then its body. Under HCL1 extra labels are nested blocks. */
  /** `outer` is the body the block stands in, for the HCL1 form that nests through labels. */
  private block(block: Block, schema: BodySchema, outer: string): void {
    const wanted = labelCount(schema);
    const labels = block.labels;
    if (labels.length < wanted) {
      this.findings.error(
        "missing-label",
        `A "${block.blockType}" block needs a name: ${block.blockType} "name" { … }.`,
        block.typeRange,
      );
    } else if (labels.length > wanted && !(this.hcl1 && schema.kind === "struct")) {
      this.findings.error(
        "extra-label",
        `A "${block.blockType}" block takes ${wanted === 0 ? "no name" : `${wanted} name${wanted > 1 ? "s" : ""}`}.`,
        labels[wanted]?.range ?? block.typeRange,
      );
    } else if (labels.length > wanted) {
      // HCL1: `client "meta" { … }` is `client { meta { … } }`.
      const [first, ...rest] = labels.slice(wanted);
      if (!first) return;
      const nested: Block = {
        type: "Block",
        blockType: first.value,
        ...(first.range ? { typeRange: first.range } : {}),
        labels: rest,
        body: block.body,
        ...(block.range ? { range: block.range } : {}),
      };
      this.body({ type: "Body", items: [nested] }, schema, block.typeRange, outer);
      return;
    }
    this.body(block.body, schema, block.typeRange, `in a "${block.blockType}" block`);
  }

  /** `name = { … }` (or a list of them) for a block field: HCL1 reads it as the block. */
  private attributeAsBlock(attr: Attribute, field: FieldSchema, parent: BodySchema, owner: Body): void {
    const objects = attr.value.type === "Tuple" ? attr.value.items : [attr.value];
    if (!this.hcl1 || !objects.every((o) => o.type === "Object")) {
      // HCL1 reads `meta = { … }` as the map it is; HCL2 wants the block it is declared as.
      if (this.hcl1 && field.type.kind === "map" && attr.value.type === "Object") return;
      this.findings.error(
        "expected-block",
        `"${attr.name}" is a block: write ${attr.name} { … } without "=".`,
        attr.nameRange,
      );
      return;
    }
    const pseudo: Block = {
      type: "Block",
      blockType: attr.name,
      labels: [],
      body: { type: "Body", items: [] },
    };
    const schema = childSchema(parent, pseudo, owner);
    for (const o of objects)
      this.body(objectBody(o as ObjectCons), schema, attr.nameRange, `in a "${attr.name}" block`);
  }

  /** A map written as a block (`meta`, `options`): any names, scalar values. */
  private mapBody(body: Body): void {
    for (const item of body.items) {
      const problem = item.type === "Attribute" && this.hcl1 ? notHcl1Literal(item.value) : undefined;
      if (problem && item.type === "Attribute")
        this.findings.error(problem.code, problem.message, item.value.range);
      if (item.type === "Block" && !this.hcl1)
        this.findings.error(
          "wrong-type",
          `"${item.blockType}" holds key = value pairs, not blocks.`,
          item.typeRange,
        );
    }
  }

  private value(type: TypeRef, expr: Expression): void {
    const problem = valueProblem(type, expr, this.hcl1);
    if (problem) this.findings.error(problem.code, problem.message, expr.range);
  }

  private unknown(
    what: "attribute" | "block",
    name: string,
    where: string,
    fields: ReadonlyMap<string, FieldSchema>,
    range: Range | undefined,
  ): void {
    const hint = didYouMean(name, fields.keys());
    const message =
      what === "attribute"
        ? `An attribute named "${name}" is not expected ${where}.${hint}`
        : `Blocks of type "${name}" are not expected ${where}.${hint}`;
    // HCL2 refuses any unknown name. Under HCL1 Nomad refuses some and silently drops others
    // (options of other Nomad versions among them), and the schema doesn't say which: a
    // name a letter or two from a known one is a misspelling, an error; any other a warning.
    if (!this.hcl1 || hint) this.findings.error(`unknown-${what}`, message, range);
    else
      this.findings.warning(`unknown-${what}`, `${message} This Nomad version ignores or refuses it.`, range);
  }

  /** HCL2 refuses a name given twice; HCL1 keeps the last value, which is rarely meant. */
  private duplicate(what: "attribute" | "block", message: string, range: Range | undefined): void {
    if (this.hcl1)
      this.findings.warning(`duplicate-${what}`, `${message} Only the last value is used.`, range);
    else this.findings.error(`duplicate-${what}`, message, range);
  }
}

/** How many labels a block of this body takes: its struct's label fields, one for a map of structs. */
function labelCount(schema: BodySchema): number {
  return structOf(schema)?.fields.filter((f) => f.kind === "label").length ?? 0;
}

/** An object constructor's items as a body, so it is checked like the block it stands for. */
function objectBody(obj: ObjectCons): Body {
  const items: Body["items"] = [];
  for (const item of obj.items) {
    const name = keyName(item.key);
    if (name === undefined) continue;
    items.push({
      type: "Attribute",
      name,
      ...(item.key.range ? { nameRange: item.key.range } : {}),
      value: item.value,
      ...(item.range ? { range: item.range } : {}),
    });
  }
  return { type: "Body", items };
}

function keyName(key: Expression): string | undefined {
  if (key.type === "Traversal" && key.steps.length === 0) return key.root;
  return plainString(key);
}

type Problem = { code: string; message: string };

/**
 * Whether a value can go into a field of this type as Nomad's decoder converts it. Only
 * literal values are judged: anything else (HCL2 functions) is left to Nomad.
 */
export function valueProblem(type: TypeRef, expr: Expression, hcl1: boolean): Problem | undefined {
  const text = plainString(expr);
  const literal = expr.type === "Literal" ? expr.value : undefined;
  const got =
    expr.type === "Tuple"
      ? "a list"
      : expr.type === "Object"
        ? "an object"
        : typeof literal === "boolean"
          ? "a bool"
          : typeof literal === "number"
            ? "a number"
            : text !== undefined
              ? "a string"
              : undefined;
  if (got === undefined) return hcl1 ? notHcl1Literal(expr) : undefined;
  const wrong = { code: "wrong-type", message: `Expected ${describeType(type)}, got ${got}.` };
  switch (type.kind) {
    case "size": {
      // A byte count with a unit ("10GiB"), as volume capacities are written.
      if (got === "a list" || got === "an object" || got === "a bool") return wrong;
      const s = parseSize((text ?? literal) as SizeLike);
      return s.ok ? undefined : { code: "bad-size", message: `${s.message}.` };
    }
    case "string":
      return got === "a list" || got === "an object" ? wrong : undefined;
    case "duration": {
      if (got === "a list" || got === "an object" || got === "a bool") return wrong;
      const d = parseDuration(text ?? String(literal));
      return d.ok ? undefined : { code: "bad-duration", message: `${d.message}.` };
    }
    case "bool":
      if (got === "a bool") return undefined;
      if (got === "a string" && hcl1 && /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(text ?? ""))
        return undefined;
      return wrong;
    case "int":
    case "float":
    case "number":
      if (got === "a number") return undefined;
      if (got === "a string" && text !== undefined && text.trim() !== "" && Number.isFinite(Number(text)))
        return undefined;
      return wrong;
    case "list":
    case "set":
      // HCL1 and mapstructure's weak decoding both take a single value for a list of one.
      return got === "an object" || (!hcl1 && got !== "a list") ? wrong : undefined;
    case "map":
    case "object":
      return got === "an object" ? undefined : wrong;
    default:
      return undefined;
  }
}

/**
 * HCL1 reads only literals: a bare word (`read_only = flase`), a call or an operator is
 * Nomad's "Unknown token" error, not a reference to check later. Negative numbers are fine.
 */
function notHcl1Literal(expr: Expression): Problem | undefined {
  if (expr.type === "Invalid" || expr.type === "Template" || expr.type === "Literal") return undefined;
  if (expr.type === "UnaryOp" && expr.op === "-" && expr.operand.type === "Literal") return undefined;
  if (expr.type === "Tuple") return firstOf(expr.items.map(notHcl1Literal));
  if (expr.type === "Object") return firstOf(expr.items.map((i) => notHcl1Literal(i.value)));
  const word = expr.type === "Traversal" && expr.steps.length === 0 ? expr.root : undefined;
  const hint = word ? didYouMean(word, ["true", "false"]) : "";
  return {
    code: "syntax",
    message: `${word ? `"${word}" is` : "This is"} not a value in HCL1, which Nomad reads this file with: write a quoted string, a number, true or false.${hint}`,
  };
}

function firstOf<T>(items: Array<T | undefined>): T | undefined {
  return items.find((i) => i !== undefined);
}

function firstLine(file: ConfigFile): Range | undefined {
  const first = file.body.items.find((i) => i.type !== "BlankLine");
  const at = first?.range?.start ?? { line: 1, column: 1, offset: 0 };
  return { start: at, end: at };
}
