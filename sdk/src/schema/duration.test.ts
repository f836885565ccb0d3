import { describe, expect, it } from "vitest";
import { Duration, formatDuration, parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it.each([
    ["30s", 30e9],
    ["5m", 300e9],
    ["1h30m", 5400e9],
    ["1.5h", 5400e9],
    ["250ms", 250e6],
    ["10us", 10_000],
    ["10µs", 10_000],
    ["42ns", 42],
    ["0", 0],
  ])("%s is %d ns", (text, ns) => {
    expect(parseDuration(text)).toEqual({ ok: true, nanoseconds: ns });
  });

  it.each(["30", "30 seconds", "5 m", "1d", "", "s", "1h 30m", "abc"])("rejects %j with a hint", (text) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('such as "30s"');
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [90e9, "1m30s"],
    [5400e9, "1h30m"],
    [1_500_000_000, "1s500ms"],
    [42, "42ns"],
  ])("%d ns is %s", (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
    const back = parseDuration(text);
    expect(back.ok && back.nanoseconds).toBe(ns);
  });
});

describe("Duration", () => {
  it("builds from units", () => {
    expect(Duration.minutes(2).nanoseconds).toBe(120e9);
    expect(String(Duration.seconds(90))).toBe("1m30s");
  });
  it("refuses negative values", () => {
    expect(() => Duration.seconds(-1)).toThrow(RangeError);
  });
});
