// Constraint operators and their values, and cron expressions, checked as Nomad's server
// validates them (structs.Constraint.Validate, periodic spec parsing); jobspec2 itself
// accepts any string for both.

import type { Attribute, Body, ConfigFile } from "../hcl/ast.js";
import { cronProblem } from "../schema/cron.js";
import { plainString, type WalkStart, walkBlocks } from "./binding.js";
import type { Findings } from "./diagnostic.js";

/** jobspec2's shorthand attributes: `version = ">= 1.2"` means operator "version". */
const SHORTHAND = [
  "version",
  "semver",
  "regexp",
  "set_contains",
  "set_contains_any",
  "distinct_hosts",
  "distinct_property",
];
const NEEDS_VALUE = new Set([
  "=",
  "==",
  "is",
  "!=",
  "not",
  "<",
  "<=",
  ">",
  ">=",
  "set_contains",
  "set_contains_all",
  "set_contains_any",
]);
const NO_VALUE = new Set(["is_set", "is_not_set"]);

/** go-version's constraint syntax: `>= 1.2.3, < 2`, `~> 1.0`. */
const VERSION_CONSTRAINT =
  /^\s*(=|!=|>|<|>=|<=|~>)?\s*v?\d+(\.\d+)*(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

export function checkPlacement(file: ConfigFile, findings: Findings, start?: WalkStart): void {
  walkBlocks(
    file,
    ({ block, schema }) => {
      if (schema.kind !== "struct" || schema.driver) return;
      if (schema.typeName === "Constraint") checkConstraint(block.body, block.typeRange, findings, true);
      if (schema.typeName === "Affinity") checkConstraint(block.body, block.typeRange, findings, false);
      if (schema.typeName === "PeriodicConfig") checkCron(block.body, findings);
    },
    undefined,
    start,
  );
}

type Attrs = Map<string, Attribute>;

function attributes(body: Body): Attrs {
  const out: Attrs = new Map();
  for (const item of body.items) if (item.type === "Attribute") out.set(item.name, item);
  return out;
}

function checkConstraint(
  body: Body,
  header: import("../hcl/ast.js").Range | undefined,
  findings: Findings,
  constraint: boolean,
): void {
  const attrs = attributes(body);
  const shorthand = SHORTHAND.find((s) => attrs.has(s));
  const operatorAttr = attrs.get("operator");
  const operator = shorthand ?? (operatorAttr ? plainString(operatorAttr.value) : "=");
  if (operator === undefined) return; // computed: nothing to say
  const valueAttr = shorthand ? attrs.get(shorthand) : attrs.get("value");
  const value = valueAttr ? plainString(valueAttr.value) : "";
  const valueRange = valueAttr?.value.range;
  if (
    constraint &&
    !attrs.has("attribute") &&
    operator !== "distinct_hosts" &&
    !shorthand?.startsWith("distinct")
  )
    findings.error(
      "missing-attribute",
      `A constraint with operator "${operator}" needs an attribute to test, such as attribute = "\${attr.kernel.name}".`,
      header,
    );
  if (value === undefined) return;
  if (NEEDS_VALUE.has(operator) && value === "" && !shorthand)
    findings.error(
      "missing-value",
      `Operator "${operator}" needs a value to compare with.`,
      operatorAttr?.nameRange ?? header,
    );
  if (NO_VALUE.has(operator) && value !== "")
    findings.error(
      "unexpected-value",
      `Operator "${operator}" takes no value: remove it.`,
      valueAttr?.nameRange,
    );
  if ((operator === "version" || operator === "semver") && value !== "" && !value.includes("${")) {
    const bad = value.split(",").find((c) => !VERSION_CONSTRAINT.test(c));
    if (bad !== undefined)
      findings.error(
        "bad-version-constraint",
        `"${bad.trim()}" is not a version constraint: write an operator and a version, such as ">= 1.2.0, < 2.0".`,
        valueRange,
      );
  }
  if (operator === "regexp" && value !== "" && !value.includes("${")) {
    // Go's RE2 and JavaScript differ at the edges (inline flags, named groups), so only a warning.
    const js = value.replace(/^\(\?[imsU]+\)/, "").replace(/\(\?P</g, "(?<");
    try {
      new RegExp(js);
    } catch (e) {
      findings.warning(
        "bad-regexp",
        `This regular expression does not compile: ${(e as Error).message}.`,
        valueRange,
      );
    }
  }
  if (operator === "distinct_property" && value !== "" && !value.includes("${") && !/^\d+$/.test(value))
    findings.error(
      "bad-value",
      "distinct_property takes a whole number: how many allocations may share a value.",
      valueRange,
    );
}

function checkCron(body: Body, findings: Findings): void {
  for (const item of body.items) {
    if (item.type !== "Attribute" || (item.name !== "cron" && item.name !== "crons")) continue;
    const values = item.value.type === "Tuple" ? item.value.items : [item.value];
    for (const v of values) {
      const text = plainString(v);
      if (text === undefined || text.includes("${")) continue;
      const problem = cronProblem(text);
      if (problem) findings.error("bad-cron", `${problem}.`, v.range);
    }
  }
}
