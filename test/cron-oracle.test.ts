// Differential test of our cron parser against cronexpr, the library Nomad
// validates and schedules `periodic` jobs with: generated expressions, valid
// and broken, must be accepted by both or refused by both, and accepted ones
// must fire at the same next three times.
import fc from "fast-check";
import { parseCron } from "nomadkit";
import { afterAll, describe, expect, it } from "vitest";
import { type CronAnswer, type Oracle, startOracle } from "./harness/oracle.js";

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4000);

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const num = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(String);
// A leading zero is a case of its own in cronexpr ("07" is a weekday, "007" is nothing).
const padded = (lo: number, hi: number) =>
  fc.oneof(
    num(lo, hi),
    fc.integer({ min: lo, max: Math.min(hi, 9) }).map((n) => `0${n}`),
    pick("00", "007"),
  );

const names = pick(
  "jan",
  "FEB",
  "Mar",
  "april",
  "may",
  "JUNE",
  "sept",
  "sep",
  "dec",
  "december",
  "sun",
  "MON",
  "tue",
  "wednesday",
  "Thu",
  "fri",
  "sat",
  "saturday",
  "tues",
);
/** A single value of some field: small numbers, years, names. */
const value = fc.oneof(
  { weight: 5, arbitrary: padded(0, 63) },
  { weight: 2, arbitrary: num(1965, 2105) },
  { weight: 2, arbitrary: names },
);
const stepText = fc.oneof(num(0, 70), pick("2000", "2099", "2100", "007", "05", ""));
const special = pick(
  "L",
  "l",
  "LW",
  "W",
  "15W",
  "31w",
  "0W",
  "5L",
  "7l",
  "FRIL",
  "5#3",
  "1#5",
  "mon#2",
  "5#6",
  "5#0",
  "#",
  "?",
  "*",
);
const junk = pick(
  "",
  "-",
  "/",
  "*/",
  "1-",
  "-1",
  "--",
  "1--2",
  "x",
  "1/2/3",
  "*-5",
  "5-*",
  "**",
  "1.5",
  "½",
  "İ",
);

const entry = fc.oneof(
  { weight: 6, arbitrary: value },
  { weight: 3, arbitrary: pick("*", "?") },
  { weight: 3, arbitrary: fc.tuple(value, value).map(([a, b]) => `${a}-${b}`) },
  { weight: 3, arbitrary: fc.tuple(fc.oneof(pick("*"), value), stepText).map(([a, s]) => `${a}/${s}`) },
  { weight: 2, arbitrary: fc.tuple(value, value, stepText).map(([a, b, s]) => `${a}-${b}/${s}`) },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: junk },
);
const field = fc.oneof(
  { weight: 6, arbitrary: entry },
  { weight: 2, arbitrary: fc.array(entry, { minLength: 2, maxLength: 3 }).map((es) => es.join(",")) },
  { weight: 1, arbitrary: pick(",", "1,,2", ",5", "*,x", "x,*") },
);

/** Fields a real job would write at each position, so many expressions are valid. */
const plausible: Record<string, fc.Arbitrary<string>> = {
  second: fc.oneof(pick("0", "*", "0/3", "*/20", "15,45"), num(0, 59)),
  minute: fc.oneof(pick("0", "*", "*/15", "0-30/10", "5,35"), num(0, 59)),
  hour: fc.oneof(pick("*", "3", "9-17", "*/6", "0,12"), num(0, 23)),
  dom: fc.oneof(pick("*", "?", "1", "15", "L", "LW", "15W", "1-7", "*/2", "31", "29"), num(1, 31)),
  month: fc.oneof(pick("*", "JAN", "1-6", "*/3", "feb", "2", "jan,jul"), num(1, 12)),
  dow: fc.oneof(
    pick("*", "?", "MON-FRI", "0", "7", "5L", "FRI#2", "sun", "1-7", "5-0", "SAT,SUN"),
    num(0, 7),
  ),
  year: fc.oneof(pick("*", "2030", "2026-2028", "*/2", "2026/3", "1999"), num(2020, 2099)),
};
const LAYOUTS: Record<number, string[]> = {
  5: ["minute", "hour", "dom", "month", "dow"],
  6: ["minute", "hour", "dom", "month", "dow", "year"],
  7: ["second", "minute", "hour", "dom", "month", "dow", "year"],
};

const fieldsExpr = fc
  .integer({ min: 4, max: 8 })
  .chain((count) => {
    const layout = LAYOUTS[count] ?? Array.from({ length: count }, () => "any");
    const fields = layout.map((name) => {
      const real = plausible[name];
      return real ? fc.oneof({ weight: 6, arbitrary: real }, { weight: 1, arbitrary: field }) : field;
    });
    return fc.tuple(fc.tuple(...fields), pick(" ", " ", " ", "  ", "\t", " \v "), pick("", " ", "\n"));
  })
  .map(([fields, sep, edge]) => `${edge}${fields.join(sep)}${edge}`);

const macroExpr = fc
  .tuple(
    pick(
      "@yearly",
      "@annually",
      "@monthly",
      "@weekly",
      "@daily",
      "@hourly",
      "@DAILY",
      "@midnight",
      "@every 1h",
      "@reboot",
    ),
    pick("", "", " 2030", " 1999", " junk", "x", " * *"),
  )
  .map(([m, rest]) => `${m}${rest}`);

const expressions = fc.sample(
  fc.oneof({ weight: 12, arbitrary: fieldsExpr }, { weight: 1, arbitrary: macroExpr }),
  { numRuns: RUNS, seed: SEED },
);

/** Our answer in the oracle's shape: accepted, and the next `count` times as RFC 3339 UTC. */
function ours(expr: string, from: Date, timeZone: string): { ok: boolean; next: string[] } {
  const parsed = parseCron(expr);
  if (!parsed.ok) return { ok: false, next: [] };
  const next = parsed.cron.nextTimes(from, 3, timeZone).map((d) => d.toISOString().replace(".000Z", "Z"));
  return { ok: true, next };
}

function theirs(a: CronAnswer): { ok: boolean; next: string[] } {
  return a.ok ? { ok: true, next: a.next ?? [] } : { ok: false, next: [] };
}

async function compare(o: Oracle, exprs: string[], from: string, timeZone: string) {
  const reply = await o.cron(exprs, from, 3, timeZone);
  if (!reply.ok) throw new Error(reply.error);
  const counts = { accepted: 0, rejected: 0, withTimes: 0, never: 0, panics: 0 };
  const mismatches: string[] = [];
  exprs.forEach((expr, i) => {
    const answer = reply.results[i] as CronAnswer;
    const want = theirs(answer);
    const got = ours(expr, new Date(from), timeZone || "UTC");
    if (want.ok) counts.accepted++;
    else counts.rejected++;
    if (want.ok && want.next.length > 0) counts.withTimes++;
    if (want.ok && want.next.length === 0) counts.never++;
    if (answer.ok && answer.panic) counts.panics++;
    if (got.ok !== want.ok || got.next.join() !== want.next.join()) {
      const why = answer.ok
        ? answer.panic
          ? ` (cronexpr panicked: ${answer.panic})`
          : ""
        : `: ${answer.error}`;
      mismatches.push(
        `${JSON.stringify(expr)}: cronexpr ${want.ok ? "accepts" : "rejects"} [${want.next.join(", ")}]${why}; we ${got.ok ? "accept" : "reject"} [${got.next.join(", ")}]`,
      );
    }
  });
  console.log(
    `cron vs cronexpr (${timeZone || "UTC"}, from ${from}): ${exprs.length} expressions, ${counts.accepted} accepted (${counts.withTimes} with next times, ${counts.never} never fire, ${counts.panics} where cronexpr panics), ${counts.rejected} rejected, ${mismatches.length} mismatches`,
  );
  return { counts, mismatches };
}

describe.skipIf(!oracle)(`cron parity with cronexpr${oracle ? "" : ` (skipped: ${skipReason})`}`, () => {
  const o = oracle as Oracle;
  afterAll(() => o.close());

  it(`accepts what cronexpr accepts and fires at its next 3 times (${expressions.length} generated, seed ${SEED})`, async () => {
    const { counts, mismatches } = await compare(o, expressions, "2026-02-27T23:59:58.250Z", "");
    expect(mismatches.slice(0, 20)).toEqual([]);
    // The generator must keep producing both kinds, or the test proves little.
    expect(counts.accepted).toBeGreaterThan(expressions.length / 5);
    expect(counts.rejected).toBeGreaterThan(expressions.length / 5);
  });

  // cronexpr has a separate path for days on which the zone's offset changes; São Paulo
  // moved its clocks at midnight (2018-11-04), New York at 02:00 (2026-03-08).
  it.each([
    ["America/Sao_Paulo", "2018-11-02T12:00:00Z"],
    ["America/New_York", "2026-03-07T12:00:00Z"],
    ["Europe/Berlin", "2026-10-24T12:00:00Z"],
  ])("agrees in %s from %s", async (timeZone, from) => {
    const sample = expressions.filter((e) => parseCron(e).ok).slice(0, 300);
    const { mismatches } = await compare(o, sample, from, timeZone);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
