// Hover context for the files that are not jobs: which file kind and which struct a name
// belongs to, so "enabled" in an agent's `client` block reads differently from "enabled"
// in its `acl` block, and a field without a description still says where it lives.
import type { BodySchema } from "nomadkit/analysis";

/** Our names for the schema's kinds, as hover shows them. */
const KIND_TITLES: Record<string, string> = {
  agent: "agent configuration",
  aclPolicy: "ACL policy",
  csiVolume: "CSI volume spec",
  hostVolume: "host volume spec",
  nodePool: "node pool spec",
  namespace: "namespace spec",
};

/** "\n\n_In an agent configuration, `ClientConfig`._" for a kind's body, "" for a job's. */
export function kindContext(schema: BodySchema): string {
  if (schema.kind !== "struct" || !schema.fileKind) return "";
  const title = KIND_TITLES[schema.fileKind] ?? schema.fileKind;
  const article = /^[aeiouAEIOU]/.test(title) ? "an" : "a";
  return `\n\n_In ${article} ${title}: \`${schema.typeName}\`._`;
}
