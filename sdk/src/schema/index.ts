import { nomadSchema } from "./load.js";
import type { FieldSchema, StructSchema, TypeRef } from "./types.js";

export { discoverKeys, discoverProviders } from "./discover.js";
export {
  type DiscoverConfig,
  type DiscoverParse,
  type DiscoverProblem,
  formatDiscover,
  parseDiscover,
  quoteValue,
} from "./discover-string.js";
export { type GroupReferenceKind, groupReferenceOf, groupReferencesOf } from "./group-references.js";
export { kindField, kindSchema, kindStruct, kindTopLevelNames } from "./kinds.js";
export { nomadSchema } from "./load.js";
export * from "./node-attributes.js";
export * from "./runtime-env.js";
export * from "./semantics.js";
export type * from "./types.js";

/** `kill_timeout` → `killTimeout`: the property name the TypeScript specs use for an HCL name. */
export function camelName(hclName: string): string {
  return hclName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The property a field has in TypeScript specs: its HCL name in camelCase, or the Go name for unnamed labels. */
export function specKey(field: FieldSchema): string {
  if (field.hcl !== "") return camelName(field.hcl);
  return field.go.charAt(0).toLowerCase() + field.go.slice(1);
}

/** A field a spec can set, with its spec key worked out once. */
export interface SpecField {
  field: FieldSchema;
  key: string;
  /** `Type.hcl_name`, for tables of field-specific rules. */
  qualified: string;
}

interface StructIndex {
  struct: StructSchema;
  specFields: SpecField[];
  byHcl: Map<string, FieldSchema>;
  byApi: Map<string, FieldSchema>;
  bySpecKey: Map<string, FieldSchema>;
}

const indexes = new Map<string, StructIndex>();

function indexOf(typeName: string, driver: boolean): StructIndex {
  const cacheKey = `${driver ? "driver:" : ""}${typeName}`;
  let index = indexes.get(cacheKey);
  if (index) return index;
  const s = nomadSchema();
  const struct = driver ? s.driverTypes[typeName] : s.types[typeName];
  if (!struct) throw new Error(`bug: no ${driver ? "driver " : ""}type "${typeName}" in the Nomad schema`);
  index = { struct, specFields: [], byHcl: new Map(), byApi: new Map(), bySpecKey: new Map() };
  for (const field of struct.fields) {
    if (field.hcl !== "" && field.kind !== "label") index.byHcl.set(field.hcl, field);
    index.byApi.set(field.api, field);
    if (field.kind !== "apiOnly" && field.kind !== "remain") {
      const key = specKey(field);
      index.bySpecKey.set(key, field);
      index.specFields.push({ field, key, qualified: `${typeName}.${field.hcl}` });
    }
  }
  indexes.set(cacheKey, index);
  return index;
}

/** A schema struct by type name (a driver config type with `driver`); a missing one is a bug. */
export function structSchema(typeName: string, driver = false): StructSchema {
  return indexOf(typeName, driver).struct;
}

export function fieldByHcl(typeName: string, hclName: string, driver = false): FieldSchema | undefined {
  return indexOf(typeName, driver).byHcl.get(hclName);
}

/** The API name of a job struct's field given its HCL name; a name the schema lacks is a bug. */
export function api(typeName: string, hcl: string): string {
  const field = fieldByHcl(typeName, hcl);
  if (!field) throw new Error(`bug: ${typeName} has no "${hcl}" field in the schema`);
  return field.api;
}

/** The API name of a job struct's (first) label field, e.g. a group's Name. */
export function labelApi(typeName: string): string {
  const field = structSchema(typeName).fields.find((f) => f.kind === "label");
  if (!field) throw new Error(`bug: ${typeName} has no label field in the schema`);
  return field.api;
}

export function fieldByApi(typeName: string, apiName: string, driver = false): FieldSchema | undefined {
  return indexOf(typeName, driver).byApi.get(apiName);
}

export function fieldBySpecKey(typeName: string, key: string, driver = false): FieldSchema | undefined {
  return indexOf(typeName, driver).bySpecKey.get(key);
}

/** The fields a spec of this struct can set, in schema order. */
export function specFields(typeName: string, driver = false): readonly SpecField[] {
  return indexOf(typeName, driver).specFields;
}

/** The spec keys a struct accepts, for "did you mean" hints. */
export function specKeys(typeName: string, driver = false): string[] {
  return [...indexOf(typeName, driver).bySpecKey.keys()];
}

/** Whether a field's enum (`Type.hcl_name`) only suggests values, so others are valid too (the schema's enumOpen). */
export function isOpenEnum(qualified: string): boolean {
  const [typeName = "", hcl = ""] = qualified.split(".");
  return (nomadSchema().types[typeName] && fieldByHcl(typeName, hcl)?.enumOpen) === true;
}

/** The root type of a task driver's `config` body, or undefined for drivers the schema does not know. */
export function driverRoot(driver: string): string | undefined {
  return nomadSchema().drivers[driver];
}

/** A readable name for a type, as used in messages: `list(string)`, `map(number)`. */
export function describeType(type: TypeRef): string {
  switch (type.kind) {
    case "list":
    case "set":
    case "map":
      return `${type.kind}(${describeType(type.of)})`;
    case "object":
      return type.ref;
    default:
      return type.kind;
  }
}
