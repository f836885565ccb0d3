// The generic part of decoding, as gohcl does it for Nomad's api structs: every attribute
// and block of a body is matched against the struct's schema fields, converted to the
// field's type and stored under its API name. Special structs (constraint, group, task, …)
// plug in through `hooks`; everything else about a field comes from the schema.
import type { Attribute, Block, Body, Range } from "../hcl/ast.js";
import {
  describeType,
  type FieldSchema,
  type StructSchema,
  structSchema,
  type TypeRef,
} from "../schema/index.js";
import { convertValue, type Json } from "./decode-value.js";
import { type Diagnostics, deprecatedMessage, didYouMean } from "./diagnostics.js";
import type { Evaluator } from "./expression-evaluator.js";
import { looseBody } from "./loose.js";
import { type Places, recordAttribute, recordPlace } from "./model-ranges.js";
import { UNKNOWN, type Value } from "./value.js";

export type ApiObject = { [key: string]: Json };

/** Decodes a struct's body in place of the generic decoder; `header` is where to report block-level problems. */
export type StructHook = (ctx: DecodeContext, body: Body, header: Range | undefined) => ApiObject;

export interface DecodeContext {
  ev: Evaluator;
  diagnostics: Diagnostics;
  hooks: Record<string, StructHook>;
  /** Where each decoded object came from, when the caller wants to place findings on the model. */
  places?: Places;
}

export interface BodyOptions {
  /** Names the caller decodes itself (jobspec2 takes them out with PartialContent first). */
  skip?: ReadonlySet<string>;
  /** Map blocks that may also be written as an attribute (`meta = { … }`), as jobspec2 allows for meta and env. */
  attributeMaps?: ReadonlySet<string>;
}

/** The fields a body can set by name (labels and API-only fields can't be written). */
function namedFields(struct: StructSchema): Map<string, FieldSchema> {
  const fields = new Map<string, FieldSchema>();
  for (const f of struct.fields)
    if (f.hcl !== "" && f.kind !== "label" && f.kind !== "apiOnly") fields.set(f.hcl, f);
  return fields;
}

export function labelFields(struct: StructSchema): FieldSchema[] {
  return struct.fields.filter((f) => f.kind === "label");
}

/** The range of `name "label" "label"`, the block's header. */
export function headerRange(block: Block): Range | undefined {
  const last = block.labels[block.labels.length - 1]?.range;
  const start = block.typeRange ?? block.range;
  if (!start) return undefined;
  return { start: start.start, end: last?.end ?? start.end };
}

export function decodeStructBody(
  ctx: DecodeContext,
  typeName: string,
  body: Body,
  header: Range | undefined,
  options: BodyOptions = {},
): ApiObject {
  const hook = ctx.hooks[typeName];
  return hook ? hook(ctx, body, header) : decodeFields(ctx, typeName, body, header, options);
}

/** The generic decoder, also called by hooks for the fields they don't treat specially. */
export function decodeFields(
  ctx: DecodeContext,
  typeName: string,
  body: Body,
  header: Range | undefined,
  options: BodyOptions = {},
): ApiObject {
  const struct = structSchema(typeName);
  const fields = namedFields(struct);
  const out: ApiObject = {};
  const place = recordPlace(ctx.places, out, header);
  const given = new Map<string, Range | undefined>();
  const blocks = new Map<string, Block[]>();
  for (const item of body.items) {
    if (
      item.type === "BlankLine" ||
      options.skip?.has(item.type === "Attribute" ? item.name : item.blockType)
    )
      continue;
    if (item.type === "Block") {
      const field = fields.get(item.blockType);
      if (!field) {
        const hint = didYouMean(item.blockType, fields.keys());
        ctx.diagnostics.error(
          "unknown-block",
          `Blocks of type "${item.blockType}" are not expected in ${struct.name}.${hint}`,
          item.typeRange,
        );
      } else if (field.kind === "attribute") {
        ctx.diagnostics.error(
          "expected-attribute",
          `"${item.blockType}" is an attribute: write ${item.blockType} = … instead of a block.`,
          item.typeRange,
        );
      } else {
        blocks.set(item.blockType, [...(blocks.get(item.blockType) ?? []), item]);
      }
      continue;
    }
    const field = fields.get(item.name);
    if (given.has(item.name)) {
      ctx.diagnostics.error(
        "duplicate-attribute",
        `"${item.name}" is already set in this block.`,
        item.nameRange,
      );
      continue;
    }
    given.set(item.name, item.nameRange);
    if (!field) {
      const hint = didYouMean(item.name, fields.keys());
      ctx.diagnostics.error(
        "unknown-attribute",
        `An attribute named "${item.name}" is not expected in ${struct.name}.${hint}`,
        item.nameRange,
      );
    } else if (
      field.kind === "block" &&
      !(options.attributeMaps?.has(item.name) && field.type.kind === "map")
    ) {
      ctx.diagnostics.error(
        "expected-block",
        `"${item.name}" is a block: write ${item.name} { … } without "=".`,
        item.nameRange,
      );
    } else {
      setField(ctx, out, field, attributeValue(ctx, field.type, item), item.nameRange);
      recordAttribute(place, field.api, item);
    }
  }
  for (const [name, list] of blocks) {
    const field = fields.get(name) as FieldSchema;
    if (given.has(name)) {
      ctx.diagnostics.error(
        "duplicate-block",
        `"${name}" is already set as an attribute; give it once.`,
        list[0]?.typeRange,
      );
      continue;
    }
    setField(ctx, out, field, decodeBlocks(ctx, field, list), list[0]?.typeRange);
    const first = list[0] && headerRange(list[0]);
    if (first) place.fields.set(field.api, first);
    list.forEach((block, i) => {
      const range = headerRange(block);
      if (range) place.fields.set(`${field.api}#${i}`, range);
    });
  }
  for (const field of struct.fields) {
    // gohcl requires non-pointer attributes that aren't `,optional`; pointers never are.
    if (field.kind === "attribute" && field.required && !field.pointer && !given.has(field.hcl)) {
      ctx.diagnostics.error(
        "missing-required",
        `The attribute "${field.hcl}" is required in ${struct.name}.`,
        header,
      );
    }
  }
  return out;
}

function attributeValue(ctx: DecodeContext, type: TypeRef, attr: Attribute): Json | undefined {
  return convertValue(type, ctx.ev.value(attr.value), attr.value.range, ctx.diagnostics);
}

function setField(
  ctx: DecodeContext,
  out: ApiObject,
  field: FieldSchema,
  value: Json | undefined,
  at: Range | undefined,
): void {
  if (field.deprecated) ctx.diagnostics.warning("deprecated", deprecatedMessage(field), at);
  if (value !== undefined) out[field.api] = value;
}

function decodeBlocks(ctx: DecodeContext, field: FieldSchema, blocks: Block[]): Json | undefined {
  const type = field.type;
  const element = type.kind === "list" || type.kind === "set" ? type.of : type;
  if (element.kind === "object" && (field.repeated || element !== type)) {
    const ref = element.ref;
    return blocks.map((b) => decodeBlock(ctx, ref, b)).filter((b): b is ApiObject => b !== undefined);
  }
  if (type.kind === "map" && type.of.kind === "object") {
    // Labelled blocks kept in a map by label (group volumes); a later one replaces an earlier.
    const ref = type.of.ref;
    const out: ApiObject = {};
    for (const block of blocks) {
      const decoded = decodeBlock(ctx, ref, block);
      const label = block.labels[0]?.value;
      if (decoded && label !== undefined) {
        if (label in out)
          ctx.diagnostics.warning(
            "duplicate-label",
            `Another ${field.hcl} block is labelled "${label}"; this one replaces it.`,
            block.labels[0]?.range,
          );
        out[label] = decoded;
      }
    }
    return out;
  }
  for (const extra of blocks.slice(1)) {
    ctx.diagnostics.error(
      "duplicate-block",
      `Only one ${field.hcl} block is allowed here.`,
      headerRange(extra),
    );
  }
  const block = blocks[0] as Block;
  if (type.kind === "object") return decodeBlock(ctx, type.ref, block);
  if (type.kind === "map" && type.of.kind === "any") return looseBody(ctx.ev, block.body, ctx.places);
  if (type.kind === "map") return mapBody(ctx, type, block);
  ctx.diagnostics.error(
    "expected-attribute",
    `"${field.hcl}" takes ${describeType(type)}: write ${field.hcl} = ….`,
    block.typeRange,
  );
  return undefined;
}

/** A labelled block → its struct, labels stored in the struct's label fields. */
export function decodeBlock(ctx: DecodeContext, typeName: string, block: Block): ApiObject | undefined {
  const struct = structSchema(typeName);
  const labels = labelFields(struct);
  if (block.labels.length !== labels.length) {
    const want =
      labels.length === 0
        ? "no labels"
        : `${labels.length} label${labels.length > 1 ? "s" : ""} (${labels.map((l) => l.hcl || l.api.toLowerCase()).join(", ")})`;
    ctx.diagnostics.error(
      "wrong-label-count",
      `A ${block.blockType} block takes ${want}, not ${block.labels.length}.`,
      headerRange(block),
    );
    return undefined;
  }
  const out = decodeStructBody(ctx, typeName, block.body, headerRange(block));
  labels.forEach((field, i) => {
    out[field.api] = block.labels[i]?.value ?? "";
  });
  return out;
}

/** `meta { k = v }`-style blocks: only attributes, each converted to the map's element type. */
function mapBody(
  ctx: DecodeContext,
  type: Extract<TypeRef, { kind: "map" }>,
  block: Block,
): Json | undefined {
  const out: ApiObject = {};
  const place = recordPlace(ctx.places, out, headerRange(block));
  for (const item of block.body.items) {
    if (item.type === "Block") {
      ctx.diagnostics.error(
        "unknown-block",
        `${block.blockType} takes only attributes, not a "${item.blockType}" block.`,
        item.typeRange,
      );
    } else if (item.type === "Attribute") {
      // jobspec2 reads these bodies with its blocks-as-attributes wrapper, which puts an
      // object value in a list: `{…}` is never a valid element here.
      let value: Value = ctx.ev.value(item.value);
      if (item.value.type === "Object" && value !== UNKNOWN) value = [value];
      const converted = convertValue(type.of, value, item.value.range, ctx.diagnostics);
      if (converted !== undefined) out[item.name] = converted;
      recordAttribute(place, item.name, item);
    }
  }
  return out;
}
