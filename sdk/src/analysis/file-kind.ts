// Which kind of Nomad file a document is. Nomad reads job files with HCL2 (jobspec2) and
// most other files (agent config, ACL policies, volume and quota specs) with HCL1, so the
// kind decides both the parser mode and which checks apply. An explicit comment wins over
// the file name, which wins over the content.
import type { ConfigFile } from "../hcl/ast.js";
import { schemaFileKinds } from "../schema/kind-schema.js";
import type { SchemaFileKind } from "../schema/types.js";
import { fileKindOf, syntaxOf } from "./kind-binding.js";
import { schemaKindFromContent } from "./kind-detect.js";

/** Jobs (HCL or JSON), the schema's kinds by the names users give them, and the rest. */
export type FileKind =
  | "job"
  | "json-job"
  /** Agent config, ACL policy, volume, node pool and namespace specs: schema.kinds[…].file. */
  | SchemaFileKind
  /** Nomad Enterprise's quota specs, which the schema does not describe. */
  | "quota"
  /** An HCL file that is not one of Nomad's (Terraform, Packer, Vault policy, …). */
  | "other";

/** Every FileKind, jobs first. */
export function fileKinds(): readonly FileKind[] {
  return ["job", "json-job", ...schemaFileKinds(), "quota", "other"];
}

/** `# nomadkit: kind=agent` (or `//`), anywhere in the first lines. */
const OVERRIDE = /^\s*(?:#|\/\/)\s*nomadkit:\s*kind\s*=\s*([a-z-]+)/m;

/** Kind given by an override comment in the first 20 lines, if any. */
export function kindOverride(text: string): FileKind | undefined {
  const head = text.split("\n", 20).join("\n");
  const m = OVERRIDE.exec(head);
  const kind = m?.[1] as FileKind | undefined;
  return kind && fileKinds().includes(kind) ? kind : undefined;
}

/** Kind from the name alone, when the name says it (`*.nomad.hcl`, `*.volume.hcl`, …). */
export function kindFromName(uri: string): FileKind | undefined {
  const name = (uri.split(/[\\/]/).pop() ?? "").toLowerCase();
  if (/\.nomad(\.hcl)?$/.test(name)) return "job";
  if (/\.nomad\.json$/.test(name)) return "json-job";
  if (/\.volume\.hcl$/.test(name)) return "volume";
  if (/\.policy\.hcl$/.test(name) || /^(acl|policy)[-_.]/.test(name)) return "acl-policy";
  if (/\.(pool|node-pool)\.hcl$/.test(name)) return "node-pool";
  return undefined;
}

/** Kind from what the file holds at the top level. */
export function kindFromContent(text: string, file: ConfigFile | undefined): FileKind {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("["))
    return /"Job"|"job"/.test(text) ? "json-job" : "other";
  if (!file) return "other";
  const top = file.body.items.filter((i) => i.type !== "BlankLine");
  const names = new Set(
    top.map((i) => (i.type === "Attribute" ? i.name : i.type === "Block" ? i.blockType : "")),
  );
  if (names.has("job")) return "job";
  // Quota specs are Nomad Enterprise's and not in the schema.
  if (names.has("limit") && names.has("name")) return "quota";
  // Agent configs, ACL policies, volume, node pool and namespace specs: the schema's kinds.
  const key = schemaKindFromContent(file);
  if (key) return fileKindOf(key);
  if (names.has("variable") || names.has("locals")) return "job";
  return "other";
}

/**
 * The kind of a document: an override comment, else what the content clearly is, else
 * what the name says (an empty `web.nomad.hcl` is a job about to be written).
 */
export function detectFileKind(uri: string, text: string, file?: ConfigFile): FileKind {
  const override = kindOverride(text);
  if (override) return override;
  const byContent = kindFromContent(text, file);
  return byContent !== "other" ? byContent : (kindFromName(uri) ?? "other");
}

/** Nomad reads job files with HCL2, and each other kind with the syntax its schema says (else HCL1). */
export function parseModeFor(kind: FileKind): "hcl2" | "hcl1" {
  if (kind === "job" || kind === "other") return "hcl2";
  return syntaxOf(kind) ?? "hcl1";
}
