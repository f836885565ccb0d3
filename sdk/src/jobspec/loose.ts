// Free-form bodies (task driver `config`, scaling `policy`, Consul proxy `config`):
// jobspec2 reads them with its blocks-as-attributes wrapper, so a nested block becomes a
// list of objects (one per block, labels as nested keys) and an attribute written as an
// object literal is put in a one-element list. For drivers the schema knows, the body is
// also checked against the driver's own schema, as the driver would on the client.
import type { Block, Body, Range } from "../hcl/ast.js";
import { type FieldSchema, nomadSchema } from "../schema/index.js";
import { type Json, looseJson } from "./decode-value.js";
import { type Diagnostics, didYouMean } from "./diagnostics.js";
import type { Evaluator } from "./expression-evaluator.js";
import { type Places, recordAttribute, recordPlace } from "./model-ranges.js";
import { UNKNOWN } from "./value.js";

export function looseBody(ev: Evaluator, body: Body, places?: Places): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const place = recordPlace(places, out, undefined);
  const blocks = new Map<string, Block[]>();
  for (const item of body.items) {
    if (item.type === "Attribute") {
      const value = ev.value(item.value);
      if (value === UNKNOWN) continue;
      const json = looseJson(value) ?? null;
      out[item.name] = item.value.type === "Object" ? [json] : json;
      recordAttribute(place, item.name, item);
    } else if (item.type === "Block") {
      blocks.set(item.blockType, [...(blocks.get(item.blockType) ?? []), item]);
    }
  }
  for (const [name, list] of blocks) out[name] = list.map((b) => looseBlock(ev, b));
  return out;
}

/**
 * The same wrapping for a body given as JSON (synth's specs): a top-level value that is an
 * object goes in a one-element list, as jobspec2 does for an attribute written as an object.
 */
export function looseApiBody(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    out[key] = typeof value === "object" && value !== null && !Array.isArray(value) ? [value] : value;
  }
  return out;
}

function looseBlock(ev: Evaluator, block: Block): Json {
  let value: Json = looseBody(ev, block.body);
  for (let i = block.labels.length - 1; i >= 0; i--) value = { [block.labels[i]?.value ?? ""]: [value] };
  return value;
}

/** Checks a driver `config` body against the driver's schema: unknown names and missing required ones. */
export function checkDriverConfig(
  diagnostics: Diagnostics,
  typeName: string,
  driver: string,
  body: Body,
  header: Range | undefined,
): void {
  const struct = nomadSchema().driverTypes[typeName];
  if (!struct) return;
  const fields = new Map<string, FieldSchema>(struct.fields.map((f) => [f.hcl, f]));
  const given = new Set<string>();
  for (const item of body.items) {
    if (item.type === "BlankLine") continue;
    const name = item.type === "Attribute" ? item.name : item.blockType;
    const range = item.type === "Attribute" ? item.nameRange : item.typeRange;
    given.add(name);
    const field = fields.get(name);
    if (!field) {
      const what = item.type === "Attribute" ? "attribute" : "block";
      const code = item.type === "Attribute" ? "unknown-attribute" : "unknown-block";
      diagnostics.error(
        code,
        `The ${driver} driver has no ${what} "${name}" in this config.${didYouMean(name, fields.keys())}`,
        range,
      );
      continue;
    }
    const element = field.type.kind === "list" || field.type.kind === "set" ? field.type.of : field.type;
    if (item.type === "Block" && element.kind === "object")
      checkDriverConfig(diagnostics, element.ref, driver, item.body, item.typeRange);
  }
  for (const field of struct.fields) {
    if (field.required && !given.has(field.hcl)) {
      diagnostics.error(
        "missing-required",
        `The ${driver} driver requires "${field.hcl}" in this config.`,
        header,
      );
    }
  }
}
