// The grammar of one cron field as github.com/hashicorp/cronexpr (what Nomad
// validates `periodic` with) reads it. Its quirks are kept on purpose: a job
// Nomad accepts must not be refused here, and the reverse.

/** The seven fields cronexpr knows, in the order of a 7-field expression. */
export type CronFieldName = "second" | "minute" | "hour" | "day-of-month" | "month" | "day-of-week" | "year";

interface FieldGrammar {
  name: CronFieldName;
  min: number;
  max: number;
  /** How the field says its range in messages. */
  takes: string;
  /** The value a single token means, or undefined when the token is not one of this field's values. */
  value(token: string): number | undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** One or two digits in [lo, hi]: "7", "07", "59". cronexpr takes no longer forms ("007"). */
function smallNumber(token: string, lo: number, hi: number): number | undefined {
  if (!/^[0-9]{1,2}$/.test(token)) return undefined;
  const n = Number(token);
  return n >= lo && n <= hi ? n : undefined;
}

function numeric(name: CronFieldName, min: number, max: number): FieldGrammar {
  return { name, min, max, takes: `${min}-${max}`, value: (t) => smallNumber(t, min, max) };
}

export const SECOND = numeric("second", 0, 59);
export const MINUTE = numeric("minute", 0, 59);
export const HOUR = numeric("hour", 0, 23);
export const DAY_OF_MONTH = numeric("day-of-month", 1, 31);

export const MONTH: FieldGrammar = {
  name: "month",
  min: 1,
  max: 12,
  takes: "1-12 or JAN-DEC",
  value(t) {
    const named = Math.max(MONTHS.indexOf(t), MONTH_NAMES.indexOf(t));
    return named >= 0 ? named + 1 : smallNumber(t, 1, 12);
  },
};

export const DAY_OF_WEEK: FieldGrammar = {
  name: "day-of-week",
  min: 0,
  max: 6,
  takes: "0-7 or SUN-SAT",
  value(t) {
    const named = Math.max(WEEKDAYS.indexOf(t), WEEKDAY_NAMES.indexOf(t));
    if (named >= 0) return named;
    const n = smallNumber(t, 0, 7);
    if (n === undefined) return undefined;
    // cronexpr's weekday table has only one-digit keys: "00"-"07" are accepted but all mean
    // Sunday, and 7 is Sunday too.
    return t.length === 2 || n === 7 ? 0 : n;
  },
};

export const YEAR: FieldGrammar = {
  name: "year",
  min: 1970,
  max: 2099,
  takes: "1970-2099",
  value: (t) => (/^[0-9]{4}$/.test(t) && Number(t) >= 1970 && Number(t) <= 2099 ? Number(t) : undefined),
};

/**
 * A step after "/". cronexpr reads it through its table of number words
 * ("0"-"59", "00"-"09", "1970"-"2099"); anything else counts as 0, and the
 * step must be 1..max of the field. So "*\/60" is refused in every field, but
 * a year step of 2000 is taken.
 */
function step(token: string, field: FieldGrammar): number | undefined {
  let n = 0;
  if (/^[0-9]{1,2}$/.test(token) && Number(token) <= 59) n = Number(token);
  else if (/^[0-9]{4}$/.test(token) && Number(token) >= 1970 && Number(token) <= 2099) n = Number(token);
  return n >= 1 && n <= field.max ? n : undefined;
}

/** One comma-separated entry of a field, as cronexpr classifies it. */
export type Entry =
  | { kind: "all" } // "*" or "?"
  | { kind: "one"; value: number }
  | { kind: "span"; first: number; last: number; step: number }
  // Not a plain value, range or step; the day fields give L, W and # forms a second look.
  | { kind: "other"; text: string; lower: string };

export type EntriesResult = { ok: true; entries: Entry[] } | { ok: false; problem: string };

/**
 * Splits a field into entries and classifies each. Empty entries between
 * commas are skipped, as cronexpr does ("1,,2" is "1,2"). A bad step is an
 * error at once; other unknown entries are left for the field to judge.
 */
export function parseEntries(text: string, field: FieldGrammar): EntriesResult {
  const raw = text.split(",").filter((e) => e !== "");
  if (raw.length === 0) return { ok: false, problem: `the ${field.name} field "${text}" has no value` };
  const entries: Entry[] = [];
  for (const original of raw) {
    const e = goLower(original);
    if (e === "*" || e === "?") {
      entries.push({ kind: "all" });
      continue;
    }
    const one = field.value(e);
    if (one !== undefined) {
      entries.push({ kind: "one", value: one });
      continue;
    }
    const range = /^([^-/]+)-([^-/]+)$/.exec(e);
    const first = range && field.value(range[1] ?? "");
    const last = range && field.value(range[2] ?? "");
    if (first != null && last != null) {
      entries.push({ kind: "span", first, last, step: 1 });
      continue;
    }
    const stepped = /^(?:(\*)|([^-/]+)|([^-/]+)-([^-/]+))\/([0-9]+)$/.exec(e);
    if (stepped) {
      const [, star, from, lo, hi, by] = stepped;
      const bounds = star
        ? [field.min, field.max]
        : from !== undefined
          ? [field.value(from), field.max]
          : [field.value(lo ?? ""), field.value(hi ?? "")];
      if (bounds[0] !== undefined && bounds[1] !== undefined) {
        const n = step(by ?? "", field);
        if (n === undefined) {
          const most = Math.min(field.max, 59);
          return {
            ok: false,
            problem: `the ${field.name} field has "${original}": a step must be a number from 1 to ${most}`,
          };
        }
        entries.push({ kind: "span", first: bounds[0], last: bounds[1], step: n });
        continue;
      }
    }
    entries.push({ kind: "other", text: original, lower: e });
  }
  return { ok: true, entries };
}

/** The message for an entry a field cannot read. */
export function entryProblem(field: FieldGrammar, text: string): string {
  const extra =
    field.name === "day-of-month"
      ? ", L, LW, or a day with W (15W)"
      : field.name === "day-of-week"
        ? ", a day with L (5L, the last Friday) or with # (5#3, the third Friday)"
        : "";
  return `the ${field.name} field has "${text}", which it cannot read: it takes ${field.takes}, * or ?, ranges (a-b), steps (*/n, a/n, a-b/n), lists (a,b)${extra}`;
}

/** The values from first to last by step; nothing when first > last (cronexpr accepts "30-10" as empty). */
export function spread(into: Set<number>, first: number, last: number, by: number): void {
  for (let v = first; v <= last; v += by) into.add(v);
}

/**
 * Go's strings.ToLower, as far as it matters here: every name cronexpr knows is
 * ASCII, and the only other letters Go lowers to ASCII are "İ" (to "i") and the
 * Kelvin sign (to "k"). JavaScript's toLowerCase turns "İ" into two characters.
 */
function goLower(text: string): string {
  return text.replace(/[A-Z\u0130\u212a]/g, (c) =>
    c === "\u0130" ? "i" : c === "\u212a" ? "k" : c.toLowerCase(),
  );
}
