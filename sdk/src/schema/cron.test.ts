import { describe, expect, it } from "vitest";
import { cronProblem } from "./cron.js";

describe("cronProblem", () => {
  it.each([
    "*/15 * * * *",
    "0 3 * * MON-FRI",
    "@daily",
    "@weekly",
    "0 0 1 1 * 2030",
    "0 30 2 * * * 2031",
    "0 0 L * *",
  ])("accepts %j", (expr) => {
    expect(cronProblem(expr)).toBeUndefined();
  });

  it.each([
    ["61 * * * *", "minute"],
    ["* * *", "3 field(s)"],
    ["0 0 1 1 * nope", "year"],
    ["@every 1h", "field(s)"],
  ])("rejects %j (%s)", (expr, part) => {
    expect(cronProblem(expr)).toContain(part);
  });
});
