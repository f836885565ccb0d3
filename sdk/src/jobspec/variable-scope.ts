// Top-level `variable`, `variables` and `locals` blocks: jobspec2 reads them before the
// job, so `var.*` and `local.*` can be used anywhere inside it. Defaults are constants
// (jobspec2 evaluates them with no context); locals may use variables, functions and
// each other in any order.
import type { Attribute, Block, Expression, Range } from "../hcl/ast.js";
import { type Diagnostics, didYouMean } from "./diagnostics.js";
import { Evaluator, type Scope } from "./expression-evaluator.js";
import { asBool, asNumber, asString, isObject, typeName, UNKNOWN, type Value } from "./value.js";

type TypeConstraint =
  | { kind: "string" | "number" | "bool" | "any" }
  | { kind: "list" | "set" | "map"; of: TypeConstraint }
  | { kind: "object"; attributes: Record<string, TypeConstraint> }
  | { kind: "tuple"; items: TypeConstraint[] };

interface Declared {
  value?: Value;
  type?: TypeConstraint;
  block?: Block;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export class VariableScope implements Scope {
  private readonly variables = new Map<string, Declared>();
  private readonly localExprs = new Map<string, Attribute>();
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating = new Set<string>();
  private ev: Evaluator | undefined;

  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly source: string | undefined,
    private readonly unsetSeverity: "error" | "warning" = "error",
  ) {}

  lookup(root: "var" | "local", name: string): Value | undefined {
    if (root === "var") {
      const v = this.variables.get(name);
      return v ? (v.value ?? UNKNOWN) : undefined;
    }
    if (this.localValues.has(name)) return this.localValues.get(name);
    const attr = this.localExprs.get(name);
    if (!attr) return undefined;
    if (this.evaluating.has(name)) {
      this.diagnostics.error("cycle", `local.${name} refers to itself through other locals.`, attr.nameRange);
      return UNKNOWN;
    }
    this.evaluating.add(name);
    const value = this.evaluator().value(attr.value);
    this.evaluating.delete(name);
    this.localValues.set(name, value);
    return value;
  }

  names(root: "var" | "local"): string[] {
    return [...(root === "var" ? this.variables.keys() : this.localExprs.keys())];
  }

  /** The evaluator for everything after the variables: the job itself. */
  evaluator(): Evaluator {
    this.ev ??= new Evaluator({ scope: this, source: this.source }, this.diagnostics);
    return this.ev;
  }

  /** Reads the top-level blocks, then applies values given by the caller (like `-var`). */
  declare(blocks: Block[], given: Record<string, unknown>): void {
    const constants = new Evaluator({ scope: null, source: this.source }, this.diagnostics);
    for (const block of blocks) {
      if (block.blockType === "variable") this.variableBlock(block, constants);
      else if (block.blockType === "variables") {
        for (const item of block.body.items) {
          if (item.type === "Attribute")
            this.add(item.name, { value: constants.value(item.value) }, item.nameRange);
          else if (item.type === "Block")
            this.diagnostics.error(
              "unknown-block",
              "A variables block takes only attributes.",
              item.typeRange,
            );
        }
      } else if (block.blockType === "locals") {
        for (const item of block.body.items) {
          if (item.type === "Block")
            this.diagnostics.error("unknown-block", "A locals block takes only attributes.", item.typeRange);
          if (item.type !== "Attribute") continue;
          if (this.localExprs.has(item.name))
            this.diagnostics.error(
              "duplicate-local",
              `local.${item.name} is already defined.`,
              item.nameRange,
            );
          else this.localExprs.set(item.name, item);
        }
      }
    }
    for (const [name, value] of Object.entries(given)) {
      const declared = this.variables.get(name);
      if (!declared) {
        const hint = didYouMean(name, this.variables.keys());
        this.diagnostics.error(
          "undefined-variable",
          `A value was given for "${name}", but no variable "${name}" is declared.${hint}`,
          undefined,
        );
        continue;
      }
      declared.value = declared.type
        ? this.convert(declared.type, value as Value, declared.block?.typeRange)
        : (value as Value);
    }
    for (const [name, v] of this.variables) {
      if (v.value !== undefined) continue;
      const at = v.block?.labels[0]?.range ?? v.block?.typeRange;
      // The file alone can't know the value: it is given when the job is run (see DecodeOptions).
      this.diagnostics[this.unsetSeverity](
        "unset-variable",
        `The variable "${name}" has no default, so it needs a value when the job is run: pass -var="${name}=…", put it in a var file (-var-file), set NOMAD_VAR_${name}, or add a default.`,
        at,
      );
    }
    for (const block of blocks) if (block.blockType === "variable") this.validate(block);
    for (const name of this.localExprs.keys()) this.lookup("local", name);
  }

  private add(name: string, declared: Declared, range: Range | undefined): void {
    if (this.variables.has(name))
      this.diagnostics.error("duplicate-label", `The variable "${name}" is already declared.`, range);
    else this.variables.set(name, declared);
  }

  private variableBlock(block: Block, constants: Evaluator): void {
    const label = block.labels[0];
    if (block.labels.length !== 1 || !label) {
      this.diagnostics.error(
        "wrong-label-count",
        "A variable block takes one label, its name.",
        block.typeRange,
      );
      return;
    }
    if (!IDENTIFIER.test(label.value))
      this.diagnostics.error("bad-name", `"${label.value}" is not a valid variable name.`, label.range);
    const declared: Declared = { block };
    let defaultExpr: Expression | undefined;
    for (const item of block.body.items) {
      if (item.type === "Attribute") {
        if (item.name === "type") declared.type = this.typeConstraint(item.value);
        else if (item.name === "default") defaultExpr = item.value;
        else if (item.name !== "description") {
          const hint = didYouMean(item.name, ["type", "default", "description"]);
          this.diagnostics.error(
            "unknown-attribute",
            `A variable block has no attribute "${item.name}".${hint}`,
            item.nameRange,
          );
        }
      } else if (item.type === "Block" && item.blockType !== "validation") {
        this.diagnostics.error(
          "unknown-block",
          `A variable block has no "${item.blockType}" block.`,
          item.typeRange,
        );
      }
    }
    if (defaultExpr) {
      const value = constants.value(defaultExpr);
      declared.value = declared.type ? this.convert(declared.type, value, defaultExpr.range) : value;
    }
    this.add(label.value, declared, label.range);
  }

  private validate(block: Block): void {
    const name = block.labels[0]?.value ?? "";
    const value = this.variables.get(name)?.value;
    if (value === undefined || value === UNKNOWN) return;
    const only: Scope = {
      lookup: (root, n) => (root === "var" && n === name ? value : undefined),
      names: () => [name],
    };
    const ev = new Evaluator({ scope: only, source: this.source }, this.diagnostics);
    for (const item of block.body.items) {
      if (item.type !== "Block" || item.blockType !== "validation") continue;
      const attrs = new Map(
        item.body.items.flatMap((i) => (i.type === "Attribute" ? [[i.name, i] as const] : [])),
      );
      const condition = attrs.get("condition");
      const message = attrs.get("error_message");
      if (!condition || !message) {
        this.diagnostics.error(
          "missing-required",
          "A validation block needs condition and error_message.",
          item.typeRange,
        );
        continue;
      }
      const ok = asBool(ev.value(condition.value));
      if (ok === false) {
        const text = asString(ev.value(message.value)) ?? "";
        this.diagnostics.error(
          "invalid-variable",
          `Invalid value for variable "${name}": ${text}`,
          condition.value.range,
        );
      }
    }
  }

  private typeConstraint(expr: Expression): TypeConstraint | undefined {
    if (expr.type === "Traversal" && expr.steps.length === 0) {
      if (["string", "number", "bool", "any"].includes(expr.root)) return { kind: expr.root as "string" };
      if (["list", "set", "map"].includes(expr.root))
        return { kind: expr.root as "list", of: { kind: "any" } };
    }
    if (expr.type === "FunctionCall" && expr.args.length === 1) {
      const arg = expr.args[0] as Expression;
      if (["list", "set", "map"].includes(expr.name)) {
        const of = this.typeConstraint(arg);
        return of && { kind: expr.name as "list", of };
      }
      if (expr.name === "object" && arg.type === "Object") {
        const attributes: Record<string, TypeConstraint> = {};
        for (const item of arg.items) {
          const key =
            item.key.type === "Template"
              ? item.key.parts.map((p) => (p.type === "TemplateLiteral" ? p.value : "")).join("")
              : "";
          const t = this.typeConstraint(item.value);
          if (t) attributes[key] = t;
        }
        return { kind: "object", attributes };
      }
      if (expr.name === "tuple" && arg.type === "Tuple") {
        return { kind: "tuple", items: arg.items.map((i) => this.typeConstraint(i) ?? { kind: "any" }) };
      }
    }
    this.diagnostics.error(
      "bad-type",
      "Not a type: write string, number, bool, list(…), map(…), set(…), object({…}), tuple([…]) or any.",
      expr.range,
    );
    return undefined;
  }

  /** Converts a value to a variable's declared type, as cty's convert does. */
  private convert(type: TypeConstraint, value: Value, range: Range | undefined): Value {
    if (value === UNKNOWN || value === null || type.kind === "any") return value;
    const fail = (): Value => {
      this.diagnostics.error(
        "wrong-type",
        `This value (${typeName(value)}) does not fit the variable's type (${type.kind}).`,
        range,
      );
      return UNKNOWN;
    };
    switch (type.kind) {
      case "string":
        return asString(value) ?? fail();
      case "number":
        return asNumber(value) ?? fail();
      case "bool":
        return asBool(value) ?? fail();
      case "list":
      case "set":
        return Array.isArray(value) ? value.map((v) => this.convert(type.of, v, range)) : fail();
      case "tuple":
        return Array.isArray(value) && value.length === type.items.length
          ? value.map((v, i) => this.convert(type.items[i] as TypeConstraint, v, range))
          : fail();
      case "map":
        return isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.convert(type.of, v, range)]))
          : fail();
      case "object": {
        if (!isObject(value)) return fail();
        const out: Record<string, Value> = {};
        for (const [k, t] of Object.entries(type.attributes)) {
          if (!(k in value)) return fail();
          out[k] = this.convert(t, value[k] as Value, range);
        }
        return out;
      }
    }
  }
}
