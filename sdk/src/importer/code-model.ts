// The generated program as a small tree of expressions and statements. The same tree is
// printed as TypeScript (code-emit.ts) and run against the real constructs
// (evaluate.ts), so the importer can synthesize what it wrote and check it against the
// original before a user ever runs it.

export type Expr =
  /** A JSON value written as a literal (objects and arrays included). */
  | { readonly kind: "lit"; readonly value: unknown }
  | { readonly kind: "obj"; readonly entries: ReadonlyArray<readonly [string, Expr]> }
  | { readonly kind: "arr"; readonly items: readonly Expr[] }
  /** A name in scope: a construct bound earlier, `node.datacenter`, `vars.count`. */
  | { readonly kind: "ref"; readonly name: string }
  /** `Driver.docker(…)`, `attr("kernel.name")`. */
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly Expr[] }
  | { readonly kind: "new"; readonly cls: string; readonly args: readonly Expr[] };

export interface Stmt {
  /** The construct's variable, when something refers to it. */
  readonly bind?: string;
  readonly expr: Expr;
  /** Lines of a `//` comment written above the statement (why, never what). */
  readonly comment?: readonly string[];
}

export const lit = (value: unknown): Expr => ({ kind: "lit", value });

/**
 * Inside a literal: a value that comes from a job file variable. It prints as `vars.x` (or
 * a template literal around it) and evaluates to the file's default.
 */
export interface VarRef {
  readonly nomadkitVarRef: true;
  readonly parts: ReadonlyArray<string | { readonly key: string }>;
  readonly value: string | number;
}

export function varRef(parts: VarRef["parts"], value: string | number): VarRef {
  return { nomadkitVarRef: true, parts, value };
}

export function isVarRef(v: unknown): v is VarRef {
  return typeof v === "object" && v !== null && (v as { nomadkitVarRef?: unknown }).nomadkitVarRef === true;
}

/** A literal with every VarRef replaced by its value. */
export function plainValue(v: unknown): unknown {
  if (isVarRef(v)) return v.value;
  if (Array.isArray(v)) return v.map(plainValue);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainValue(x)]));
  return v;
}
export const ref = (name: string): Expr => ({ kind: "ref", name });
export const call = (callee: string, ...args: Expr[]): Expr => ({ kind: "call", callee, args });
export const newOf = (cls: string, ...args: Expr[]): Expr => ({ kind: "new", cls, args });
export const arr = (items: readonly Expr[]): Expr => ({ kind: "arr", items });

/** An object literal; entries whose value is undefined are left out. */
export function obj(entries: ReadonlyArray<readonly [string, Expr | undefined]>): Expr {
  return { kind: "obj", entries: entries.filter((e): e is [string, Expr] => e[1] !== undefined) };
}

/** Sets (or replaces) one entry of an object expression. */
export function withEntry(target: Expr, key: string, value: Expr | undefined): Expr {
  if (target.kind !== "obj") throw new Error("bug: withEntry on a non-object");
  const rest = target.entries.filter(([k]) => k !== key);
  return obj(value === undefined ? rest : [...rest, [key, value]]);
}

export function entryOf(target: Expr, key: string): Expr | undefined {
  return target.kind === "obj" ? target.entries.find(([k]) => k === key)?.[1] : undefined;
}

/** Every name an expression refers to (the head of dotted names and callees). */
export function namesUsed(e: Expr, into = new Set<string>()): Set<string> {
  switch (e.kind) {
    case "ref":
      into.add(head(e.name));
      break;
    case "call":
      into.add(head(e.callee));
      for (const a of e.args) namesUsed(a, into);
      break;
    case "new":
      into.add(e.cls);
      for (const a of e.args) namesUsed(a, into);
      break;
    case "obj":
      for (const [, v] of e.entries) namesUsed(v, into);
      break;
    case "arr":
      for (const i of e.items) namesUsed(i, into);
      break;
  }
  return into;
}

const head = (name: string): string => name.split(".")[0] as string;
