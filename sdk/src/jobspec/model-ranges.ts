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

/**
 * Finds ranges by following a path down the job, asking the decoder's places on the way:
 * nothing is built up front, so an editor that reports a handful of findings after each
 * keystroke pays for those and not for the whole job.
 */
export function modelRanges(job: object | undefined, places: Places): ModelRanges {
  const placeOf = (value: unknown) =>
    typeof value === "object" && value !== null ? places.get(value) : undefined;
  return {
    at(path) {
      // ranges[d] is what is known for the first d steps of the path.
      const ranges: (Range | undefined)[] = [placeOf(job)?.header];
      let value: unknown = job;
      for (let d = 0; d < path.length; d++) {
        const step = path[d] as string | number;
        const place = placeOf(value);
        if (place) {
          ranges[d + 1] ??= place.fields.get(String(step));
          if (d + 1 < path.length) ranges[d + 2] ??= place.fields.get(`${step}#${path[d + 1]}`);
        }
        value =
          typeof value === "object" && value !== null ? (value as Record<string, unknown>)[step] : undefined;
        // An object's own header wins over what its parent recorded for that slot.
        const header = placeOf(value)?.header;
        if (header) ranges[d + 1] = header;
      }
      for (let d = ranges.length - 1; d >= 0; d--) if (ranges[d]) return ranges[d];
      return undefined;
    },
  };
}
