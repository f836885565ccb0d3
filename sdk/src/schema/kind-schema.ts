// Lookups over the schema's file kinds (agent configuration, ACL policy, CSI and host volume,
// node pool and namespace specs) that may miss: analysis binds half-written files, where a
// kind or type that isn't there is an answer ("nothing to offer"), not a bug. kinds.ts has
// the strict accessors.
import { nomadSchema } from "./load.js";
import type { FieldSchema, KindName, KindSchema, SchemaFileKind, StructSchema } from "./types.js";

/** Every file kind the schema describes, keyed as in the schema ("agent", "aclPolicy", …). */
export function fileKindSchemas(): Readonly<Partial<Record<KindName, KindSchema>>> {
  return nomadSchema().kinds ?? {};
}

/** The file kinds users name the schema's kinds by (`acl-policy`, `volume`, …), each once, in schema order. */
export function schemaFileKinds(): readonly SchemaFileKind[] {
  return [...new Set(Object.values(fileKindSchemas()).map((k) => k.file))];
}

/** One kind's schema, or undefined when the schema has no such kind. */
export function fileKindSchema(key: string): KindSchema | undefined {
  return (fileKindSchemas() as Record<string, KindSchema | undefined>)[key];
}

/** A struct of a kind by type name; undefined if the kind or the type is unknown. */
export function findKindStruct(key: string, typeName: string): StructSchema | undefined {
  return fileKindSchema(key)?.types[typeName];
}

/** The root struct of a kind: the names the file may set at its top level. */
export function kindRoot(key: string): StructSchema | undefined {
  const kind = fileKindSchema(key);
  return kind ? kind.types[kind.root] : undefined;
}

/** The struct a block field's body is (list, set and map elements included), if any. */
export function blockStructRef(field: FieldSchema): string | undefined {
  const t = field.type;
  const inner = t.kind === "list" || t.kind === "set" || t.kind === "map" ? t.of : t;
  return inner.kind === "object" ? inner.ref : undefined;
}
