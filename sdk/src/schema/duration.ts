import parseDurationText from "parse-duration";

/** Units Go's time.ParseDuration accepts, and so Nomad. */
export type DurationUnit = "ns" | "us" | "µs" | "ms" | "s" | "m" | "h";

/** A duration written the way Nomad users write it: "30s", "5m", "1h30m", "250ms". */
export type DurationString =
  | `${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}${number}${DurationUnit}`;

/**
 * Anything a duration field takes: a Nomad-style string or a Duration. Any string is
 * accepted, so an options object kept in a variable (whose "30s" widens to string) still
 * type-checks; synth checks the text and reports a bad one at its construct path.
 */
export type DurationLike = DurationString | Duration | (string & {});

// Go's grammar, exactly: an optional sign, then one or more number+unit pairs, or a bare "0".
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

export type DurationResult = { ok: true; nanoseconds: number } | { ok: false; message: string };

/** Parses a Go duration string into nanoseconds. */
export function parseDuration(text: string): DurationResult {
  if (!GO_DURATION.test(text)) {
    return {
      ok: false,
      message: `"${text}" is not a duration: write a number with a unit (ns, us, ms, s, m, h), such as "30s", "5m" or "1h30m"`,
    };
  }
  const nanoseconds = parseDurationText(text.replace("μs", "us").replace("µs", "us"), "ns");
  if (nanoseconds === null || nanoseconds === undefined || !Number.isFinite(nanoseconds)) {
    return { ok: false, message: `"${text}" is not a duration` };
  }
  return { ok: true, nanoseconds: Math.round(nanoseconds) };
}

const UNITS: Array<[string, number]> = [
  ["h", 3_600_000_000_000],
  ["m", 60_000_000_000],
  ["s", 1_000_000_000],
  ["ms", 1_000_000],
  ["us", 1_000],
  ["ns", 1],
];

/** Nanoseconds as the shortest exact Go duration string: 90e9 → "1m30s", 0 → "0s". */
export function formatDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return "0s";
  let rest = Math.abs(nanoseconds);
  let text = nanoseconds < 0 ? "-" : "";
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

// A brand rather than instanceof, so a Duration from another copy of nomadkit still counts.
const DURATION_BRAND = Symbol.for("nomadkit.Duration");

/** A length of time, checked when it is made. Use it where a computed duration is easier than a string. */
export class Duration {
  readonly [DURATION_BRAND] = true;

  /** Whether a value is a Duration, from any copy of nomadkit. */
  static is(value: unknown): value is Duration {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[DURATION_BRAND] === true
    );
  }

  static nanoseconds(n: number): Duration {
    return new Duration(n);
  }
  static milliseconds(n: number): Duration {
    return new Duration(n * 1_000_000);
  }
  static seconds(n: number): Duration {
    return new Duration(n * 1_000_000_000);
  }
  static minutes(n: number): Duration {
    return new Duration(n * 60_000_000_000);
  }
  static hours(n: number): Duration {
    return new Duration(n * 3_600_000_000_000);
  }

  private constructor(readonly nanoseconds: number) {
    if (!Number.isSafeInteger(Math.round(nanoseconds)) || nanoseconds < 0) {
      throw new RangeError(
        `a duration must be a non-negative number of nanoseconds below 2^53, got ${nanoseconds}`,
      );
    }
    this.nanoseconds = Math.round(nanoseconds);
  }

  toString(): string {
    return formatDuration(this.nanoseconds);
  }
}

/** A DurationLike as nanoseconds, or the reason it is not one. */
export function durationToNanoseconds(value: unknown): DurationResult {
  if (Duration.is(value)) return { ok: true, nanoseconds: value.nanoseconds };
  if (typeof value === "string") return parseDuration(value);
  return { ok: false, message: `expected a duration such as "30s", got ${JSON.stringify(value)}` };
}
