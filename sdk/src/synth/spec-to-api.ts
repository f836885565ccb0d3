import { looseApiBody } from "../jobspec/loose.js";
import { durationToNanoseconds } from "../schema/duration.js";
import type { FieldSchema, TypeRef } from "../schema/index.js";
import {
  describeType,
  fieldByApi,
  fieldBySpecKey,
  isOpenEnum,
  specFields,
  specKey,
  specKeys,
} from "../schema/index.js";
import { JOBSPEC2_DEFAULTS } from "../schema/jobspec2-defaults.js";
import { httpCheckPathProblem } from "./http-check-path.js";
import { didYouMean, type Problems } from "./problems.js";

export type ApiObject = Record<string, unknown>;

/** Where a conversion happens, for messages: the construct path and the HCL location inside it. */
export interface SpecContext {
  path: string;
  problems: Problems;
  /** HCL-style location under the construct, such as `update` or `service "web" › check`. */
  at: string;
  /** Convert against driver config types instead of api structs. */
  driver?: boolean;
}

/**
 * Turns a typed spec (camelCase keys, Nomad-style durations) into the API JSON of a
 * schema struct (Go field names, durations in nanoseconds). Every key and value is
 * checked against the generated schema; problems are collected, not thrown.
 */
export function specToApi(typeName: string, spec: object, ctx: SpecContext): ApiObject {
  const out: ApiObject = {};
  const defaults = ctx.driver ? undefined : JOBSPEC2_DEFAULTS[typeName];
  const values = defaults
    ? { ...defaults, ...(spec as Record<string, unknown>) }
    : (spec as Record<string, unknown>);
  const fields = specFields(typeName, ctx.driver);
  for (const key of Object.keys(values)) {
    if (values[key] === undefined) continue;
    if (!fieldBySpecKey(typeName, key, ctx.driver)) {
      ctx.problems.add(
        ctx.path,
        `${ctx.at}: unknown field "${key}"${didYouMean(key, specKeys(typeName, ctx.driver))}`,
      );
    }
  }
  for (const { field, key, qualified } of fields) {
    const value = values[key];
    if (value === undefined) continue;
    const converted = convertField(qualified, field, value, ctx);
    if (converted !== undefined) out[field.api] = converted;
  }
  if (typeName === "ServiceCheck" && String(out.Type).toLowerCase() === "http") {
    const problem = httpCheckPathProblem(typeof out.Path === "string" ? out.Path : "");
    if (problem)
      ctx.problems.add(ctx.path, `${ctx.at} › path: ${JSON.stringify(out.Path ?? "")}: ${problem}`);
  }
  return out;
}

/**
 * An API object of a struct that has no HCL form (an ACL policy), written by API field
 * name: each key must be a field of the struct in the schema, so a renamed field fails here.
 */
export function apiObject(typeName: string, fields: ApiObject): ApiObject {
  for (const key of Object.keys(fields)) {
    if (!fieldByApi(typeName, key))
      throw new Error(`bug: ${typeName} has no API field "${key}" in the schema`);
  }
  return fields;
}

function convertField(qualified: string, field: FieldSchema, value: unknown, ctx: SpecContext): unknown {
  const at = `${ctx.at} › ${field.hcl || specKey(field)}`;
  if (field.enum && !isOpenEnum(qualified) && typeof value === "string" && !field.enum.includes(value)) {
    ctx.problems.add(
      ctx.path,
      `${at}: "${value}" is not one of ${field.enum.map((v) => `"${v}"`).join(", ")}${didYouMean(value, field.enum)}`,
    );
  }
  if (field.kind === "block" && field.repeated && field.type.kind !== "map") {
    const element = elementType(field.type);
    if (!Array.isArray(value)) {
      ctx.problems.add(ctx.path, `${at}: expected a list of ${describeType(element)} blocks`);
      return undefined;
    }
    return value.map((item, i) => convertValue(element, item, { ...ctx, at: `${at}[${i}]` }));
  }
  // Inside a driver config every block is a list in the API, even one that may appear once.
  if (ctx.driver && field.kind === "block" && !field.repeated && isPlainObject(value)) {
    return [convertValue(field.type, value, { ...ctx, at })];
  }
  // Driver options typed list(map(…)) take one map in specs; the API wants it in a list.
  if (
    ctx.driver &&
    field.kind === "attribute" &&
    isPlainObject(value) &&
    (field.type.kind === "list" || field.type.kind === "set") &&
    field.type.of.kind === "map"
  ) {
    return [convertValue(field.type.of, value, { ...ctx, at })];
  }
  // Free-form blocks (scaling policy, proxy config): jobspec2 lists object-valued attributes.
  if (!ctx.driver && field.kind === "block" && field.type.kind === "map" && field.type.of.kind === "any") {
    const converted = convertValue(field.type, value, { ...ctx, at });
    return isPlainObject(converted) ? looseApiBody(converted) : converted;
  }
  return convertValue(field.type, value, { ...ctx, at });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function convertValue(type: TypeRef, value: unknown, ctx: SpecContext): unknown {
  const wrong = (): undefined => {
    ctx.problems.add(ctx.path, `${ctx.at}: expected ${describeType(type)}, got ${JSON.stringify(value)}`);
    return undefined;
  };
  switch (type.kind) {
    case "duration": {
      const result = durationToNanoseconds(value);
      if (!result.ok) {
        ctx.problems.add(ctx.path, `${ctx.at}: ${result.message}`);
        return undefined;
      }
      return result.nanoseconds;
    }
    case "string":
      if (typeof value !== "string") return wrong();
      // The client reads driver config as HCL when the task starts, so there an unclosed
      // `${` fails the task; anywhere else (env, meta, tags) Nomad keeps it as text.
      if (ctx.driver && !interpolationsClosed(value)) {
        ctx.problems.add(
          ctx.path,
          `${ctx.at}: "${value}" opens a \${…} interpolation it never closes, and Nomad reads driver config as HCL when the task starts, so the task would fail; write $\${ for a literal \${`,
        );
      }
      return value;
    case "bool":
      return typeof value === "boolean" ? value : wrong();
    case "int":
      return Number.isInteger(value) ? value : wrong();
    case "float":
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : wrong();
    case "any":
      return value;
    case "list":
    case "set":
      if (!Array.isArray(value)) return wrong();
      return value.map((item, i) => convertValue(type.of, item, { ...ctx, at: `${ctx.at}[${i}]` }));
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return wrong();
      const out: ApiObject = {};
      for (const [k, v] of Object.entries(value))
        out[k] = convertValue(type.of, v, { ...ctx, at: `${ctx.at}["${k}"]` });
      return out;
    }
    case "object":
      if (typeof value !== "object" || value === null || Array.isArray(value)) return wrong();
      return specToApi(type.ref, value, ctx);
  }
}

/** The type of one block of a repeated block field (the schema may give the slice or the element). */
export function elementType(type: TypeRef): TypeRef {
  return type.kind === "list" || type.kind === "set" ? type.of : type;
}

/** Every `${` (not escaped as `$${`) has its closing `}`. */
function interpolationsClosed(text: string): boolean {
  for (let i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 2)) {
    if (i > 0 && text[i - 1] === "$") continue;
    if (text.indexOf("}", i + 2) < 0) return false;
  }
  return true;
}
