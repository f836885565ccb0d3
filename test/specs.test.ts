import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSpecs, SPECS_PATH } from "../sdk/tools/gen-specs.js";

describe("specs.generated.ts", () => {
  it("matches the schema (run `npx tsx sdk/tools/gen-specs.ts` after regenerating the schema)", () => {
    expect(readFileSync(SPECS_PATH, "utf8")).toBe(generateSpecs());
  });

  it("types every job field the schema has, with docs", () => {
    const specs = generateSpecs();
    expect(specs).toMatch(/export interface JobSpec \{[^}]*\n {2}nodePool\?: string;/);
    expect(specs).toMatch(/killTimeout\?: DurationLike;/);
    expect(specs).toMatch(/healthCheck\?: "checks" \| "task_states" \| "manual";/);
    expect(specs).toMatch(/export interface DockerDriverConfig \{[^}]*\n {2}image: string;/);
  });
});
