import type { Block, SourceFile } from "../hcl/ast.js";
import { parse } from "../hcl/parser.js";
import { type ApiObject, decodeJob } from "../jobspec/decode.js";
import { Diagnostics } from "../jobspec/diagnostics.js";
import { VariableScope } from "../jobspec/variable-scope.js";
import { type VarRef, varRef } from "./code-model.js";
import { NameScope } from "./naming.js";

// `variable` blocks (and constant `locals`) become a typed `vars` parameter of the job's builder, defaulting to the
// file's defaults. Where a variable ends up in the job is found by decoding the file a
// second time with a marker value for each variable and comparing: a field that holds the
// marker (alone or inside text) becomes `vars.x` or a template literal. Values a function
// changed on the way (upper(var.x)) stay literal.

export interface JobVariable {
  /** The HCL name: a variable's name, or `local.<name>` for a constant local. */
  readonly name: string;
  /** The property of `vars`. */
  readonly key: string;
  readonly type: "string" | "number";
  readonly value: string | number;
}

export interface Parameterized {
  readonly variables: JobVariable[];
  /** The job with VarRef markers where variables are used. */
  readonly marked: ApiObject;
}

/**
 * Fields the model walk reads as names and references (ids, labels, drivers, port and
 * task names, check shapes): they stay literal so the construct graph is the file's own.
 */
const STRUCTURAL = new Set([
  "ID",
  "Name",
  "Label",
  "Driver",
  "PortLabel",
  "Volume",
  "TaskName",
  "Type",
  "LTarget",
  "RTarget",
  "Operand",
  "Attribute",
  "Weight",
  "Interval",
  "Timeout",
  "Path",
  "Command",
  "ports",
]);

const marker = (i: number) => `⟦nkvar${i}⟧`;
const MARKERS = /⟦nkvar(\d+)⟧/;
const NUMBER_BASE = 987_654_300;

export function parameterize(file: SourceFile, job: ApiObject): Parameterized | undefined {
  const blocks = file.body.items.filter(
    (i): i is Block =>
      i.type === "Block" &&
      (i.blockType === "variable" || i.blockType === "variables" || i.blockType === "locals"),
  );
  if (blocks.length === 0) return undefined;
  const scope = new VariableScope(new Diagnostics(), file.text);
  scope.declare(blocks, {});
  const keys = new NameScope();
  const variables: JobVariable[] = [];
  for (const name of scope.names("var")) {
    const value = scope.lookup("var", name);
    if (typeof value !== "string" && typeof value !== "number") continue;
    variables.push({ name, key: keys.name(name), type: typeof value as "string" | "number", value });
  }
  // Locals that are constants are parameters too; locals built from variables follow them.
  const replaced: Array<{ start: number; end: number; index: number }> = [];
  for (const block of blocks.filter((b) => b.blockType === "locals")) {
    for (const item of block.body.items) {
      if (item.type !== "Attribute") continue;
      const v = item.value;
      if (!v.range) continue;
      const text =
        v.type === "Template" && !v.heredoc && v.parts.length === 1 && v.parts[0]?.type === "TemplateLiteral"
          ? v.parts[0].value
          : undefined;
      const number = v.type === "Literal" && typeof v.value === "number" ? v.value : undefined;
      if (text === undefined && number === undefined) continue;
      replaced.push({ start: v.range.start.offset, end: v.range.end.offset, index: variables.length });
      variables.push({
        name: `local.${item.name}`,
        key: keys.name(item.name),
        type: text !== undefined ? "string" : "number",
        value: text ?? (number as number),
      });
    }
  }
  if (variables.length === 0) return undefined;
  const sentinel = (i: number) => {
    const v = variables[i] as JobVariable;
    return v.type === "string" ? marker(i) : NUMBER_BASE + i;
  };
  let probeSource = file.text;
  for (const r of [...replaced].sort((a, b) => b.start - a.start)) {
    probeSource = `${probeSource.slice(0, r.start)}${JSON.stringify(sentinel(r.index))}${probeSource.slice(r.end)}`;
  }
  const given = Object.fromEntries(
    variables.flatMap((v, i) => (v.name.startsWith("local.") ? [] : [[v.name, sentinel(i)]])),
  );
  const probe = decodeJob(parse(probeSource).file, { variables: given });
  if (!probe.job || probe.diagnostics.some((d) => d.severity === "error")) return undefined;
  const used = new Set<number>();
  const marked = mark(job, probe.job, variables, used, undefined) as ApiObject;
  const kept = variables.filter((_, i) => used.has(i));
  return kept.length > 0 ? { variables: kept, marked } : undefined;
}

function mark(real: unknown, probe: unknown, vars: JobVariable[], used: Set<number>, key?: string): unknown {
  if (key !== undefined && STRUCTURAL.has(key)) return real;
  if (typeof real === "string" && typeof probe === "string" && probe !== real && MARKERS.test(probe)) {
    const pieces = probe.split(MARKERS);
    const parts: Array<string | { key: string }> = [];
    let rebuilt = "";
    pieces.forEach((piece, i) => {
      if (i % 2 === 0) {
        if (piece) parts.push(piece);
        rebuilt += piece;
        return;
      }
      const v = vars[Number(piece)];
      if (v?.type !== "string") return;
      used.add(Number(piece));
      parts.push({ key: v.key });
      rebuilt += v.value;
    });
    return rebuilt === real ? varRef(parts, real) : real;
  }
  if (typeof real === "number" && typeof probe === "number" && probe !== real) {
    const i = probe - NUMBER_BASE;
    const v = vars[i];
    if (v?.type === "number" && v.value === real) {
      used.add(i);
      return varRef([{ key: v.key }], real);
    }
    return real;
  }
  if (Array.isArray(real) && Array.isArray(probe) && real.length === probe.length) {
    return real.map((r, i) => mark(r, probe[i], vars, used, key));
  }
  if (isPlain(real) && isPlain(probe)) {
    return Object.fromEntries(Object.entries(real).map(([k, r]) => [k, mark(r, probe[k], vars, used, k)]));
  }
  return real;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export type { VarRef };
