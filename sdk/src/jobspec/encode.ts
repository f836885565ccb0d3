import {
  attribute,
  type BodyItem,
  blankLine,
  block,
  type ConfigFile,
  type Expression,
  file,
  fromValue,
  heredoc,
  literal,
  object,
  str,
  tuple,
} from "../hcl/ast.js";
import { formatDuration } from "../schema/duration.js";
import type { FieldSchema, StructSchema, TypeRef } from "../schema/index.js";
import { driverRoot, structSchema } from "../schema/index.js";

type ApiObject = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Blocks written after every other block of their parent. */
const NESTED = new Set(["group", "task"]);

/**
 * API JSON → HCL, the inverse of Nomad's jobspec2, driven by the schema: every field's
 * HCL name, block-or-attribute kind and labels come from the generated schema. Fields the
 * server sets (apiOnly) and nulls are left out.
 */
export function encodeJob(job: ApiObject): ConfigFile {
  const id = String(job.ID ?? "");
  const skip = new Set(["ID"]);
  if (job.Name === job.ID) skip.add("Name");
  return file([block("job", [id], encodeBody(structSchema("Job", false), job, false, skip))]);
}

/**
 * Any labelled schema struct as a top-level HCL block, such as `node_pool "gpu" { … }` for
 * the spec files `nomad node pool apply` reads.
 */
export function encodeBlock(typeName: string, blockType: string, obj: ApiObject): ConfigFile {
  const struct = structSchema(typeName, false);
  return file([block(blockType, labelsOf(struct, obj), encodeBody(struct, obj, false))]);
}

function encodeBody(
  struct: StructSchema,
  obj: ApiObject,
  driver: boolean,
  skip = new Set<string>(),
): BodyItem[] {
  const attributes: BodyItem[] = [];
  const blocks: BodyItem[][] = [];
  for (const field of struct.fields) {
    const value = obj[field.api];
    if (!driver && struct.name === "Task" && field.api === "Identity" && value) {
      // jobspec2 moves the unnamed identity block here; write it back as a block.
      blocks.push(encodeBlocks({ ...field, hcl: "identity", kind: "block" }, value, false));
      continue;
    }
    if (field.kind === "apiOnly" || field.kind === "remain" || field.kind === "label" || skip.has(field.api))
      continue;
    if (value === undefined || value === null) continue;
    if (
      !driver &&
      struct.name === "NetworkResource" &&
      (field.api === "DynamicPorts" || field.api === "ReservedPorts")
    ) {
      // Both lists are written as `port "label" {}`; jobspec2 sorts them by `static`.
      for (const port of value as ApiObject[]) blocks.push([portBlock(port)]);
      continue;
    }
    if (!driver && struct.name === "Task" && field.api === "Config") {
      const root = driverRoot(String(obj.Driver ?? ""));
      const items = root
        ? encodeBody(structSchema(root, true), value as ApiObject, true)
        : encodeLoose(value as ApiObject);
      blocks.push([block("config", [], items)]);
      continue;
    }
    if (field.kind === "attribute") attributes.push(attribute(field.hcl, expression(field.type, value)));
    else blocks.push(encodeBlocks(field, value, driver));
  }
  // Keys the schema doesn't know (e.g. options of a newer driver) are kept, not dropped.
  if (driver) {
    const known = new Set(struct.fields.map((f) => f.api));
    for (const [key, value] of Object.entries(obj)) {
      if (!known.has(key) && value !== null && value !== undefined)
        attributes.push(attribute(key, fromValue(value)));
    }
  }
  const items: BodyItem[] = [...attributes];
  // Nomad files read top-down: settings first, then the groups or tasks they hold.
  const nested = (group: BodyItem[]) => group.some((b) => b.type === "Block" && NESTED.has(b.blockType));
  for (const group of [...blocks.filter((g) => !nested(g)), ...blocks.filter(nested)]) {
    if (group.length === 0) continue;
    for (const item of group) {
      if (items.length > 0) items.push(blankLine());
      items.push(item);
    }
  }
  return items;
}

function encodeBlocks(field: FieldSchema, value: unknown, driver: boolean): BodyItem[] {
  const type = field.type;
  const element = type.kind === "list" || type.kind === "set" ? type.of : type;
  if (element.kind === "object") {
    const struct = structSchema(element.ref, driver);
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) =>
      block(field.hcl, labelsOf(struct, item as ApiObject), encodeBody(struct, item as ApiObject, driver)),
    );
  }
  if (type.kind === "map" && type.of.kind === "object") {
    // A map of labelled blocks, e.g. group volumes keyed by name.
    const struct = structSchema(type.of.ref, driver);
    return Object.entries(value as ApiObject).map(([key, item]) => {
      const labels = labelsOf(struct, item as ApiObject);
      return block(
        field.hcl,
        labels.length > 0 ? labels : [key],
        encodeBody(struct, item as ApiObject, driver),
      );
    });
  }
  if (type.kind === "map") {
    // meta/env style blocks: free-form attributes. Keys that aren't identifiers need the
    // attribute form with an object, since block bodies only take identifier names.
    const entries = Object.entries(value as ApiObject);
    if (entries.every(([k]) => IDENTIFIER.test(k))) {
      return [
        block(
          field.hcl,
          [],
          entries.map(([k, v]) => attribute(k, expression(type.of, v))),
        ),
      ];
    }
    return [attribute(field.hcl, object(entries.map(([k, v]) => [k, expression(type.of, v)])))];
  }
  return [attribute(field.hcl, expression(type, value))];
}

function labelsOf(struct: StructSchema, obj: ApiObject): string[] {
  return struct.fields.filter((f) => f.kind === "label").map((f) => String(obj[f.api] ?? ""));
}

function portBlock(port: ApiObject): BodyItem {
  const struct = structSchema("Port", false);
  const body = encodeBody(struct, port, false).filter((item) => {
    // A zero static or to is Nomad's "unset".
    return !(item.type === "Attribute" && item.value.type === "Literal" && item.value.value === 0);
  });
  return block("port", labelsOf(struct, port), body);
}

/** Config of a driver the schema doesn't describe: objects become nested attributes. */
function encodeLoose(config: ApiObject): BodyItem[] {
  return Object.entries(config)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => attribute(k, fromValue(v)));
}

function expression(type: TypeRef, value: unknown): Expression {
  switch (type.kind) {
    case "duration":
      return typeof value === "number" ? str(formatDuration(value)) : fromValue(value);
    case "string":
      // Multi-line text (templates, scripts) reads best as a heredoc; the printer falls
      // back to a quoted string when a heredoc can't hold the text exactly.
      return typeof value === "string" && value.includes("\n") ? heredoc(value) : str(String(value));
    case "bool":
    case "int":
    case "float":
    case "number":
      return typeof value === "number" || typeof value === "boolean" ? literal(value) : fromValue(value);
    case "list":
    case "set":
      return Array.isArray(value) ? tuple(value.map((v) => expression(type.of, v))) : fromValue(value);
    case "map":
      return typeof value === "object" && value !== null
        ? object(Object.entries(value).map(([k, v]) => [k, expression(type.of, v)]))
        : fromValue(value);
    default:
      return fromValue(value);
  }
}
