// HCL reads every string in Unicode NFC (hclsyntax normalizes literals, escapes included), so a
// job whose text is not in NFC would mean one thing as API JSON and another as the HCL file.
// Synth writes both in NFC, and says so when that changed the user's text.
import type { ApiObject } from "./spec-to-api.js";

/** The value with every string (and object key) in NFC, and whether anything changed. */
export function inNfc<T>(value: T): { value: T; changed: string[] } {
  const changed: string[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const n = v.normalize("NFC");
      if (n !== v) changed.push(v);
      return n;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const out: ApiObject = {};
      for (const [k, item] of Object.entries(v)) out[walk(k) as string] = walk(item);
      return out;
    }
    return v;
  };
  return { value: walk(value) as T, changed };
}
