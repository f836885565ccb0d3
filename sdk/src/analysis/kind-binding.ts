// Binds a non-job file to its kind's generated schema: which schema kind ("agent",
// "csiVolume", …) a document of a FileKind is, and the BodySchema of its top level, so
// completion, hover and the checks walk an agent configuration or an ACL policy with the
// same binding code as a job.
import type { ConfigFile } from "../hcl/ast.js";
import { fileKindSchema, fileKindSchemas, kindRoot } from "../schema/kind-schema.js";
import { type BodySchema, plainString } from "./binding.js";
import type { FileKind } from "./file-kind.js";

/**
 * The FileKind a schema kind is read as: its `file` in the schema ("other" for a key the
 * schema lacks). Several schema kinds can share one FileKind (a volume spec is a CSI or a
 * host volume); the schema decides which by the values the file gives.
 */
export function fileKindOf(schemaKey: string): FileKind {
  return fileKindSchema(schemaKey)?.file ?? "other";
}

/** The schema kinds a FileKind may be, in schema order. */
export function schemaKeysOf(kind: FileKind): string[] {
  return Object.entries(fileKindSchemas()).flatMap(([key, k]) => (k.file === kind ? [key] : []));
}

/**
 * The schema kind of a document of this FileKind: the only candidate, or the one whose
 * fixed top-level values the file matches (`type = "host"` makes a volume a host volume).
 */
export function schemaKeyFor(kind: FileKind, file: ConfigFile | undefined): string | undefined {
  const keys = schemaKeysOf(kind);
  if (keys.length <= 1 || !file) return keys[0];
  return keys.find((key) => enumsFit(key, file)) ?? keys[0];
}

/** Whether every top-level attribute with an enum has a value the kind allows. */
export function enumsFit(key: string, file: ConfigFile): boolean {
  const root = kindRoot(key);
  if (!root) return false;
  for (const item of file.body.items) {
    if (item.type !== "Attribute") continue;
    const field = root.fields.find((f) => f.hcl === item.name && f.kind === "attribute");
    const value = plainString(item.value);
    if (field?.enum && value !== undefined && !field.enum.includes(value)) return false;
  }
  return true;
}

/** The BodySchema of a schema kind's top level. */
export function kindRootSchema(key: string): BodySchema {
  const kind = fileKindSchema(key);
  return kind ? { kind: "struct", typeName: kind.root, driver: false, fileKind: key } : { kind: "unknown" };
}

/** What the top of an analyzed document is: a job file, a kind's root struct, or unknown. */
export function rootSchemaOf(analysis: { kind: FileKind; ast: ConfigFile }): BodySchema {
  if (analysis.kind === "job") return { kind: "jobFile" };
  const key = schemaKeyFor(analysis.kind, analysis.ast);
  return key ? kindRootSchema(key) : { kind: "unknown" };
}

/** The syntax Nomad reads a FileKind with, when the schema knows (every candidate agrees). */
export function syntaxOf(kind: FileKind): "hcl1" | "hcl2" | undefined {
  const syntaxes = new Set(schemaKeysOf(kind).map((key) => fileKindSchema(key)?.syntax));
  return syntaxes.size === 1 ? [...syntaxes][0] : undefined;
}
