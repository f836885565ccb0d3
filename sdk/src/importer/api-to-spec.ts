import { formatDuration } from "../schema/duration.js";
import { type FieldSchema, fieldByApi, specKey, type TypeRef } from "../schema/index.js";
import { JOBSPEC2_DEFAULTS } from "../schema/jobspec2-defaults.js";
import { type Expr, isVarRef, lit, obj } from "./code-model.js";

// The reverse of synth's specToApi: an API object of a schema struct (Go field names,
// nanosecond durations) as a spec literal (camelCase HCL names, "30s"). Fields the
// schema gives no spec key (server-set ones) are left out; the escape hatch catches them.

export interface SpecOptions {
  /** API field names the caller turns into constructs itself. */
  skip?: readonly string[];
  /** Convert against a driver's config types instead of api structs. */
  driver?: boolean;
}

export function apiToSpec(typeName: string, api: Record<string, unknown>, options: SpecOptions = {}): Expr {
  const skip = new Set(options.skip ?? []);
  const defaults = options.driver ? undefined : JOBSPEC2_DEFAULTS[typeName];
  const entries: Array<[string, Expr]> = [];
  for (const [apiKey, value] of Object.entries(api)) {
    if (skip.has(apiKey) || value === undefined) continue;
    const field = fieldByApi(typeName, apiKey, options.driver);
    // Labels are kept (a device's name, a port's label); the caller skips those that are construct ids.
    if (!field || field.kind === "apiOnly" || field.kind === "remain") continue;
    const key = specKey(field);
    const converted = convertField(field, value, options.driver === true);
    if (converted === undefined) continue;
    // jobspec2's own defaults are filled in again by synth: leaving them out keeps the code short.
    if (defaults && key in defaults && sameValue(converted, defaults[key])) continue;
    entries.push([key, lit(converted)]);
  }
  return obj(entries);
}

/** A spec value as plain JSON (durations as strings), or undefined when it has no spec form. */
export function convertField(field: FieldSchema, value: unknown, driver: boolean): unknown {
  // An enum field takes one of its values, not any text a variable may hold: keep it literal.
  if (field.enum && isVarRef(value)) return value.value;
  // Inside a driver config every block is a list in the API, even one that may appear once.
  if (driver && field.kind === "block" && !field.repeated && Array.isArray(value) && value.length === 1) {
    return convertValue(field.type, value[0], driver);
  }
  // Driver options typed list(map(…)) take one map in specs.
  if (
    driver &&
    field.kind === "attribute" &&
    (field.type.kind === "list" || field.type.kind === "set") &&
    field.type.of.kind === "map" &&
    Array.isArray(value) &&
    value.length === 1
  ) {
    return convertValue(field.type.of, value[0], driver);
  }
  // A repeated block's type may name the element rather than the list.
  if (field.kind === "block" && field.repeated && Array.isArray(value) && field.type.kind === "object") {
    return value.map((v) => convertValue(field.type, v, driver));
  }
  return convertValue(field.type, value, driver);
}

function convertValue(type: TypeRef, value: unknown, driver: boolean): unknown {
  if (value === null) return undefined;
  // Durations are checked "30s"-style strings in specs: a variable's text doesn't type as one.
  if (
    isVarRef(value) &&
    type.kind !== "string" &&
    type.kind !== "int" &&
    type.kind !== "number" &&
    type.kind !== "float" &&
    type.kind !== "any"
  )
    return convertValue(type, value.value, driver);
  switch (type.kind) {
    case "duration":
      return typeof value === "number" ? formatDuration(value) : value;
    // Driver configs reach the API as written; the driver converts "9090" and "true" the
    // way HCL does, and the typed spec wants the converted value.
    case "int":
    case "float":
    case "number":
      return driver && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))
        ? Number(value)
        : value;
    case "bool":
      return driver && (value === "true" || value === "false") ? value === "true" : value;
    case "list":
    case "set":
      return Array.isArray(value) ? value.map((v) => convertValue(type.of, v, driver)) : value;
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(type.of, v, driver)]));
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      const spec = apiToSpec(type.ref, value as Record<string, unknown>, { driver });
      if (spec.kind === "obj") for (const [k, v] of spec.entries) if (v.kind === "lit") out[k] = v.value;
      return out;
    }
    default:
      return value;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
