import type { Expr, Stmt } from "./code-model.js";
import { isVarRef, namesUsed, type VarRef } from "./code-model.js";
import { isIdentifier } from "./naming.js";

// Prints the code model as formatted TypeScript: two-space indents, an expression on one
// line when it fits in WIDTH columns, multi-line text as template literals.

const WIDTH = 100;

/** `lead`: columns already used on the first line (`const x = `). */
export function printExpr(e: Expr, indent = "", lead = 0): string {
  const flat = flatExpr(e);
  if (flat !== undefined && indent.length + lead + flat.length + 1 <= WIDTH) return flat;
  const inner = `${indent}  `;
  switch (e.kind) {
    case "obj":
      if (e.entries.length === 0) return "{}";
      return `{\n${e.entries.map(([k, v]) => `${inner}${key(k)}: ${printExpr(v, inner)},\n`).join("")}${indent}}`;
    case "arr":
      if (e.items.length === 0) return "[]";
      return `[\n${e.items.map((v) => `${inner}${printExpr(v, inner)},\n`).join("")}${indent}]`;
    case "lit":
      return printLiteral(e.value, indent);
    case "call":
    case "new": {
      const head = e.kind === "new" ? `new ${e.cls}` : e.callee;
      const args = e.args.map((a) => printExpr(a, indent));
      // The last argument (props) opens on the call's line, as formatters write it.
      const flatHead = args.slice(0, -1);
      const lastKind = e.args[e.args.length - 1]?.kind;
      const hug =
        lastKind === "obj" ||
        (lastKind === "lit" && typeof (e.args.at(-1) as { value?: unknown }).value === "object");
      if (hug && flatHead.every((a) => !a.includes("\n"))) {
        const prefix = `${head}(${flatHead.map((a) => `${a}, `).join("")}`;
        const last = printExpr(e.args[e.args.length - 1] as Expr, indent, lead + prefix.length);
        return `${prefix}${last})`;
      }
      return `${head}(\n${e.args.map((a) => `${inner}${printExpr(a, inner)},\n`).join("")}${indent})`;
    }
    case "ref":
      return e.name;
  }
}

/** One-line form, or undefined when the expression holds multi-line text. */
function flatExpr(e: Expr): string | undefined {
  switch (e.kind) {
    case "lit":
      return flatLiteral(e.value);
    case "ref":
      return e.name;
    case "obj": {
      if (e.entries.length === 0) return "{}";
      const parts = e.entries.map(([k, v]) => {
        const f = flatExpr(v);
        return f === undefined ? undefined : `${key(k)}: ${f}`;
      });
      return parts.includes(undefined) ? undefined : `{ ${parts.join(", ")} }`;
    }
    case "arr": {
      const parts = e.items.map(flatExpr);
      return parts.includes(undefined) ? undefined : `[${parts.join(", ")}]`;
    }
    case "call":
    case "new": {
      const parts = e.args.map(flatExpr);
      if (parts.includes(undefined)) return undefined;
      return `${e.kind === "new" ? `new ${e.cls}` : e.callee}(${parts.join(", ")})`;
    }
  }
}

/** `vars.image`, or a template literal with the variables in it. */
function printVarRef(v: VarRef): string | undefined {
  const [only] = v.parts;
  if (v.parts.length === 1 && typeof only === "object") return `vars.${only.key}`;
  const text = v.parts.map((p) => (typeof p === "string" ? escapeTemplate(p) : `\${vars.${p.key}}`)).join("");
  return `\`${text}\``;
}

function flatLiteral(value: unknown): string | undefined {
  if (isVarRef(value)) {
    const printed = printVarRef(value);
    return printed?.includes("\n") ? undefined : printed;
  }
  if (typeof value === "string") return value.includes("\n") ? undefined : JSON.stringify(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const parts = value.map(flatLiteral);
    return parts.includes(undefined) ? undefined : `[${parts.join(", ")}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const parts = entries.map(([k, v]) => {
    const f = flatLiteral(v);
    return f === undefined ? undefined : `${key(k)}: ${f}`;
  });
  return parts.includes(undefined) ? undefined : `{ ${parts.join(", ")} }`;
}

function printLiteral(value: unknown, indent: string): string {
  const flat = flatLiteral(value);
  if (flat !== undefined && indent.length + flat.length <= WIDTH) return flat;
  if (typeof value === "string") return templateLiteral(value);
  if (isVarRef(value)) return printVarRef(value) ?? "";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${printLiteral(v, inner)},\n`).join("")}${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${printLiteral(v, inner)},\n`).join("")}${indent}}`;
  }
  return JSON.stringify(value);
}

/** Multi-line text (templates, scripts) as a template literal that reads like the original. */
export function templateLiteral(text: string): string {
  return `\`${escapeTemplate(text)}\``;
}

function escapeTemplate(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("`", "\\`").replaceAll("${", "\\${");
}

function key(k: string): string {
  return isIdentifier(k) ? k : JSON.stringify(k);
}

/** Statements as lines of a function body; a binding nobody uses is left out. */
export function printStatements(stmts: readonly Stmt[], used: ReadonlySet<string>, indent: string): string {
  const out: string[] = [];
  for (const stmt of stmts) {
    for (const line of stmt.comment ?? []) out.push(`${indent}// ${line}`);
    const bind = stmt.bind && used.has(stmt.bind) ? `const ${stmt.bind} = ` : "";
    out.push(`${indent}${bind}${printExpr(stmt.expr, indent, bind.length)};`);
  }
  return out.join("\n");
}

/** The names the statements use, to pick bindings and imports. */
export function usedNames(stmts: readonly Stmt[]): Set<string> {
  const used = new Set<string>();
  for (const stmt of stmts) namesUsed(stmt.expr, used);
  return used;
}
