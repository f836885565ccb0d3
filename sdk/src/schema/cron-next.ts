// The next time a cron schedule fires, found the way cronexpr's Next finds it:
// narrow year, month, day, then hour, minute, second, starting over from the
// top whenever a part rolls over. Its daylight-saving path (for days on which
// the zone's offset changes) is kept as well, so times near a clock change
// agree with what Nomad launches.
import { type Clock, clockFor } from "./cron-clock.js";

/** What a parsed expression matches. Lists are sorted. */
export interface CronSchedule {
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: number[];
  years: number[];
  /** False when day-of-month is * or ?; cron then matches on day-of-week alone. */
  domRestricted: boolean;
  days: Set<number>;
  /** Days written "15W": the nearest weekday within the month. */
  workdays: Set<number>;
  lastDay: boolean;
  lastWorkday: boolean;
  dowRestricted: boolean;
  weekdays: Set<number>;
  /** Weekdays written "5L": the last one in the month. */
  lastWeekdays: Set<number>;
  /** Weekdays written "5#3": the third Friday. */
  nthWeekdays: Array<{ weekday: number; week: number }>;
}

function head(list: number[]): number {
  const first = list[0];
  if (first === undefined) throw new Error("bug: cron search reached an empty field");
  return first;
}

/** Index of the first element ≥ v (Go's sort.SearchInts). */
function search(list: number[], v: number): number {
  let i = 0;
  while (i < list.length && (list[i] as number) < v) i++;
  return i;
}

// A guard for bugs only: with no empty field every round moves at least to the next
// matching day or month, so the search ends before 2100 long before this.
const MAX_ROUNDS = 1_000_000;

export function nextTime(s: CronSchedule, from: Date, timeZone: string): Date | undefined {
  const ms = from.getTime();
  if (Number.isNaN(ms)) return undefined;
  const clock = clockFor(timeZone);
  // An empty field ("30-10") matches nothing. cronexpr then either panics on
  // its first element, which Nomad's CronParseNext reports as an error, or
  // steps minute by minute to 2100 and finds nothing; either way the job never runs.
  if ([s.seconds, s.minutes, s.hours, s.months, s.years].some((list) => list.length === 0)) return undefined;
  const t = search0(s, clock, Math.floor(ms / 1000) + 1);
  return t === undefined ? undefined : new Date(t * 1000);
}

/** The first matching instant at or after `start` (whole seconds). */
function search0(s: CronSchedule, clock: Clock, start: number): number | undefined {
  let t = start;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let w = clock.wall(t);
    let i = search(s.years, w.year);
    if (i === s.years.length) return undefined;
    if (w.year !== s.years[i]) t = clock.at(s.years[i] as number, head(s.months), 1, 0, 0, 0);

    w = clock.wall(t);
    i = search(s.months, w.month);
    if (i === s.months.length) {
      t = clock.at(w.year + 1, head(s.months), 1, 0, 0, 0);
      continue;
    }
    if (w.month !== s.months[i]) t = clock.at(w.year, s.months[i] as number, 1, 0, 0, 0);

    w = clock.wall(t);
    const days = daysOfMonth(s, w.year, w.month);
    i = search(days, w.day);
    if (i === days.length) {
      t = clock.at(w.year, w.month + 1, 1, 0, 0, 0);
      continue;
    }
    if (w.day !== days[i]) {
      t = clock.at(w.year, w.month, days[i] as number, 0, 0, 0);
      // Where a zone skips or repeats midnight (São Paulo before 2019), land on the nearest hour of that day.
      const hour = clock.wall(t).hour;
      if (hour > 12) t += (24 - hour) * 3600;
      else t -= hour * 3600;
    }

    const found = offsetChangesAround(clock, t) ? slowClock(s, clock, t) : fastClock(s, clock, t);
    if (found.done) return found.t;
    t = found.t;
  }
  return undefined;
}

type Step = { done: boolean; t: number };

/** Hour, minute and second on a day whose hours are all one hour long. */
function fastClock(s: CronSchedule, clock: Clock, start: number): Step {
  let t = start;
  let w = clock.wall(t);
  let i = search(s.hours, w.hour);
  if (i === s.hours.length) return { done: false, t: clock.at(w.year, w.month, w.day + 1, 0, 0, 0) };
  if (w.hour !== s.hours[i]) {
    t = clock.at(w.year, w.month, w.day, s.hours[i] as number, head(s.minutes), head(s.seconds));
  }
  w = clock.wall(t);
  i = search(s.minutes, w.minute);
  if (i === s.minutes.length) return { done: false, t: clock.at(w.year, w.month, w.day, w.hour + 1, 0, 0) };
  if (w.minute !== s.minutes[i]) {
    t = clock.at(w.year, w.month, w.day, w.hour, s.minutes[i] as number, head(s.seconds));
  }
  w = clock.wall(t);
  i = search(s.seconds, w.second);
  if (i === s.seconds.length)
    return { done: false, t: clock.at(w.year, w.month, w.day, w.hour, w.minute + 1, 0) };
  if (w.second !== s.seconds[i]) {
    t = clock.at(w.year, w.month, w.day, w.hour, w.minute, s.seconds[i] as number);
  }
  return { done: true, t };
}

/**
 * On a day the offset changes an hour may be missing or repeated, so this
 * walks forward in real hours and minutes rather than building wall times.
 */
function slowClock(s: CronSchedule, clock: Clock, start: number): Step {
  let t = start;
  while (!s.hours.includes(clock.wall(t).hour)) {
    const before = clock.wall(t).hour;
    t += 3600;
    if (clock.wall(t).hour === before) t += 3600;
    t = truncateMinute(t);
    t -= 60 * clock.wall(t).minute;
    const w = clock.wall(t);
    if (w.hour === 0) return { done: false, t: clock.at(w.year, w.month, w.day, 0, 0, 0) };
  }
  while (!s.minutes.includes(clock.wall(t).minute)) {
    const before = clock.wall(t).hour;
    t = truncateMinute(t) + 60;
    if (clock.wall(t).hour !== before) return { done: false, t };
  }
  const second = clock.wall(t).second;
  t = truncateMinute(t);
  const i = search(s.seconds, second);
  if (i === s.seconds.length) return { done: false, t: t + 60 };
  return { done: true, t: t + (s.seconds[i] as number) };
}

function truncateMinute(t: number): number {
  return Math.floor(t / 60) * 60;
}

/** cronexpr's test for a zone change: the offsets a calendar day before and after differ. */
function offsetChangesAround(clock: Clock, t: number): boolean {
  if (clock.utc) return false;
  const w = clock.wall(t);
  const before = clock.at(w.year, w.month, w.day - 1, w.hour, w.minute, w.second);
  const after = clock.at(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
  return clock.offset(before) !== clock.offset(after);
}

/** The days of a month the schedule matches, sorted; day-of-month and day-of-week are ORed when both are set. */
export function daysOfMonth(s: CronSchedule, year: number, month: number): number[] {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!s.domRestricted && !s.dowRestricted) return Array.from({ length: last }, (_, k) => k + 1);
  const weekdayOf = (day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const found = new Set<number>();
  if (s.domRestricted) {
    if (s.lastDay) found.add(last);
    if (s.lastWorkday) found.add(nearestWorkday(last, weekdayOf(last), last));
    for (const d of s.days) if (d <= last) found.add(d);
    // "15W" never leaves the month: a Saturday the 1st moves to Monday the 3rd.
    for (const d of s.workdays) if (d <= last) found.add(nearestWorkday(d, weekdayOf(d), last));
  }
  if (s.dowRestricted) {
    const firstWeekday = weekdayOf(1);
    // The first day of the month that falls on weekday v.
    const firstOn = (v: number) => 1 + ((7 - firstWeekday + v) % 7);
    for (const v of s.weekdays) for (let d = firstOn(v); d <= last; d += 7) found.add(d);
    for (const { weekday, week } of s.nthWeekdays) {
      const d = firstOn(weekday) + 7 * (week - 1);
      if (d <= last) found.add(d);
    }
    const lastWeekStart = last - 6;
    const lastWeekStartWeekday = weekdayOf(lastWeekStart);
    for (const v of s.lastWeekdays) found.add(lastWeekStart + ((7 - lastWeekStartWeekday + v) % 7));
  }
  return [...found].sort((a, b) => a - b);
}

function nearestWorkday(day: number, weekday: number, last: number): number {
  if (weekday === 6) return day > 1 ? day - 1 : day + 2;
  if (weekday === 0) return day < last ? day + 1 : day - 2;
  return day;
}
