// Cron expressions exactly as Nomad reads `periodic { crons = [...] }`: with
// github.com/hashicorp/cronexpr (v1.1.3 in Nomad 1.11). Parsing here accepts
// what cronexpr.Parse accepts, and next() answers what its Next answers; the
// jobspec oracle checks both (test/cron-oracle.test.ts).
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  type Entry,
  entryProblem,
  HOUR,
  MINUTE,
  MONTH,
  parseEntries,
  SECOND,
  spread,
  YEAR,
} from "./cron-fields.js";
import { type CronSchedule, nextTime } from "./cron-next.js";

export type { CronFieldName } from "./cron-fields.js";

/**
 * cronexpr replaces these anywhere in the text (not only as the whole
 * expression), case-sensitively, before it splits fields. It has no @midnight
 * and no @every.
 */
const MACROS: ReadonlyArray<readonly [string, string]> = [
  ["@yearly", "0 0 0 1 1 * *"],
  ["@annually", "0 0 0 1 1 * *"],
  ["@monthly", "0 0 0 1 * * *"],
  ["@weekly", "0 0 0 * * 0 *"],
  ["@daily", "0 0 0 * * * *"],
  ["@hourly", "0 0 * * * * *"],
];
const MACRO_PATTERN = new RegExp(MACROS.map(([name]) => name).join("|"), "g");

/** Go's regexp \s: only these five are spaces (not \v, not Unicode spaces). */
const FIELD = /[^\t\n\f\r ]+/g;

const HINT =
  'write 5 fields (minute hour day-of-month month day-of-week) such as "0 3 * * *", 6 (the same and a year), 7 (a second first, then those six), or @hourly, @daily, @weekly, @monthly, @yearly';

export type CronParseResult = { ok: true; cron: CronExpression } | { ok: false; problem: string };

/** Parses a cron expression as Nomad does; the problem says which field is wrong and why. */
export function parseCron(expression: string): CronParseResult {
  const expanded = expression.replace(MACRO_PATTERN, (m) => MACROS.find(([name]) => name === m)?.[1] ?? m);
  const fields = expanded.match(FIELD) ?? [];
  if (fields.length < 5) {
    return { ok: false, problem: `cron "${expression}" has ${fields.length} field(s): ${HINT}` };
  }
  // cronexpr reads at most seven fields and ignores the rest unread.
  const count = Math.min(fields.length, 7);
  const text = count === 7 ? fields.slice(0, 7) : ["0", ...fields.slice(0, count)];
  const [second, minute, hour, dom, month, dow, year] = text as [
    string,
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  const schedule: Partial<CronSchedule> = {};
  const steps: Array<() => string | undefined> = [
    () => plain(second, SECOND, (v) => (schedule.seconds = v)),
    () => plain(minute, MINUTE, (v) => (schedule.minutes = v)),
    () => plain(hour, HOUR, (v) => (schedule.hours = v)),
    () => daysOfMonth(dom, schedule),
    () => plain(month, MONTH, (v) => (schedule.months = v)),
    () => daysOfWeek(dow, schedule),
    () => plain(year ?? "*", YEAR, (v) => (schedule.years = v)),
  ];
  for (const step of steps) {
    const problem = step();
    if (problem !== undefined)
      return { ok: false, problem: `cron "${expression}": ${problem}${layout(fields.length)}` };
  }
  return { ok: true, cron: new CronExpression(expression, schedule as CronSchedule) };
}

/** The problem with a cron expression, or undefined when Nomad accepts it. */
export function cronProblem(expression: string): string | undefined {
  const parsed = parseCron(expression);
  return parsed.ok ? undefined : parsed.problem;
}

/** A parsed cron expression; make one with parseCron(). */
export class CronExpression {
  /** @internal */
  constructor(
    readonly expression: string,
    private readonly schedule: CronSchedule,
  ) {}

  /**
   * The first time strictly after `from` (at whole-second precision) that
   * matches, on the wall clock of `timeZone` (an IANA name such as
   * "Europe/Berlin", as periodic's `time_zone`; UTC by default). Undefined when
   * there is none before 2100, or where cronexpr itself fails (a field with an
   * empty range such as "30-10"), which Nomad treats as never running.
   * Throws a RangeError for a time zone this runtime does not know.
   */
  next(from: Date, timeZone = "UTC"): Date | undefined {
    return nextTime(this.schedule, from, timeZone);
  }

  /** The next `count` times after `from`, fewer when the expression runs out. */
  nextTimes(from: Date, count: number, timeZone = "UTC"): Date[] {
    const times: Date[] = [];
    for (let t = this.next(from, timeZone); t && times.length < count; t = this.next(t, timeZone))
      times.push(t);
    return times;
  }
}

/** How the fields were read, where a miscounted field would otherwise puzzle. */
function layout(count: number): string {
  if (count === 6) return " (6 fields are minute hour day-of-month month day-of-week year)";
  if (count >= 7) {
    const rest = count > 7 ? "; fields after the 7th are ignored" : "";
    return ` (7 fields are second minute hour day-of-month month day-of-week year${rest})`;
  }
  return "";
}

/** Second, minute, hour, month and year: values only. */
function plain(text: string, field: typeof SECOND, set: (values: number[]) => void): string | undefined {
  const parsed = parseEntries(text, field);
  if (!parsed.ok) return parsed.problem;
  const values = new Set<number>();
  for (const e of parsed.entries) {
    if (e.kind === "other") return entryProblem(field, e.text);
    // A "*" ends the field: cronexpr reads no further, so "*,junk" is accepted.
    if (e.kind === "all") {
      spread(values, field.min, field.max, 1);
      break;
    }
    add(values, e);
  }
  set(sorted(values));
  return undefined;
}

function daysOfMonth(text: string, schedule: Partial<CronSchedule>): string | undefined {
  const parsed = parseEntries(text, DAY_OF_MONTH);
  if (!parsed.ok) return parsed.problem;
  const days = new Set<number>();
  const workdays = new Set<number>();
  let restricted = true;
  let lastDay = false;
  let lastWorkday = false;
  for (const e of parsed.entries) {
    if (e.kind === "all") restricted = false;
    if (e.kind !== "other") {
      add(days, e, DAY_OF_MONTH);
      continue;
    }
    if (e.lower === "l") lastDay = true;
    else if (e.lower === "lw") lastWorkday = true;
    else {
      const day = e.lower.endsWith("w") ? DAY_OF_MONTH.value(e.lower.slice(0, -1)) : undefined;
      if (day === undefined) return entryProblem(DAY_OF_MONTH, e.text);
      workdays.add(day);
    }
  }
  Object.assign(schedule, { domRestricted: restricted, days, workdays, lastDay, lastWorkday });
  return undefined;
}

function daysOfWeek(text: string, schedule: Partial<CronSchedule>): string | undefined {
  const parsed = parseEntries(text, DAY_OF_WEEK);
  if (!parsed.ok) return parsed.problem;
  const weekdays = new Set<number>();
  const lastWeekdays = new Set<number>();
  const nthWeekdays: Array<{ weekday: number; week: number }> = [];
  let restricted = true;
  for (const e of parsed.entries) {
    if (e.kind === "all") restricted = false;
    if (e.kind === "span" && e.last === 0) {
      // cronexpr reads a range ending in Sunday (7 or 0) as ending on Saturday: "5-7" is Fri-Sat
      // without Sunday, and "0-0" is every day.
      add(weekdays, { ...e, last: 6 });
      continue;
    }
    if (e.kind !== "other") {
      add(weekdays, e, DAY_OF_WEEK);
      continue;
    }
    const last = e.lower.endsWith("l") ? DAY_OF_WEEK.value(e.lower.slice(0, -1)) : undefined;
    const nth = /^(.+)#([1-5])$/.exec(e.lower);
    const nthDay = nth ? DAY_OF_WEEK.value(nth[1] ?? "") : undefined;
    if (last !== undefined) lastWeekdays.add(last);
    else if (nth && nthDay !== undefined) nthWeekdays.push({ weekday: nthDay, week: Number(nth[2]) });
    else return entryProblem(DAY_OF_WEEK, e.text);
  }
  Object.assign(schedule, { dowRestricted: restricted, weekdays, lastWeekdays, nthWeekdays });
  return undefined;
}

function add(values: Set<number>, e: Exclude<Entry, { kind: "other" }>, field?: typeof SECOND): void {
  if (e.kind === "one") values.add(e.value);
  else if (e.kind === "span") spread(values, e.first, e.last, e.step);
  else if (field) spread(values, field.min, field.max, 1);
}

function sorted(values: Set<number>): number[] {
  return [...values].sort((a, b) => a - b);
}
