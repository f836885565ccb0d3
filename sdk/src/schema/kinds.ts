// The schemas of Nomad's file kinds besides jobs (agent config, ACL policies, volume,
// node pool and namespace specs). Each kind has its own type namespace, so a lookup
// always names the kind.
import { nomadSchema } from "./load.js";
import type { FieldSchema, KindName, KindSchema, StructSchema } from "./types.js";

/** A file kind's schema. */
export function kindSchema(kind: KindName): KindSchema {
  return nomadSchema().kinds[kind];
}

/** A struct of a kind; the root struct when no type is named. A missing one is a bug. */
export function kindStruct(kind: KindName, typeName?: string): StructSchema {
  const k = kindSchema(kind);
  const struct = k.types[typeName ?? k.root];
  if (!struct) throw new Error(`bug: no type "${typeName}" in the ${kind} schema`);
  return struct;
}

/** A field of a kind's struct by its HCL name (labels have none). */
export function kindField(kind: KindName, typeName: string, hclName: string): FieldSchema | undefined {
  return kindStruct(kind, typeName).fields.find((f) => f.hcl === hclName && f.kind !== "label");
}

const topLevel = new Map<KindName, ReadonlySet<string>>();

/** The attribute and block names a kind's file may hold at its top level. */
export function kindTopLevelNames(kind: KindName): ReadonlySet<string> {
  let names = topLevel.get(kind);
  if (!names) {
    names = new Set(
      kindStruct(kind).fields.flatMap((f) => (f.hcl !== "" && f.kind !== "label" ? [f.hcl] : [])),
    );
    topLevel.set(kind, names);
  }
  return names;
}
