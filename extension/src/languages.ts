// The editor's language ids, one per Nomad file kind. The patterns that pick them by default
// are in package.json (contributes.languages); this table tells the server which kind each
// id means and gives the picker its labels.
import type { FileKind } from "nomadkit/analysis";

export interface NomadLanguage {
  id: string;
  /** The analysis FileKind the language server checks the file as (the schema's kinds, and jobs). */
  kind: Exclude<FileKind, "json-job" | "quota" | "other">;
  label: string;
}

export const LANGUAGES: readonly NomadLanguage[] = [
  { id: "nomad", kind: "job", label: "Nomad Job" },
  { id: "nomad-agent", kind: "agent", label: "Nomad Agent Config" },
  { id: "nomad-acl-policy", kind: "acl-policy", label: "Nomad ACL Policy" },
  { id: "nomad-volume", kind: "volume", label: "Nomad Volume Spec" },
  { id: "nomad-node-pool", kind: "node-pool", label: "Nomad Node Pool Spec" },
  { id: "nomad-namespace", kind: "namespace", label: "Nomad Namespace Spec" },
];

export const LANGUAGE_IDS: readonly string[] = LANGUAGES.map((l) => l.id);

/** { "nomad-agent": "agent", … } for the server's languageKinds setting. */
export function languageKinds(): Record<string, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l.id, l.kind]));
}

export function languageOfKind(kind: string): NomadLanguage | undefined {
  return LANGUAGES.find((l) => l.kind === kind);
}

/**
 * The kind `nomadkit.fileKinds` gives a file: the longest key that the file's path ends
 * with (a suffix like ".agent.hcl" or a workspace-relative path like "deploy/web.hcl").
 */
export function kindFromSetting(path: string, fileKinds: Record<string, string>): string | undefined {
  const normalized = path.replaceAll("\\", "/");
  const keys = Object.keys(fileKinds)
    .filter((k) => normalized.endsWith(k.replaceAll("\\", "/")))
    .sort((a, b) => b.length - a.length);
  return keys[0] === undefined ? undefined : fileKinds[keys[0]];
}

/**
 * The language a `.hcl` file switches to once its content's kind is known, or undefined to
 * leave it (already that language, or not a Nomad file: Terraform, Packer, … keep theirs).
 */
export function languageForDetected(currentLanguageId: string, detectedKind: string): string | undefined {
  const target = languageOfKind(detectedKind);
  return target && target.id !== currentLanguageId ? target.id : undefined;
}
