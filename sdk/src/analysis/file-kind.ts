// Which kind of Nomad file a document is. Nomad reads job files with HCL2 (jobspec2) and
// most other files (agent config, ACL policies, volume and quota specs) with HCL1, so the
// kind decides both the parser mode and which checks apply. An explicit comment wins over
// the file name, which wins over the content.
import type { ConfigFile } from "../hcl/ast.js";

export type FileKind =
  | "job"
  | "json-job"
  | "agent"
  | "acl-policy"
  | "volume"
  | "node-pool"
  | "namespace"
  | "quota"
  /** An HCL file that is not one of Nomad's (Terraform, Packer, Vault policy, …). */
  | "other";

export const FILE_KINDS: readonly FileKind[] = [
  "job",
  "json-job",
  "agent",
  "acl-policy",
  "volume",
  "node-pool",
  "namespace",
  "quota",
  "other",
];

/** `# nomadkit: kind=agent` (or `//`), anywhere in the first lines. */
const OVERRIDE = /^\s*(?:#|\/\/)\s*nomadkit:\s*kind\s*=\s*([a-z-]+)/m;

/** Kind given by an override comment in the first 20 lines, if any. */
export function kindOverride(text: string): FileKind | undefined {
  const head = text.split("\n", 20).join("\n");
  const m = OVERRIDE.exec(head);
  const kind = m?.[1] as FileKind | undefined;
  return kind && FILE_KINDS.includes(kind) ? kind : undefined;
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

/** Top-level names only an agent configuration has. */
const AGENT_NAMES = new Set([
  "data_dir",
  "bind_addr",
  "datacenter",
  "log_level",
  "log_json",
  "log_file",
  "enable_debug",
  "server",
  "client",
  "advertise",
  "addresses",
  "ports",
  "telemetry",
  "tls",
  "autopilot",
  "plugin",
  "plugin_dir",
  "ui",
  "consul",
  "vault",
  "leave_on_interrupt",
  "leave_on_terminate",
  "enable_syslog",
  "disable_update_check",
  "http_api_response_headers",
  "limits",
  "audit",
  "reporting",
  "keyring",
  "sentinel",
]);

/** ACL policy rule blocks (`namespace "default" { policy = "read" }`). */
const ACL_BLOCKS = new Set([
  "namespace",
  "node",
  "agent",
  "operator",
  "quota",
  "host_volume",
  "plugin",
  "node_pool",
]);

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
  const aclRules = top.filter((i) => i.type === "Block" && ACL_BLOCKS.has(i.blockType));
  const aclPolicy = aclRules.some(
    (b) =>
      b.type === "Block" &&
      b.body.items.some(
        (i) =>
          (i.type === "Attribute" || i.type === "Block") &&
          ["policy", "capabilities"].includes(i.type === "Attribute" ? i.name : i.blockType),
      ),
  );
  if (aclPolicy && !names.has("name")) return "acl-policy";
  if (names.has("node_pool")) return "node-pool";
  if (names.has("limit") && names.has("name")) return "quota";
  if (
    names.has("capability") ||
    names.has("plugin_id") ||
    (names.has("type") &&
      names.has("name") &&
      (names.has("capacity_min") ||
        names.has("mount_options") ||
        names.has("parameters") ||
        names.has("host_path")))
  )
    return "volume";
  if (
    names.has("name") &&
    (names.has("capabilities") ||
      names.has("node_pool_config") ||
      names.has("vault") ||
      names.has("consul")) &&
    !names.has("data_dir")
  )
    return "namespace";
  if ([...names].some((n) => AGENT_NAMES.has(n))) return "agent";
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

/** Nomad reads job files with HCL2 and its other files with HCL1. */
export function parseModeFor(kind: FileKind): "hcl2" | "hcl1" {
  return kind === "job" || kind === "other" ? "hcl2" : "hcl1";
}
