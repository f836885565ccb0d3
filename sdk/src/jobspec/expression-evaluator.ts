// Evaluates HCL expressions the way jobspec2's evaluation context does: `var.*` and
// `local.*` resolve, functions come from jobspec2's table, and any other root (NOMAD_*,
// attr.*, node.*, meta.*, env.*, …) is runtime interpolation that Nomad keeps as literal
// text: jobspec2's UndefinedVariable hook turns the reference back into "${…}".
import type {
  Expression,
  Range,
  Template,
  TemplateInterpolation,
  Traversal,
  TraversalStep,
} from "../hcl/ast.js";
import { Diagnostics, didYouMean } from "./diagnostics.js";
import { callFunction, FunctionError, functionNames, UnsupportedFunction } from "./functions.js";
import { runtimeText } from "./runtime-text.js";
import { evaluateTemplate } from "./template.js";
import { asBool, asNumber, asString, isObject, typeName, UNKNOWN, type Value, valuesEqual } from "./value.js";

/** What `var.*` and `local.*` resolve to. */
export interface Scope {
  /** The value of `var.<name>` or `local.<name>`, or undefined when it is not declared. */
  lookup(root: "var" | "local", name: string): Value | undefined;
  names(root: "var" | "local"): string[];
}

export interface EvalOptions {
  /** null: a constant-only context (variable defaults), where references and calls are errors. */
  scope: Scope | null;
  /** The source text, to keep runtime references exactly as written. */
  source?: string;
}

export class Evaluator {
  private readonly iteration: Array<Map<string, Value>> = [];

  constructor(
    private readonly options: EvalOptions,
    readonly diagnostics: Diagnostics,
  ) {}

  value(expr: Expression): Value {
    switch (expr.type) {
      case "Literal":
        return expr.value;
      case "Template":
        return this.template(expr);
      case "Tuple":
        return expr.items.map((item) => this.value(item));
      case "Object": {
        const out: Record<string, Value> = {};
        for (const item of expr.items) {
          const key = this.value(item.key);
          const text = asString(key);
          if (key === UNKNOWN) return UNKNOWN;
          if (text === undefined) {
            this.error("wrong-type", `An object key must be a string, not ${typeName(key)}.`, item.key.range);
            continue;
          }
          out[text] = this.value(item.value);
        }
        return out;
      }
      case "Traversal":
        return this.traversal(expr);
      case "FunctionCall":
        return this.call(expr);
      case "Conditional":
        return this.conditional(expr.condition, expr.trueExpr, expr.falseExpr, expr.range);
      case "BinaryOp":
        return this.binary(expr.op, expr.left, expr.right);
      case "UnaryOp": {
        const operand = this.value(expr.operand);
        if (operand === UNKNOWN) return UNKNOWN;
        const converted = expr.op === "!" ? asBool(operand) : asNumber(operand);
        if (converted === undefined) {
          const want = expr.op === "!" ? "a bool" : "a number";
          this.error(
            "wrong-type",
            `Invalid operand: ${want} is required, not ${typeName(operand)}.`,
            expr.operand.range,
          );
          return UNKNOWN;
        }
        return typeof converted === "boolean" ? !converted : -converted;
      }
      case "ForExpr":
        return this.forExpr(expr);
      case "Index":
        return this.index(this.value(expr.collection), this.value(expr.key), expr.key.range);
      case "GetAttr":
        return this.getAttr(this.value(expr.object), expr.name, expr.range);
      case "Splat": {
        const source = this.value(expr.source);
        if (source === UNKNOWN) return UNKNOWN;
        const list = source === null ? [] : Array.isArray(source) ? source : [source];
        return list.map((item) => this.steps(item, expr.each));
      }
      case "Parens":
        return this.value(expr.expr);
      case "Invalid":
        return UNKNOWN; // the parser reported it
    }
  }

  /** Runs fn with its own diagnostics, for try() and can(); gives the value and whether it failed. */
  attempt(expr: Expression): { value: Value; failed: boolean } {
    const sub = new Evaluator(this.options, new Diagnostics());
    sub.iteration.push(...this.iteration);
    const value = sub.value(expr);
    return { value, failed: sub.diagnostics.errorCount > 0 };
  }

  error(code: string, message: string, range: Range | undefined): void {
    this.diagnostics.error(code, message, range);
  }

  private template(expr: Template): Value {
    const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
    // A template that is one interpolation gives the value itself, with its own type.
    if (only?.type === "TemplateInterpolation" && !expr.heredoc) return this.interpolated(only);
    return evaluateTemplate(expr, {
      value: (e) => this.value(e),
      interpolated: (part) => this.interpolated(part),
      withIteration: (vars, fn) => {
        this.iteration.push(vars);
        try {
          return fn();
        } finally {
          this.iteration.pop();
        }
      },
      error: (message, range) => this.error("wrong-type", message, range),
    });
  }

  private interpolated(part: TemplateInterpolation): Value {
    if (part.expr.type === "Traversal") return this.traversal(part.expr, part);
    return this.value(part.expr);
  }

  private traversal(expr: Traversal, interpolation?: TemplateInterpolation): Value {
    for (let i = this.iteration.length - 1; i >= 0; i--) {
      const frame = this.iteration[i] as Map<string, Value>;
      if (frame.has(expr.root)) return this.steps(frame.get(expr.root) as Value, expr.steps);
    }
    const scope = this.options.scope;
    if (scope === null) {
      this.error("not-constant", "Variables may not be used here: write a constant value.", expr.range);
      return UNKNOWN;
    }
    if (expr.root !== "var" && expr.root !== "local")
      return runtimeText(expr, interpolation, this.options.source, (e) => this.value(e));
    const [first, ...rest] = expr.steps;
    if (!first) {
      const all: Record<string, Value> = {};
      for (const name of scope.names(expr.root)) all[name] = scope.lookup(expr.root, name) ?? null;
      return all;
    }
    const name =
      first.type === "GetAttr"
        ? first.name
        : first.type === "Index"
          ? asString(this.value(first.key))
          : undefined;
    const value = name === undefined ? undefined : scope.lookup(expr.root, name);
    if (value === undefined) {
      const what = expr.root === "var" ? "variable" : "local value";
      const hint = name === undefined ? "" : didYouMean(name, scope.names(expr.root));
      this.error(
        "unknown-variable",
        `There is no ${what} named "${name ?? "?"}".${hint}`,
        first.range ?? expr.range,
      );
      return UNKNOWN;
    }
    return this.steps(value, rest);
  }

  private steps(value: Value, steps: TraversalStep[]): Value {
    let current = value;
    for (const step of steps) {
      if (step.type === "GetAttr") current = this.getAttr(current, step.name, step.range);
      else if (step.type === "LegacyIndex") current = this.index(current, step.index, step.range);
      else current = this.index(current, this.value(step.key), step.key.range);
    }
    return current;
  }

  private getAttr(value: Value, name: string, range: Range | undefined): Value {
    if (value === UNKNOWN) return UNKNOWN;
    if (isObject(value)) {
      if (name in value) return value[name] as Value;
      this.error(
        "unknown-attribute",
        `This object has no attribute "${name}".${didYouMean(name, Object.keys(value))}`,
        range,
      );
      return UNKNOWN;
    }
    this.error("wrong-type", `Cannot read attribute "${name}" of a ${typeName(value)} value.`, range);
    return UNKNOWN;
  }

  private index(value: Value, key: Value, range: Range | undefined): Value {
    if (value === UNKNOWN || key === UNKNOWN) return UNKNOWN;
    if (Array.isArray(value)) {
      const n = asNumber(key);
      if (n !== undefined && Number.isInteger(n) && n >= 0 && n < value.length) return value[n] as Value;
      this.error(
        "bad-index",
        `Index ${asString(key) ?? typeName(key)} is out of range for a list of ${value.length}.`,
        range,
      );
      return UNKNOWN;
    }
    if (isObject(value)) {
      const k = asString(key);
      if (k !== undefined && k in value) return value[k] as Value;
      this.error(
        "bad-index",
        `The key ${JSON.stringify(k ?? typeName(key))} is not in this map.${k ? didYouMean(k, Object.keys(value)) : ""}`,
        range,
      );
      return UNKNOWN;
    }
    this.error("wrong-type", `Cannot index a ${typeName(value)} value.`, range);
    return UNKNOWN;
  }

  private conditional(
    condition: Expression,
    yes: Expression,
    no: Expression,
    range: Range | undefined,
  ): Value {
    const test = this.value(condition);
    if (test === UNKNOWN) return UNKNOWN;
    const flag = asBool(test);
    if (flag === undefined) {
      this.error(
        "wrong-type",
        `The condition must be a bool, not ${typeName(test)}.`,
        condition.range ?? range,
      );
      return UNKNOWN;
    }
    // HCL gives both results one type: a number or bool beside a string becomes a string.
    const chosen = this.value(flag ? yes : no);
    const other = this.attempt(flag ? no : yes).value;
    if (
      typeof chosen !== "string" &&
      typeof other === "string" &&
      (typeof chosen === "number" || typeof chosen === "boolean")
    ) {
      return asString(chosen) as string;
    }
    return chosen;
  }

  private binary(op: string, leftExpr: Expression, rightExpr: Expression): Value {
    const left = this.value(leftExpr);
    const right = this.value(rightExpr);
    if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
    if (op === "==") return valuesEqual(left, right);
    if (op === "!=") return !valuesEqual(left, right);
    if (op === "&&" || op === "||") {
      const a = this.operand(asBool(left), left, leftExpr, "a bool");
      const b = this.operand(asBool(right), right, rightExpr, "a bool");
      if (a === undefined || b === undefined) return UNKNOWN;
      return op === "&&" ? a && b : a || b;
    }
    const a = this.operand(asNumber(left), left, leftExpr, "a number");
    const b = this.operand(asNumber(right), right, rightExpr, "a number");
    if (a === undefined || b === undefined) return UNKNOWN;
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
      case "%":
        if (b === 0) {
          this.error("bad-value", "Division by zero.", rightExpr.range);
          return UNKNOWN;
        }
        return op === "/" ? a / b : a % b;
      case "<":
        return a < b;
      case "<=":
        return a <= b;
      case ">":
        return a > b;
      default:
        return a >= b;
    }
  }

  private operand<T>(converted: T | undefined, value: Value, expr: Expression, want: string): T | undefined {
    if (converted === undefined)
      this.error("wrong-type", `Invalid operand: ${want} is required, not ${typeName(value)}.`, expr.range);
    return converted;
  }

  private forExpr(expr: Extract<Expression, { type: "ForExpr" }>): Value {
    const collection = this.value(expr.collection);
    if (collection === UNKNOWN) return UNKNOWN;
    let entries: Array<[Value, Value]>;
    if (Array.isArray(collection)) entries = collection.map((v, i) => [i, v]);
    else if (isObject(collection))
      entries = Object.keys(collection)
        .sort()
        .map((k) => [k, collection[k] as Value]);
    else {
      this.error(
        "wrong-type",
        `A for expression needs a list or map, not ${typeName(collection)}.`,
        expr.collection.range,
      );
      return UNKNOWN;
    }
    const tuple: Value[] = [];
    const object: Record<string, Value> = {};
    for (const [key, value] of entries) {
      const frame = new Map<string, Value>([[expr.valueVar, value]]);
      if (expr.keyVar) frame.set(expr.keyVar, key);
      this.iteration.push(frame);
      try {
        if (expr.condition) {
          const keep = asBool(this.value(expr.condition));
          if (keep === undefined)
            this.error("wrong-type", "The for expression's condition must be a bool.", expr.condition.range);
          if (!keep) continue;
        }
        if (!expr.object) {
          tuple.push(this.value(expr.valueExpr));
          continue;
        }
        const k = asString(expr.keyExpr ? this.value(expr.keyExpr) : key);
        const v = this.value(expr.valueExpr);
        if (k === undefined) continue;
        if (expr.grouping) object[k] = [...((object[k] as Value[] | undefined) ?? []), v];
        else if (k in object)
          this.error(
            "duplicate-key",
            `Duplicate object key "${k}" (use "..." to group values).`,
            expr.keyExpr?.range,
          );
        else object[k] = v;
      } finally {
        this.iteration.pop();
      }
    }
    return expr.object ? object : tuple;
  }

  private call(expr: Extract<Expression, { type: "FunctionCall" }>): Value {
    if (this.options.scope === null) {
      this.error(
        "not-constant",
        "Functions may not be called here: write a constant value.",
        expr.nameRange ?? expr.range,
      );
      return UNKNOWN;
    }
    if (expr.name === "try") {
      for (const arg of expr.args) {
        const result = this.attempt(arg);
        if (!result.failed) return result.value;
      }
      this.error("eval-error", "No argument of try() could be evaluated without an error.", expr.range);
      return UNKNOWN;
    }
    if (expr.name === "can")
      return expr.args.length === 1 && !this.attempt(expr.args[0] as Expression).failed;
    let args = expr.args.map((arg) => this.value(arg));
    if (expr.expandFinal) {
      const last = args[args.length - 1];
      args = [...args.slice(0, -1), ...(Array.isArray(last) ? last : [])];
    }
    try {
      return callFunction(expr.name, args);
    } catch (err) {
      if (err instanceof UnsupportedFunction) {
        this.diagnostics.warning(
          "unsupported-function",
          `${expr.name}() ${err.message}; the value is left unset here.`,
          expr.nameRange ?? expr.range,
        );
        return UNKNOWN;
      }
      if (!(err instanceof FunctionError)) throw err;
      if (err.unknownFunction) {
        this.error(
          "unknown-function",
          `There is no function named "${expr.name}".${didYouMean(expr.name, functionNames())}`,
          expr.nameRange ?? expr.range,
        );
      } else {
        const at = err.argument !== undefined ? expr.args[err.argument]?.range : undefined;
        this.error("eval-error", `Call to ${expr.name}() failed: ${err.message}`, at ?? expr.range);
      }
      return UNKNOWN;
    }
  }
}
