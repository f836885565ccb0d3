import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_TYPES_PATH, generateApiTypes } from "../sdk/tools/gen-api-types.js";

describe("api-types.generated.ts", () => {
  it("matches the schema (run `npx tsx sdk/tools/gen-api-types.ts` after regenerating the schema)", () => {
    expect(readFileSync(API_TYPES_PATH, "utf8")).toBe(generateApiTypes());
  });

  it("types the objects the client reads, keyed as Nomad's JSON is", () => {
    const types = generateApiTypes();
    // A status the server sets is one of the schema's values (semantics.json), not any string.
    expect(types).toMatch(/export interface Allocation \{[^}]*\n {2}ClientStatus: "pending" \| "running" \|/);
    expect(types).toMatch(/export interface StatusValues \{[^}]*\n {2}evaluation: Evaluation\["Status"\];/);
    expect(types).toMatch(/export interface TaskState \{[^}]*\n {2}Events: TaskEvent\[\] \| null;/);
    expect(types).toMatch(
      /export interface Evaluation \{[^}]*\n {2}FailedTGAllocs: Record<string, AllocationMetric> \| null;/,
    );
    expect(types).toMatch(
      /export interface Deployment \{[^}]*\n {2}TaskGroups: Record<string, DeploymentState> \| null;/,
    );
  });
});
