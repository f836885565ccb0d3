// Which of the schema's file kinds a document's content is: each kind's root struct is
// scored against what the file holds at the top level (and one level down, where a block
// name alone is ambiguous: `plugin` is both an agent and an ACL block). The schema is the
// only list of names; a misspelled name still counts a little, so a file with a typo in it
// keeps its kind and gets the "did you mean".
import { distance } from "fastest-levenshtein";
import type { Body, ConfigFile } from "../hcl/ast.js";
import type { StructSchema } from "../schema/index.js";
import { blockStructRef, fileKindSchemas, findKindStruct, kindRoot } from "../schema/kind-schema.js";
import { plainString } from "./binding.js";

/** The schema kind the content fits best ("agent", "aclPolicy", …), or undefined for none. */
export function schemaKindFromContent(file: ConfigFile): string | undefined {
  let best: { key: string; score: number } | undefined;
  for (const key of Object.keys(fileKindSchemas())) {
    const root = kindRoot(key);
    if (!root) continue;
    const score = fit(key, root, file.body, 2);
    if (score > 0 && (!best || score > best.score)) best = { key, score };
  }
  return best?.key;
}

/**
 * How well a body fits a struct: +1 for each name the struct has, −1 for each it lacks
 * (−¼ when it is one or two letters from a name it has), a strong −3 for a top-level value
 * its enum rules out (`type = "host"` is no CSI volume), and half the fit of each block's body.
 */
function fit(key: string, struct: StructSchema, body: Body, depth: number): number {
  const fields = new Map(
    struct.fields.filter((f) => f.hcl !== "" && f.kind !== "label").map((f) => [f.hcl, f]),
  );
  const open = struct.fields.some((f) => f.kind === "remain");
  const top = depth === 2;
  let score = 0;
  for (const item of body.items) {
    if (item.type === "BlankLine") continue;
    const name = item.type === "Attribute" ? item.name : item.blockType;
    const field = fields.get(name);
    if (!field) {
      if (open) continue;
      score -= [...fields.keys()].some((f) => distance(f, name) <= 2) ? 0.25 : 1;
      continue;
    }
    score += 1;
    if (item.type === "Attribute") {
      const value = plainString(item.value);
      // Only at the top: a half-typed value further in must not change the file's kind.
      if (top && field.enum && value && field.type.kind === "string" && !field.enum.includes(value))
        score -= 3;
      continue;
    }
    // A block where the struct has an attribute counts for less than a name it lacks.
    if (field.kind !== "block") score -= 1.5;
    const ref = blockStructRef(field);
    const child = ref ? findKindStruct(key, ref) : undefined;
    if (field.kind !== "block" || !child || depth <= 1) continue;
    const labels = child.fields.filter((f) => f.kind === "label").length;
    // HCL1 reads `client "meta" { … }` as `client { meta { … } }`.
    const extra = item.labels.slice(labels);
    const body: Body = extra[0]
      ? {
          type: "Body",
          items: [{ type: "Block", blockType: extra[0].value, labels: extra.slice(1), body: item.body }],
        }
      : item.body;
    if (item.labels.length < labels) score -= 0.5;
    score += 0.5 * Math.max(-2, Math.min(2, fit(key, child, body, depth - 1)));
  }
  return score;
}
