// Markdown for one schema field, shared by hover and completion item documentation.
import { newer } from "nomadkit/analysis";
import { describeType, type FieldSchema } from "nomadkit/schema";

export function fieldDetail(field: FieldSchema): string {
  if (field.kind === "block") {
    const t = field.type;
    const inner = t.kind === "list" || t.kind === "set" || t.kind === "map" ? t.of : t;
    return inner.kind === "object" ? `block (${inner.ref})` : "block";
  }
  return describeType(field.type);
}

export function fieldMarkdown(field: FieldSchema, target?: string): string {
  const lines = [
    `**${field.hcl}** \`${fieldDetail(field)}\`${field.required && !field.pointer ? " · required" : ""}`,
  ];
  if (field.description) lines.push("", field.description);
  const facts: string[] = [];
  if (field.default !== undefined) facts.push(`Default: \`${JSON.stringify(field.default)}\``);
  if (field.enum) facts.push(`One of: ${field.enum.map((v) => `\`${v}\``).join(", ")}`);
  if (field.since) {
    const late = target !== undefined && newer(field.since, target.split(".").map(Number));
    facts.push(`Since Nomad ${field.since}${late ? ` (newer than your target ${target})` : ""}`);
  }
  if (field.deprecated) facts.push(`Deprecated: ${field.deprecated}`);
  if (facts.length > 0) lines.push("", facts.join("  \n"));
  return lines.join("\n");
}
