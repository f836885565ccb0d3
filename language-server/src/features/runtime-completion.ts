// Completion of names Nomad fills in at run time: inside "${…}" (var/local, node/attr/meta,
// the task environment) and inside consul-template's {{ env "…" }}. The facts come from
// nomadkit/schema (runtime-env, node-attributes); the labels from the group's symbols.
import type { Analysis, SymbolKind } from "nomadkit/analysis";
import type { Body } from "nomadkit/hcl";
import {
  envLabel,
  interpolationRoots,
  META_ENV_PREFIX,
  NODE_ATTRIBUTES,
  NODE_FIELDS,
  type NodeFact,
  RUNTIME_PREFIXES,
  TASK_ENV,
} from "nomadkit/schema";
import { type CompletionItem, CompletionItemKind, type Range } from "vscode-languageserver";

export type RuntimeCtx = { analysis: Analysis; range: Range; scope: string };

/** The text after an unclosed "${" before the cursor, if any. */
export function openInterpolation(prefix: string): string | undefined {
  const at = prefix.lastIndexOf("${");
  if (at < 0 || prefix.slice(at).includes("}")) return undefined;
  return prefix.slice(at + 2).trimStart();
}

/**
 * Whether the cursor is on a task variable's name: in an unclosed `{{ env "…` (quotes may be
 * escaped), or after a shell `$` (`$NOMAD_PO…` in a command or script).
 */
export function inEnvName(prefix: string): boolean {
  return /\{\{-?\s*env\s+\\?["`][\w-]*$/.test(prefix) || /(?<![$\w])\$[A-Z_][A-Z_]*$/.test(prefix);
}

export function interpolationItems(
  ctx: RuntimeCtx,
  expr: string,
  functions: CompletionItem[],
): CompletionItem[] {
  const dotted = /^([A-Za-z_][\w-]*)\.((?:[\w-]+\.)*)[\w-]*$/.exec(expr);
  if (dotted) {
    const [, root, middle = ""] = dotted;
    const symbols = (kind: SymbolKind) => declared(ctx, kind, true);
    if (root === "var") return items(ctx, symbols("variable"), CompletionItemKind.Variable, "variable");
    if (root === "local") return items(ctx, symbols("local"), CompletionItemKind.Variable, "local value");
    if (root === "node") return nodeItems(ctx, NODE_FIELDS, middle, "client node (run time)");
    if (root === "attr") return nodeItems(ctx, NODE_ATTRIBUTES, middle, "node attribute (run time)");
    if (root === "meta")
      return items(
        ctx,
        metaKeys(ctx.analysis.ast.body),
        CompletionItemKind.Field,
        "node metadata (run time)",
      );
    return [];
  }
  return [
    ...items(ctx, [...interpolationRoots()], CompletionItemKind.Module, "interpolation root"),
    ...envItems(ctx),
    ...functions,
  ];
}

/** The task's NOMAD_* names: fixed ones, then one per port, upstream and meta key of the group. */
export function envItems(ctx: RuntimeCtx): CompletionItem[] {
  const out: CompletionItem[] = TASK_ENV.map((v) => ({
    ...value(ctx, v.name, CompletionItemKind.Constant, "task environment (run time)"),
    documentation: { kind: "markdown", value: v.description },
  }));
  for (const family of RUNTIME_PREFIXES)
    for (const label of declared(ctx, family.kind, false))
      out.push({
        ...value(
          ctx,
          family.prefix + envLabel(label),
          CompletionItemKind.Constant,
          `${family.kind} "${label}"`,
        ),
        documentation: { kind: "markdown", value: family.description },
      });
  for (const key of metaKeys(ctx.analysis.ast.body))
    out.push(value(ctx, META_ENV_PREFIX + envLabel(key), CompletionItemKind.Constant, `meta "${key}"`));
  return out;
}

/** The next name segment under `middle` (`unique.` → `id`, `name`), documented when it is a leaf. */
function nodeItems(
  ctx: RuntimeCtx,
  facts: readonly NodeFact[],
  middle: string,
  detail: string,
): CompletionItem[] {
  const seen = new Map<string, CompletionItem>();
  for (const fact of facts) {
    if (!fact.name.startsWith(middle)) continue;
    const segment = fact.name.slice(middle.length).split(".")[0] ?? "";
    if (seen.has(segment)) continue;
    const leaf = fact.name === middle + segment;
    seen.set(segment, {
      ...value(ctx, segment, CompletionItemKind.Field, detail),
      ...(leaf ? { documentation: { kind: "markdown", value: fact.description } } : {}),
    });
  }
  return [...seen.values()];
}

function declared(ctx: RuntimeCtx, kind: SymbolKind, anywhere: boolean): string[] {
  const names = ctx.analysis.symbols
    .filter((s) => s.declaration && s.kind === kind && (anywhere || s.scope === ctx.scope))
    .map((s) => s.name);
  return [...new Set(names)];
}

/** Every `meta` key the file sets (job, group and task meta). */
function metaKeys(body: Body): string[] {
  const out = new Set<string>();
  const visit = (b: Body) => {
    for (const item of b.items) {
      if (item.type !== "Block") continue;
      if (item.blockType === "meta")
        for (const a of item.body.items) if (a.type === "Attribute") out.add(a.name);
      visit(item.body);
    }
  };
  visit(body);
  return [...out];
}

function items(ctx: RuntimeCtx, names: string[], kind: CompletionItemKind, detail: string): CompletionItem[] {
  return names.map((n) => value(ctx, n, kind, detail));
}

function value(ctx: RuntimeCtx, label: string, kind: CompletionItemKind, detail: string): CompletionItem {
  return { label, kind, detail, textEdit: { range: ctx.range, newText: label } };
}
