// Where each part of a decoded job came from in the HCL text, so a problem found on the
// job model (a rule finding at ["TaskGroups", 0, "Update", "Canary"]) is shown at the
// right place. The decoder records a place per decoded object; `modelRanges` turns them
// into ranges by model path once the job is complete (after jobspec2's normalizations
// moved things around).
import type { Attribute, Expression, Range } from "../hcl/ast.js";

/** What the decoder knows about one decoded object: its block header and its fields' ranges. */
export interface ObjectPlace {
  header?: Range;
  /** By API name (the value's range), and `Name#i` for the i-th element or block of a list. */
  fields: Map<string, Range>;
}

export type Places = WeakMap<object, ObjectPlace>;

export function recordPlace(places: Places | undefined, obj: object, header: Range | undefined): ObjectPlace {
  const place: ObjectPlace = { ...(header ? { header } : {}), fields: new Map() };
  places?.set(obj, place);
  return place;
}

/**
 * An attribute's value range, and each element's for a list written as a tuple. A quoted
 * string's range is its content, so a quick fix can replace a name without its quotes.
 */
export function recordAttribute(place: ObjectPlace, key: string, attr: Attribute): void {
  const value = valueRange(attr.value);
  if (value) place.fields.set(key, value);
  if (attr.value.type === "Tuple")
    attr.value.items.forEach((item, i) => {
      const range = valueRange(item);
      if (range) place.fields.set(`${key}#${i}`, range);
    });
}

function valueRange(expr: Expression): Range | undefined {
  const r = expr.range;
  if (!r || expr.type !== "Template" || expr.heredoc || r.start.line !== r.end.line) return r;
  if (r.end.offset - r.start.offset < 2) return r;
  return {
    start: { line: r.start.line, column: r.start.column + 1, offset: r.start.offset + 1 },
    end: { line: r.end.line, column: r.end.column - 1, offset: r.end.offset - 1 },
  };
}

export interface ModelRanges {
  /** The range of the deepest part of `path` the decoder recorded. */
  at(path: readonly (string | number)[]): Range | undefined;
}

const keyOf = (path: readonly (string | number)[]) => path.map((p) => `/${p}`).join("");

export function modelRanges(job: object | undefined, places: Places): ModelRanges {
  const ranges = new Map<string, Range>();
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== "object" || value === null) return;
    const place = places.get(value);
    if (place) {
      for (const [field, range] of place.fields) {
        const hash = field.indexOf("#");
        const sub =
          hash < 0
            ? [field]
            : [
                field.slice(0, hash),
                /^\d+$/.test(field.slice(hash + 1)) ? Number(field.slice(hash + 1)) : field.slice(hash + 1),
              ];
        const key = keyOf([...path, ...sub]);
        if (!ranges.has(key)) ranges.set(key, range);
      }
      // An object's own header wins over what its parent recorded for that slot.
      if (place.header) ranges.set(keyOf(path), place.header);
    }
    if (Array.isArray(value))
      value.forEach((v, i) => {
        walk(v, [...path, i]);
      });
    else for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(job, []);
  return {
    at(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = ranges.get(keyOf(path.slice(0, n)));
        if (found) return found;
      }
      return undefined;
    },
  };
}
