// Binds blocks of a job file to the generated schema: which struct (or map, or driver
// body) a block's body is. Validation, completion, hover and symbols all ask this one
// place, so they never disagree about what a block is.
import type { Block, Body, ConfigFile } from "../hcl/ast.js";
import { driverRoot, type FieldSchema, nomadSchema, type StructSchema } from "../schema/index.js";
import { findKindStruct } from "../schema/kind-schema.js";

/** What a body holds, as far as the schema knows. */
export type BodySchema =
  /** A struct of Nomad's api package, of a driver's config body, or (with `fileKind`) of
   * another file kind's schema (agent configuration, ACL policy, …). */
  | { kind: "struct"; typeName: string; driver: boolean; fileKind?: string }
  /** A map written as a block (`meta`, `env`): any attribute name, no blocks. */
  | { kind: "map" }
  /** A body the schema does not describe (`config` of an unknown driver, …): anything goes. */
  | { kind: "free" }
  /** The top of a job file: job, variable, locals. */
  | { kind: "jobFile" }
  | { kind: "variable" }
  | { kind: "locals" }
  /** Not bindable (unknown block): nothing is checked or offered inside. */
  | { kind: "unknown" };

/** Blocks jobspec2 takes out of a body before gohcl sees it, so they are not struct fields. */
const EXTRA_BLOCKS: Record<string, Record<string, string>> = {
  Job: { task: "Task", vault: "Vault", secret: "Secret" },
  TaskGroup: { vault: "Vault", secret: "Secret" },
};

/** Attributes of a `variable` block, as jobspec2 reads them (not part of the api schema). */
export const VARIABLE_ATTRIBUTES: Record<string, string> = {
  type: "Type constraint of the value, such as `string`, `number`, `list(string)`.",
  default: "Value used when none is given with `-var`, `-var-file` or the environment.",
  description: "What the variable is for; shown to whoever sets it.",
};

export const JOB_FILE_BLOCKS: Record<string, string> = {
  job: 'The job: `job "name" { … }`. One per file.',
  variable: 'An input variable: `variable "name" { type = string, default = "…" }`. Read as `var.name`.',
  locals: "Named values computed once and read as `local.name`.",
};

export function structOf(schema: BodySchema): StructSchema | undefined {
  if (schema.kind !== "struct") return undefined;
  if (schema.fileKind) return findKindStruct(schema.fileKind, schema.typeName);
  const s = nomadSchema();
  return schema.driver ? s.driverTypes[schema.typeName] : s.types[schema.typeName];
}

/** Fields a body can set by name, keyed by HCL name (labels and API-only fields left out). */
export function namedFields(schema: BodySchema): ReadonlyMap<string, FieldSchema> {
  if (schema.kind !== "struct") return EMPTY;
  const key = `${schema.fileKind ?? ""}:${schema.driver ? "driver:" : ""}${schema.typeName}`;
  let fields = fieldCache.get(key);
  if (!fields) {
    fields = buildNamedFields(schema);
    fieldCache.set(key, fields);
  }
  return fields;
}

const EMPTY: ReadonlyMap<string, FieldSchema> = new Map();
/** Completion and every check ask for the same few structs over and over. */
const fieldCache = new Map<string, ReadonlyMap<string, FieldSchema>>();

function buildNamedFields(schema: BodySchema): Map<string, FieldSchema> {
  const out = new Map<string, FieldSchema>();
  const struct = structOf(schema);
  if (!struct) return out;
  for (const f of struct.fields)
    if (f.hcl !== "" && f.kind !== "label" && f.kind !== "apiOnly") out.set(f.hcl, f);
  if (schema.kind === "struct" && !schema.driver && !schema.fileKind) {
    for (const [name, ref] of Object.entries(EXTRA_BLOCKS[schema.typeName] ?? {})) {
      if (out.has(name)) continue;
      const refStruct = nomadSchema().types[ref];
      out.set(name, {
        hcl: name,
        api: ref,
        go: ref,
        kind: "block",
        type: { kind: "object", ref },
        required: false,
        repeated: name !== "vault",
        ...(refStruct?.description ? { description: refStruct.description } : {}),
      });
    }
  }
  return out;
}

/** The field a body item names, if the schema has it. */
export function fieldOf(schema: BodySchema, name: string): FieldSchema | undefined {
  return namedFields(schema).get(name);
}

/**
 * The schema of a child block's body. `owner` is the body the block sits in; a task's
 * `config` depends on the sibling `driver` attribute, so the owner body is needed too.
 */
export function childSchema(parent: BodySchema, block: Block, owner: Body): BodySchema {
  switch (parent.kind) {
    case "jobFile":
      if (block.blockType === "job") return { kind: "struct", typeName: "Job", driver: false };
      if (block.blockType === "variable") return { kind: "variable" };
      if (block.blockType === "locals") return { kind: "locals" };
      return { kind: "unknown" };
    case "variable":
      return block.blockType === "validation" ? { kind: "free" } : { kind: "unknown" };
    case "free":
      return { kind: "free" };
    case "struct":
      break;
    default:
      return { kind: "unknown" };
  }
  if (block.blockType === "dynamic" && block.labels[0]) {
    // `dynamic "port" { content { … } }`: the content body is a port body.
    return { kind: "free" };
  }
  const field = fieldOf(parent, block.blockType);
  if (field?.kind !== "block") return { kind: "unknown" };
  if (!parent.driver && parent.typeName === "Task" && field.hcl === "config") {
    const root = driverRoot(driverName(owner) ?? "");
    return root ? { kind: "struct", typeName: root, driver: true } : { kind: "free" };
  }
  const type = field.type;
  const element = type.kind === "list" || type.kind === "set" || type.kind === "map" ? type.of : type;
  if (element.kind === "object")
    return {
      kind: "struct",
      typeName: element.ref,
      driver: parent.driver,
      ...(parent.fileKind ? { fileKind: parent.fileKind } : {}),
    };
  if (type.kind === "map" && element.kind !== "any") return { kind: "map" };
  return { kind: "free" };
}

/** The literal `driver = "docker"` of a task body, if written as a plain string. */
export function driverName(body: Body): string | undefined {
  for (const item of body.items) {
    if (item.type === "Attribute" && item.name === "driver") return plainString(item.value);
  }
  return undefined;
}

/** A string written without interpolation, or undefined for anything else. */
export function plainString(expr: import("../hcl/ast.js").Expression): string | undefined {
  if (expr.type !== "Template" || expr.heredoc) return undefined;
  if (expr.parts.length === 0) return "";
  if (expr.parts.length !== 1) return undefined;
  const part = expr.parts[0];
  return part?.type === "TemplateLiteral" ? part.value : undefined;
}

/** One step of the path from the file to a place: the block and what its body is. */
export interface BoundBlock {
  block: Block;
  schema: BodySchema;
  /** The body the block sits in. */
  owner: Body;
}

/**
 * Where a walk starts when it covers part of a file: some blocks of `owner` (whose schema is
 * `schema`) below `path`. Incremental analysis re-checks one group this way, with the same
 * path and schemas the whole-file walk would give it.
 */
export interface WalkStart {
  blocks: readonly Block[];
  owner: Body;
  schema: BodySchema;
  path: readonly BoundBlock[];
}

/** Calls `visit` for every block with its bound schema, parents before children. */
export function walkBlocks(
  file: ConfigFile,
  visit: (bound: BoundBlock, path: readonly BoundBlock[]) => void,
  root: BodySchema = { kind: "jobFile" },
  start?: WalkStart,
): void {
  const path: BoundBlock[] = start ? [...start.path] : [];
  const walk = (items: readonly Body["items"][number][], owner: Body, schema: BodySchema) => {
    for (const item of items) {
      if (item.type !== "Block") continue;
      const bound = { block: item, schema: childSchema(schema, item, owner), owner };
      visit(bound, path);
      path.push(bound);
      walk(item.body.items, item.body, bound.schema);
      path.pop();
    }
  };
  if (start) walk(start.blocks, start.owner, start.schema);
  else walk(file.body.items, file.body, root);
}

/** The blocks that enclose `offset` (outermost first), with their schemas. */
export function blocksAt(
  file: ConfigFile,
  offset: number,
  root: BodySchema = { kind: "jobFile" },
): BoundBlock[] {
  const out: BoundBlock[] = [];
  let body = file.body;
  let schema = root;
  for (;;) {
    const inner = body.items.find((i): i is Block => i.type === "Block" && insideBody(i, offset));
    if (!inner) return out;
    const bound = { block: inner, schema: childSchema(schema, inner, body), owner: body };
    out.push(bound);
    body = inner.body;
    schema = bound.schema;
  }
}

/** Whether `offset` is between the block's braces (the body range runs from after "{" to before "}"). */
function insideBody(block: Block, offset: number): boolean {
  const range = block.body.range;
  return range !== undefined && offset >= range.start.offset && offset <= range.end.offset;
}
