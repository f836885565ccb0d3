import { describe, expect, it } from "vitest";
import { cronProblem, parseCron } from "./cron.js";

// Every expectation here was checked against cronexpr v1.1.3 (Nomad 1.11's periodic
// parser) through the jobspec oracle; test/cron-oracle.test.ts does the same at scale.

describe("cronProblem", () => {
  it.each([
    "*/15 * * * *",
    "0 3 * * MON-FRI",
    "@daily",
    "@weekly",
    "@annually",
    "0 0 1 1 * 2030", // 6 fields: minute … day-of-week, year
    "0 30 2 * * * 2031", // 7 fields: second first, year last
    "0 0 L * *",
    "0/3 * * * * * *",
    "*/20 * * * * * ?",
    "0 0 LW * *",
    "0 0 15W * *",
    "0 0 * * 5L",
    "0 0 * * FRI#3",
    "0 0 * * friday#5",
    "0 0 1 january *",
    "0 0 ? * 7", // ? anywhere, 7 is Sunday
    "0 0 * * 05", // two-digit weekdays are read as Sunday, but accepted
    "*,junk * * * *", // a * ends the field: cronexpr never reads the rest
    "1,,2 * * * *", // empty list entries are skipped
    "30-10 * * * *", // a backwards range is an empty field, not an error
    "@yearly extra", // fields past the seventh are ignored
    "* * * * * 2000-2099/2000", // a year step reads 1970-2099 as well as 1-59
    "0 0 * * FR\u0130", // Go lowers "İ" to "i"
  ])("accepts %j", (expr) => {
    expect(cronProblem(expr)).toBeUndefined();
  });

  it.each([
    ["61 * * * *", 'minute field has "61"'],
    ["* 24 * * *", "hour field"],
    ["* * 0 * *", "day-of-month field"],
    ["* * * 13 *", "month field"],
    ["* * * sept *", "month field"],
    ["* * * * 8", "day-of-week field"],
    ["* * *", "3 field(s)"],
    ["* * * *", "4 field(s)"],
    ["0 0 1 1 * nope", "year field"],
    ["* * * * * 1969", "year field"],
    ["@every 1h", "field(s)"],
    ["@midnight", "1 field(s)"], // no @midnight in cronexpr
    ["@DAILY", "1 field(s)"], // macros are case-sensitive
    ["*/60 * * * *", "a step must be a number from 1 to 59"],
    ["* */24 * * *", "from 1 to 23"],
    ["* * * * */7", "from 1 to 6"],
    ["*/007 * * * *", "step"],
    ["x,* * * * *", 'minute field has "x"'], // before the *, junk is read and refused
    ["* * * L-5 *", "month field"],
    ["* * L-5 * *", "day-of-month field"],
    ["* * * * L", "day-of-week field"],
    ["* * * * 5#6", "day-of-week field"],
    ["* * 1W,0W * *", 'has "0W"'],
    [", * * * *", 'minute field "," has no value'],
    ["* * * * *\v", "day-of-week field"], // \v is not a space to Go
  ])("rejects %j (%s)", (expr, part) => {
    expect(cronProblem(expr)).toContain(part);
  });
});

describe("CronExpression.next", () => {
  const cases: Array<[expr: string, timeZone: string, from: string, next: string[]]> = [
    ["0/3 * * * * * *", "UTC", "2026-11-29T13:40:00.500Z", ["13:40:03", "13:40:06", "13:40:09"]],
    ["*/20 * * * * * ?", "UTC", "2026-11-29T13:40:00Z", ["13:40:20", "13:40:40", "13:41:00"]],
    ["@daily", "UTC", "2026-11-29T13:40:00Z", ["2026-11-30", "2026-12-01", "2026-12-02"]],
    ["0 0 L * *", "UTC", "2026-11-29T13:40:00Z", ["2026-11-30", "2026-12-31", "2027-01-31"]],
    ["0 0 * * 5L", "UTC", "2026-11-29T13:40:00Z", ["2026-12-25", "2027-01-29", "2027-02-26"]],
    ["0 0 * * MON#2", "UTC", "2026-11-29T13:40:00Z", ["2026-12-14", "2027-01-11", "2027-02-08"]],
    ["0 12 15W * *", "UTC", "2026-11-29T13:40:00Z", ["2026-12-15T12", "2027-01-15T12", "2027-02-15T12"]],
    // Day-of-month and day-of-week both set: either matches.
    ["0 0 13 * 5", "UTC", "2026-11-01T00:00:00Z", ["2026-11-06", "2026-11-13", "2026-11-20"]],
    // A range ending in Sunday written 7 stops at Saturday: Sunday is left out.
    ["0 0 * * 5-7", "UTC", "2026-11-26T00:00:00Z", ["2026-11-27", "2026-11-28", "2026-12-04"]],
    ["0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z", []], // never
    ["* * * * * 1999", "UTC", "2026-01-01T00:00:00Z", []], // in the past
    ["30-10 * * * *", "UTC", "2026-01-01T00:00:00Z", []], // empty minute field
    // São Paulo skipped midnight on 2018-11-04: cronexpr skips that day.
    [
      "0 0 0 * * * *",
      "America/Sao_Paulo",
      "2018-11-02T12:00:00Z",
      ["2018-11-03T03", "2018-11-05T02", "2018-11-06T02"],
    ],
    // New York has no 02:00 on 2026-03-08.
    [
      "0 0 2 * * * *",
      "America/New_York",
      "2026-03-07T12:00:00Z",
      ["2026-03-09T06", "2026-03-10T06", "2026-03-11T06"],
    ],
    // Berlin has 02:30 twice on 2026-10-25, and cronexpr fires at both.
    [
      "0 30 2 * * * *",
      "Europe/Berlin",
      "2026-10-24T12:00:00Z",
      ["2026-10-25T00:30", "2026-10-25T01:30", "2026-10-26T01:30"],
    ],
  ];

  it.each(cases)("%j in %s after %s", (expr, timeZone, from, want) => {
    const parsed = parseCron(expr);
    if (!parsed.ok) throw new Error(parsed.problem);
    const got = parsed.cron.nextTimes(new Date(from), 3, timeZone).map((d) => d.toISOString());
    // Expected times are abbreviated: a date, a date and hour, or a time on the day of `from`.
    const full = want.map((w) => (w.includes("-") ? w : `${from.slice(0, 10)}T${w}`));
    expect(got.map((g, i) => g.slice(0, full[i]?.length))).toEqual(full);
  });
});
