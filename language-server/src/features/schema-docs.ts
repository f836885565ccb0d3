// Markdown for one schema field, shared by hover and completion item documentation.
import { newer } from "nomadkit/analysis";
import { describeType, type FieldSchema } from "nomadkit/schema";

export function fieldDetail(field: FieldSchema): string {
  // The user writes the block's name, never the Go struct behind it, so the struct name stays out.
  if (field.kind === "block") return field.repeated ? "block, repeatable" : "block";
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
