// The preview's synth run on a real example app, and on an entry that does not synthesize.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { synthEntry } from "./synth-run.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("synthEntry", () => {
  it("returns the example's HCL and API JSON", async () => {
    const result = await synthEntry(ROOT, "examples/redis-bridge.ts", 120_000);
    if (!result.ok) throw new Error(result.message);
    expect(result.hcl).toContain('job "redis"');
    expect(JSON.parse(result.json)).toMatchObject({ Job: { ID: "redis" } });
  }, 150_000);

  it("says why when the entry does not synthesize", async () => {
    const result = await synthEntry(ROOT, "examples/does-not-exist.ts", 120_000);
    expect(result.ok).toBe(false);
  }, 150_000);
});
