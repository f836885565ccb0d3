// Wall clocks for cron's next-time search: turning an instant into the date
// and time people see in a time zone, and back, the way Go's time package does
// it (cronexpr works on time.Time values in the job's location).

/** A date and time on a wall clock. Month is 1-12. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Instants are whole seconds since the Unix epoch. */
export interface Clock {
  /** True for UTC itself, where cronexpr skips its daylight-saving path. */
  readonly utc: boolean;
  wall(instant: number): Wall;
  /** Seconds east of UTC at the instant. */
  offset(instant: number): number;
  /**
   * Go's time.Date: out-of-range parts roll over (month 13, day 0, hour 24),
   * and a wall time that a zone skips or repeats resolves as Go resolves it.
   */
  at(year: number, month: number, day: number, hour: number, minute: number, second: number): number;
}

const UTC_CLOCK: Clock = {
  utc: true,
  wall: (instant) => utcWall(instant),
  offset: () => 0,
  at: (y, mo, d, h, mi, s) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000,
};

const zones = new Map<string, Clock>();

/** The clock of an IANA time zone ("UTC" by default). Throws a RangeError for a zone Intl does not know. */
export function clockFor(timeZone: string): Clock {
  if (timeZone === "UTC" || timeZone === "") return UTC_CLOCK;
  let clock = zones.get(timeZone);
  if (!clock) {
    clock = zoneClock(timeZone);
    zones.set(timeZone, clock);
  }
  return clock;
}

function utcWall(instant: number): Wall {
  const d = new Date(instant * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

function zoneClock(timeZone: string): Clock {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const wall = (instant: number): Wall => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(instant * 1000))) {
      if (p.type !== "literal") parts[p.type] = Number(p.value);
    }
    return {
      year: parts.year ?? 0,
      month: parts.month ?? 0,
      day: parts.day ?? 0,
      hour: parts.hour ?? 0,
      minute: parts.minute ?? 0,
      second: parts.second ?? 0,
    };
  };
  const offset = (instant: number): number => {
    const w = wall(instant);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000 - instant;
  };
  return {
    utc: false,
    wall,
    offset,
    at(y, mo, d, h, mi, s) {
      // Go reads the wall time as if it were UTC, takes the zone's offset there,
      // and looks again at the instant that offset gives; in a gap or an overlap
      // that second look decides which side the time falls on.
      const local = Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
      return local - offset(local - offset(local));
    },
  };
}
