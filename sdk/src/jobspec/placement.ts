// constraint and affinity blocks, which jobspec2 decodes by hand: besides attribute,
// operator and value they take shorthands (`distinct_hosts = true`, `version = "> 1.2"`,
// `regexp = "…"`, …) that set the operator and value in one line. The shorthands and the
// order they win in are jobspec2's (hcl_conversions.go), not fields of the api structs.
import type { Body, Range } from "../hcl/ast.js";
import { fieldByHcl, ignoredConstraintShorthands, placementShorthands } from "../schema/index.js";
import { JOBSPEC2_DEFAULTS } from "../schema/jobspec2-defaults.js";
import type { ApiObject, DecodeContext } from "./decode-body.js";
import type { Json } from "./decode-value.js";
import { didYouMean } from "./diagnostics.js";
import { recordPlace } from "./model-ranges.js";
import { asBool, asNumber, asString, typeName, UNKNOWN } from "./value.js";

type Kind = "Constraint" | "Affinity";

const ignored = (kind: Kind): readonly string[] =>
  kind === "Constraint" ? ignoredConstraintShorthands() : [];

function api(kind: Kind, hcl: string): string {
  const field = fieldByHcl(kind, hcl);
  if (!field) throw new Error(`bug: ${kind} has no "${hcl}" field in the schema`);
  return field.api;
}

export const constraintHook = (ctx: DecodeContext, body: Body) => placementBody(ctx, "Constraint", body);
export const affinityHook = (ctx: DecodeContext, body: Body) => placementBody(ctx, "Affinity", body);

function placementBody(ctx: DecodeContext, kind: Kind, body: Body): ApiObject {
  const plain =
    kind === "Affinity" ? ["attribute", "value", "operator", "weight"] : ["attribute", "value", "operator"];
  const known = [...plain, ...placementShorthands(kind), ...ignored(kind)];
  const strings = new Map<string, string>();
  const ranges = new Map<string, Range | undefined>();
  let weight: number | undefined;
  let distinctHosts: boolean | undefined;
  for (const item of body.items) {
    if (item.type === "Block") {
      ctx.diagnostics.error(
        "unknown-block",
        `A ${kind.toLowerCase()} block takes no blocks.`,
        item.typeRange,
      );
      continue;
    }
    if (item.type !== "Attribute") continue;
    if (!known.includes(item.name)) {
      ctx.diagnostics.error(
        "unknown-attribute",
        `An attribute named "${item.name}" is not expected in ${kind}.${didYouMean(item.name, known)}`,
        item.nameRange,
      );
      continue;
    }
    if (ranges.has(item.name)) {
      ctx.diagnostics.error(
        "duplicate-attribute",
        `"${item.name}" is already set in this block.`,
        item.nameRange,
      );
      continue;
    }
    ranges.set(item.name, item.value.range);
    const value = ctx.ev.value(item.value);
    if (value === UNKNOWN || value === null) continue;
    const wrong = (want: string) =>
      ctx.diagnostics.error("wrong-type", `Expected ${want}, got ${typeName(value)}.`, item.value.range);
    if (item.name === "weight") {
      const n = asNumber(value);
      if (n === undefined) wrong("number");
      else weight = Math.trunc(n);
    } else if (item.name === "distinct_hosts") {
      const b = asBool(value);
      if (b === undefined) wrong("bool");
      else distinctHosts = b;
    } else {
      const text = asString(value);
      if (text === undefined) wrong("string");
      else strings.set(item.name, text);
    }
    if (ignored(kind).includes(item.name)) {
      ctx.diagnostics.warning(
        "ignored-attribute",
        `"${item.name}" has no effect here; write operator = "${item.name}" instead.`,
        item.nameRange,
      );
    }
  }
  const left = api(kind, "attribute");
  const right = api(kind, "value");
  const operand = api(kind, "operator");
  const out: ApiObject = {};
  const place = recordPlace(ctx.places, out, undefined);
  for (const [name, range] of ranges) {
    const field = fieldByHcl(kind, name);
    if (range)
      place.fields.set(
        field ? field.api : name === "distinct_property" ? api(kind, "attribute") : api(kind, "value"),
        range,
      );
  }
  const set = (key: string, value: Json | undefined) => {
    if (value !== undefined && value !== "") out[key] = value;
  };
  set(left, strings.get("attribute"));
  set(right, strings.get("value"));
  set(operand, strings.get("operator"));
  for (const shorthand of placementShorthands(kind)) {
    if (shorthand === "distinct_hosts") {
      if (distinctHosts === undefined) continue;
      out[operand] = shorthand;
      out[right] = String(distinctHosts);
    } else if (shorthand === "distinct_property") {
      if (!strings.get(shorthand)) continue;
      out[operand] = shorthand;
      out[left] = strings.get(shorthand) as string;
    } else if (strings.get(shorthand)) {
      out[operand] = shorthand;
      out[right] = strings.get(shorthand) as string;
    }
  }
  if (out[operand] === undefined) out[operand] = JOBSPEC2_DEFAULTS[kind]?.operator as string;
  if (weight !== undefined) out[api(kind, "weight")] = weight;
  return out;
}
