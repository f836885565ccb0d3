// An evaluated value → the JSON a field of the given schema type holds, with the
// conversions HCL applies on the way into a Go field (5 → "5" for a string, "true" → true,
// "30s" → 30000000000 nanoseconds for a duration).

import type { Range } from "../hcl/ast.js";
import { parseDuration } from "../schema/duration.js";
import { describeType, type TypeRef } from "../schema/index.js";
import type { Diagnostics } from "./diagnostics.js";
import { asBool, asNumber, asString, isObject, typeName, UNKNOWN, type Value } from "./value.js";

/** JSON as the API takes it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** undefined: leave the field unset (the value was bad, and that has been reported, or unknown here). */
export function convertValue(
  type: TypeRef,
  value: Value,
  range: Range | undefined,
  diagnostics: Diagnostics,
): Json | undefined {
  if (value === UNKNOWN) return undefined;
  const wrong = (detail = "") => {
    diagnostics.error(
      "wrong-type",
      `Expected ${describeType(type)}, got ${typeName(value)}${detail}.`,
      range,
    );
    return undefined;
  };
  if (value === null) {
    if (type.kind === "duration") diagnostics.error("bad-duration", "A duration may not be null.", range);
    return undefined;
  }
  switch (type.kind) {
    case "string":
      return asString(value) ?? wrong();
    case "bool":
      return asBool(value) ?? wrong();
    case "int": {
      const n = asNumber(value);
      if (n === undefined) return wrong();
      if (!Number.isInteger(n)) return wrong(` ${n}: a whole number is required`);
      return n;
    }
    case "float":
    case "number":
      return asNumber(value) ?? wrong();
    case "duration": {
      if (typeof value === "number") {
        if (Number.isInteger(value)) return value;
        diagnostics.error(
          "bad-duration",
          `A duration in nanoseconds must be a whole number, not ${value}.`,
          range,
        );
        return undefined;
      }
      if (typeof value !== "string") return wrong();
      const parsed = parseDuration(value);
      if (parsed.ok) return parsed.nanoseconds;
      diagnostics.error("bad-duration", `${parsed.message}.`, range);
      return undefined;
    }
    case "list":
    case "set": {
      if (!Array.isArray(value)) return wrong();
      const out: Json[] = [];
      for (const item of value) {
        const converted = convertValue(type.of, item, range, diagnostics);
        if (converted === undefined) return undefined;
        out.push(converted);
      }
      return out;
    }
    case "map": {
      if (!isObject(value)) return wrong();
      const out: Record<string, Json> = {};
      for (const [key, item] of Object.entries(value)) {
        const converted = convertValue(type.of, item, range, diagnostics);
        if (converted === undefined) return undefined;
        out[key] = converted;
      }
      return out;
    }
    case "any":
      return looseJson(value);
    case "object":
      return wrong(": write this as a block");
  }
}

/** A value kept as it is, as jobspec2 does for free-form fields (driver config, policy). */
export function looseJson(value: Value): Json | undefined {
  if (value === UNKNOWN) return undefined;
  if (Array.isArray(value)) return value.map((v) => looseJson(v) ?? null);
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = looseJson(v) ?? null;
    return out;
  }
  return value;
}
