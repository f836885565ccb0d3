// A spec file of one of Nomad's non-job kinds (a volume spec for `nomad volume create`, …),
// printed from a value keyed by HCL names, in the order and shape the kind's schema gives.
// Field names, block-vs-attribute and sizes come from the schema, so a synthesized spec
// file can't drift from what Nomad's decoder reads.
import { attribute, type BodyItem, block, fromValue } from "../hcl/ast.js";
import { type FieldSchema, type KindName, kindStruct } from "../schema/index.js";
import { formatSize } from "../schema/size.js";

/**
 * A kind file's body: keys are HCL names, nested blocks are objects (arrays when they repeat),
 * and labelled blocks are objects keyed by their label.
 */
export type KindValue = { readonly [hclName: string]: unknown };

/**
 * The body items of a `kind` file (or of one of its structs): plain attributes, then maps,
 * then blocks, each in schema order; unset values and empty maps are left out. A key the schema
 * lacks is a bug in the caller, not a user mistake.
 */
export function kindBody(kind: KindName, value: KindValue, typeName?: string): BodyItem[] {
  const struct = kindStruct(kind, typeName);
  const byName = new Map(struct.fields.filter((f) => f.hcl !== "").map((f) => [f.hcl, f]));
  for (const key of Object.keys(value)) {
    if (!byName.has(key)) throw new Error(`bug: ${kind} ${struct.name} has no "${key}"`);
  }
  const attributes: BodyItem[] = [];
  const maps: BodyItem[] = [];
  const blocks: BodyItem[] = [];
  for (const field of byName.values()) {
    const v = value[field.hcl];
    if (v === undefined || isEmptyMap(v)) continue;
    if (field.kind === "block" && field.type.kind === "object") {
      const ref = field.type.ref;
      if (kindStruct(kind, ref).fields.some((f) => f.kind === "label")) {
        // A labelled block (`namespace "default" { … }`) is given as { label: body }.
        for (const [label, item] of Object.entries(v as KindValue))
          blocks.push(block(field.hcl, [label], kindBody(kind, item as KindValue, ref)));
        continue;
      }
      const items = field.repeated && Array.isArray(v) ? v : [v];
      for (const item of items) blocks.push(block(field.hcl, [], kindBody(kind, item as KindValue, ref)));
    } else {
      // Maps are written `name = { … }`: HCL1 reads that like a block, and keys such as
      // "topology.kubernetes.io/zone" can only be quoted in an object.
      (field.type.kind === "map" ? maps : attributes).push(attribute(field.hcl, fromValue(scalar(field, v))));
    }
  }
  return [...attributes, ...maps, ...blocks];
}

function scalar(field: FieldSchema, value: unknown): unknown {
  return field.type.kind === "size" && typeof value === "number" ? formatSize(value) : value;
}

function isEmptyMap(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
