// Hover context for the files that are not jobs: which file kind and which block a name
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

/**
 * "\n\n_In an agent configuration, block `client`._" for a kind's body (`blocks` are the
 * enclosing block names as the user wrote them), "" for a job's. Go struct names stay out.
 */
export function kindContext(schema: BodySchema, blocks: readonly string[]): string {
  if (schema.kind !== "struct" || !schema.fileKind) return "";
  const title = KIND_TITLES[schema.fileKind] ?? schema.fileKind;
  const article = /^[aeiouAEIOU]/.test(title) ? "an" : "a";
  const where = blocks.length > 0 ? `, block \`${blocks.join(" › ")}\`` : ", at the top level";
  return `\n\n_In ${article} ${title}${where}._`;
}
