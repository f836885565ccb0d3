// Checks that need the schema but not the decoded job: enum values, and fields newer than
// the Nomad version the user targets. jobspec2 accepts any string for an enum field (the
// server rejects it later, at submit), so these find problems before `nomad job run` does.

import { closest } from "fastest-levenshtein";
import type { Attribute, ConfigFile, Expression } from "../hcl/ast.js";
import { newer, parseVersion, pinnedNomadVersion } from "../rules/index.js";
import { isOpenEnum } from "../schema/index.js";
import { type BodySchema, fieldOf, plainString, type WalkStart, walkBlocks } from "./binding.js";
import type { Findings } from "./diagnostic.js";

export interface SchemaCheckOptions {
  /** Warn about fields added after this Nomad version ("1.6.0"); defaults to the pinned one. */
  targetNomadVersion?: string;
}

export function checkSchema(
  file: ConfigFile,
  findings: Findings,
  options: SchemaCheckOptions,
  start?: WalkStart,
  /** What the top of the file is: a job file, or another kind's root struct. */
  top: BodySchema = { kind: "jobFile" },
): void {
  const targetText = options.targetNomadVersion ?? pinnedNomadVersion();
  const target = parseVersion(targetText);
  const visitBody = (schema: BodySchema, items: readonly { type: string }[]) => {
    if (schema.kind !== "struct") return;
    for (const item of items) {
      if (item.type === "Attribute") checkAttribute(schema, item as Attribute, findings, target);
    }
  };
  if (!start) visitBody(top, file.body.items);
  walkBlocks(
    file,
    ({ block, schema }, path) => {
      const parent = path[path.length - 1]?.schema ?? top;
      if (target && parent.kind === "struct") {
        const field = fieldOf(parent, block.blockType);
        if (field?.since && newer(field.since, target))
          findings.warning(
            "newer-than-target",
            `The "${block.blockType}" block needs Nomad ${field.since} or newer; the target is ${targetText}.`,
            block.typeRange,
          );
      }
      visitBody(schema, block.body.items);
    },
    top,
    start,
  );
}

function checkAttribute(
  schema: Extract<BodySchema, { kind: "struct" }>,
  attr: Attribute,
  findings: Findings,
  target: number[] | undefined,
): void {
  const field = fieldOf(schema, attr.name);
  if (!field) return;
  if (target && field.since && newer(field.since, target))
    findings.warning(
      "newer-than-target",
      `"${attr.name}" needs Nomad ${field.since} or newer; the target is ${target.join(".")}.`,
      attr.nameRange,
    );
  const qualified = `${schema.typeName}.${attr.name}`;
  if (!field.enum || isOpenEnum(qualified) || schema.driver) return;
  const allowed = field.enum;
  for (const value of stringsOf(attr.value)) {
    if (value.text === undefined || allowed.includes(value.text)) continue;
    const best = closest(value.text, allowed);
    findings.error(
      "bad-enum",
      `"${value.text}" is not a valid ${attr.name}: use one of ${allowed.map((v) => `"${v}"`).join(", ")}.`,
      value.expr.range,
      [best],
    );
  }
}

/** The plain strings an attribute holds (one, or each of a list); `text` undefined if not plain. */
function stringsOf(expr: Expression): Array<{ expr: Expression; text: string | undefined }> {
  if (expr.type === "Tuple") return expr.items.flatMap(stringsOf);
  if (expr.type !== "Template") return [];
  return [{ expr, text: plainString(expr) }];
}
