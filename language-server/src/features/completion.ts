// Completion from the schema for the block the cursor is in. The context comes from the
// text before the cursor on its line (robust in half-written files, where the AST is
// partial), and the block path comes from the error-tolerant AST.
import {
  type Analysis,
  type BodySchema,
  blocksAt,
  contains,
  fieldOf,
  functionNames,
  JOB_FILE_BLOCKS,
  namedFields,
  rootSchemaOf,
  structOf,
  VARIABLE_ATTRIBUTES,
} from "nomadkit/analysis";
import type { Body } from "nomadkit/hcl";
import { type FieldSchema, groupReferenceOf, nomadSchema } from "nomadkit/schema";
import { type CompletionItem, CompletionItemKind, InsertTextFormat, type Range } from "vscode-languageserver";
import { envItems, inEnvName, interpolationItems, openInterpolation } from "./runtime-completion.js";
import { fieldDetail, fieldMarkdown } from "./schema-docs.js";

export interface CompletionInput {
  analysis: Analysis;
  text: string;
  offset: number;
  /** 0-based line and character of the cursor. */
  line: number;
  character: number;
}

/** Fields worth prefilling in a new block's snippet besides the required ones. */
const PREFILL: Record<string, string[]> = {
  Task: ["driver"],
  ServiceCheck: ["type", "interval", "timeout"],
  VolumeMount: ["volume", "destination"],
  Template: ["destination"],
};

export function complete(input: CompletionInput): CompletionItem[] {
  const { analysis, text, offset } = input;
  const prefix = text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset);
  const word = /[\w-]*$/.exec(prefix)?.[0] ?? "";
  const range: Range = {
    start: { line: input.line, character: input.character - word.length },
    end: { line: input.line, character: input.character },
  };
  // A job file's top, or the root struct of an agent config, ACL policy, volume spec, ….
  const root = rootSchemaOf(analysis);
  const path = blocksAt(analysis.ast, offset, root);
  const inner = path[path.length - 1];
  const schema: BodySchema = inner?.schema ?? root;
  const body: Body = inner?.block.body ?? analysis.ast.body;
  const groupScope = [...path].reverse().find((b) => b.block.blockType === "group");
  const scope = groupScope ? `group@${groupScope.block.range?.start.offset ?? 0}` : "";
  const ctx = { analysis, range, scope };

  const interpolation = openInterpolation(prefix);
  if (interpolation !== undefined) return interpolationItems(ctx, interpolation, functionItems(ctx));
  if (inEnvName(prefix)) return envItems(ctx);
  if (insideHeredoc(body, offset)) return [];
  const value = /^\s*([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(prefix);
  if (value) {
    const inString = ((value[2] ?? "").match(/"/g)?.length ?? 0) % 2 === 1;
    return valueItems(ctx, schema, value[1] ?? "", inString);
  }
  if (/^\s*[A-Za-z_][\w-]*$|^\s*$/.test(prefix)) return nameItems(ctx, schema, body);
  return [];
}

type Ctx = { analysis: Analysis; range: Range; scope: string };

function insideHeredoc(body: Body, offset: number): boolean {
  return body.items.some(
    (i) =>
      i.type === "Attribute" &&
      i.value.type === "Template" &&
      !!i.value.heredoc &&
      contains(i.value.range, offset),
  );
}

function nameItems(ctx: Ctx, schema: BodySchema, body: Body): CompletionItem[] {
  const set = new Set(body.items.flatMap((i) => (i.type === "Attribute" ? [i.name] : [])));
  if (schema.kind === "jobFile")
    return Object.entries(JOB_FILE_BLOCKS).map(([name, doc]) =>
      snippet(
        ctx,
        name,
        CompletionItemKind.Module,
        doc,
        name === "locals" ? `${name} {\n\t$0\n}` : `${name} "\${1:name}" {\n\t$0\n}`,
      ),
    );
  if (schema.kind === "variable")
    return Object.entries(VARIABLE_ATTRIBUTES)
      .filter(([name]) => !set.has(name))
      .map(([name, doc]) => snippet(ctx, name, CompletionItemKind.Property, doc, `${name} = $0`));
  const out: CompletionItem[] = [];
  for (const field of namedFields(schema).values()) {
    if (field.kind === "attribute" && set.has(field.hcl)) continue;
    if (field.kind === "remain") continue;
    const block = field.kind === "block";
    out.push({
      label: field.hcl,
      kind: block ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: fieldDetail(field),
      documentation: { kind: "markdown", value: fieldMarkdown(field) },
      textEdit: { range: ctx.range, newText: block ? blockSnippet(schema, field) : attributeSnippet(field) },
      insertTextFormat: InsertTextFormat.Snippet,
      ...(field.deprecated ? { tags: [1] } : {}),
      sortText: `${field.required ? "0" : block ? "2" : "1"}${field.hcl}`,
    });
  }
  return out;
}

function attributeSnippet(field: FieldSchema, tab = 1): string {
  const t = field.type.kind;
  if (field.enum) return `${field.hcl} = "\${${tab}|${field.enum.join(",")}|}"`;
  if (t === "bool") return `${field.hcl} = \${${tab}|true,false|}`;
  if (t === "string" || t === "duration") return `${field.hcl} = "\${${tab}}"`;
  if (t === "list" || t === "set") return `${field.hcl} = [\${${tab}}]`;
  return `${field.hcl} = \${${tab}}`;
}

function blockSnippet(parent: BodySchema, field: FieldSchema): string {
  const child = childStruct(parent, field);
  const labels = child?.fields.filter((f) => f.kind === "label") ?? [];
  let tab = 1;
  const header = [field.hcl, ...labels.map((l) => `"\${${tab++}:${l.hcl || "name"}}"`)].join(" ");
  const prefill = (child?.fields ?? []).filter(
    (f) =>
      f.kind === "attribute" &&
      ((f.required && !f.pointer) || (PREFILL[child?.name ?? ""] ?? []).includes(f.hcl)),
  );
  const lines = prefill.map((f) => `\t${attributeSnippet(f, tab++)}`);
  return `${header} {\n${lines.length ? `${lines.join("\n")}\n` : ""}\t$0\n}`;
}

function childStruct(parent: BodySchema, field: FieldSchema) {
  const t = field.type;
  const inner = t.kind === "list" || t.kind === "set" || t.kind === "map" ? t.of : t;
  if (inner.kind !== "object") return undefined;
  const fileKind = parent.kind === "struct" ? parent.fileKind : undefined;
  return structOf({
    kind: "struct",
    typeName: inner.ref,
    driver: parent.kind === "struct" && parent.driver,
    ...(fileKind ? { fileKind } : {}),
  });
}

function valueItems(ctx: Ctx, schema: BodySchema, name: string, inString: boolean): CompletionItem[] {
  const field = fieldOf(schema, name);
  const quote = (v: string) => (inString ? v : `"${v}"`);
  if (field && schema.kind === "struct") {
    const kind = groupReferenceOf(schema.typeName, name);
    if (kind)
      return declared(ctx, kind).map((n) =>
        value(ctx, n, quote(n), CompletionItemKind.Reference, `${kind} declared in this group`),
      );
    let values = field.enum;
    if (schema.typeName === "Task" && name === "driver")
      values = [...new Set([...(field.enum ?? []), ...Object.keys(nomadSchema().drivers)])];
    if (values)
      return values.map((v) =>
        value(ctx, v, quote(v), CompletionItemKind.EnumMember, `${name} value`, field.description),
      );
    if (field.type.kind === "bool" && !inString)
      return ["true", "false"].map((v) => value(ctx, v, v, CompletionItemKind.Value));
  }
  // Variables and functions are HCL2 job-file things; the other kinds have neither.
  if (inString || ctx.analysis.kind !== "job") return [];
  return [
    ...ctx.analysis.symbols
      .filter((s) => s.declaration && (s.kind === "variable" || s.kind === "local"))
      .map((s) => {
        const ref = `${s.kind === "variable" ? "var" : "local"}.${s.name}`;
        return value(ctx, ref, ref, CompletionItemKind.Variable);
      }),
    ...functionItems(ctx),
  ];
}

function declared(ctx: Ctx, kind: "port" | "volume" | "task"): string[] {
  return [
    ...new Set(
      ctx.analysis.symbols
        .filter((s) => s.declaration && s.kind === kind && s.scope === ctx.scope)
        .map((s) => s.name),
    ),
  ];
}

function functionItems(ctx: Ctx): CompletionItem[] {
  return functionNames().map((name) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: "function",
    textEdit: { range: ctx.range, newText: `${name}($0)` },
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `9${name}`,
  }));
}

/** `detail` is plain text (editors show it as written); `markdown` goes in the documentation. */
function value(
  ctx: Ctx,
  label: string,
  newText: string,
  kind: CompletionItemKind,
  detail?: string,
  markdown?: string,
): CompletionItem {
  return {
    label,
    kind,
    ...(detail ? { detail } : {}),
    ...(markdown ? { documentation: { kind: "markdown", value: markdown } } : {}),
    textEdit: { range: ctx.range, newText },
  };
}

function snippet(
  ctx: Ctx,
  label: string,
  kind: CompletionItemKind,
  doc: string,
  newText: string,
): CompletionItem {
  return {
    label,
    kind,
    documentation: { kind: "markdown", value: doc },
    textEdit: { range: ctx.range, newText },
    insertTextFormat: InsertTextFormat.Snippet,
  };
}
