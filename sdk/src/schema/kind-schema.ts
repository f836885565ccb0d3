// The generated schemas of Nomad's other file kinds (agent configuration, ACL policy, CSI and
// host volume, node pool and namespace specs): each is a set of structs reached from one root
// type, plus the syntax Nomad reads the file with. Analysis binds a file's top-level body to
// its kind's root type and walks it exactly as it walks a job.
import { nomadSchema } from "./index.js";
import type { FieldSchema, StructSchema } from "./types.js";

/** One file kind of the generated schema (`kinds.agent`, `kinds.aclPolicy`, …). */
export interface FileKindSchema {
  /** What Nomad parses the file with. */
  syntax: "hcl1" | "hcl2";
  /** The Go module and type the schema was read from. */
  source: string;
  /** Name of the root struct in `types`: the top of the file. */
  root: string;
  coverage?: { hclTags: number; covered: number };
  types: Record<string, StructSchema>;
}

type WithKinds = { kinds?: Record<string, FileKindSchema> };

/** Every file kind the schema describes, keyed as in the schema ("agent", "aclPolicy", …). */
export function fileKindSchemas(): Readonly<Record<string, FileKindSchema>> {
  return (nomadSchema() as WithKinds).kinds ?? {};
}

/** One kind's schema, or undefined when the schema has no such kind. */
export function fileKindSchema(key: string): FileKindSchema | undefined {
  return fileKindSchemas()[key];
}

/** A struct of a kind by type name; undefined if the kind or the type is unknown. */
export function kindStruct(key: string, typeName: string): StructSchema | undefined {
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
