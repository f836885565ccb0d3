// The values HCL expressions evaluate to, as plain JSON-like data. HCL's tuples and lists
// are both arrays here, objects and maps both records: jobspec2 turns them into the same
// Go values, so the distinction never shows in the API JSON.

/** A value a function or reference could not work out here (e.g. file()): fields given it are left unset. */
export const UNKNOWN: unique symbol = Symbol("unknown");

export type Value = string | number | boolean | null | Value[] | ValueObject | typeof UNKNOWN;
export interface ValueObject {
  [key: string]: Value;
}

export function isObject(value: Value): value is ValueObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** HCL's name for a value's type, for messages. */
export function typeName(value: Value): string {
  if (value === null) return "null";
  if (value === UNKNOWN) return "unknown";
  if (Array.isArray(value)) return "tuple";
  if (typeof value === "object") return "object";
  return typeof value === "boolean" ? "bool" : typeof value;
}

/** A number as cty writes it: never in exponent form. */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const text = String(n);
  if (!text.includes("e")) return text;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

/** A primitive as a string, as HCL converts it for templates and string fields; undefined if it has no string form. */
export function asString(value: Value): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return undefined;
}

/** A primitive as a number, as HCL converts it ("5" → 5); undefined if it has none. */
export function asNumber(value: Value): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value))
    return Number(value);
  return undefined;
}

/** A primitive as a bool, as HCL converts it ("true", "false", "1", "0"). */
export function asBool(value: Value): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return undefined;
}

/** HCL's `==`: same type and same content. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i] as Value));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => k in b && valuesEqual(a[k] as Value, b[k] as Value))
    );
  }
  return false;
}

export function containsUnknown(value: Value): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}
