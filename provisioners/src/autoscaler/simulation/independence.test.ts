// The simulated Nomad judges the planner, so its scheduler must not share the planner's code:
// everything sim-nomad.ts reaches through its imports is the simulation itself or plain data
// types (the snapshot, the ports). Walks the real import graph of the source files.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const autoscaler = resolve(here, "..");

/** Every source file `file` reaches through relative imports, itself included. */
function reachable(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const source = readFileSync(f, "utf8");
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      visit(resolve(dirname(f), (m[1] as string).replace(/\.js$/, ".ts")));
    }
  };
  visit(file);
  return new Set([...seen].map((f) => relative(autoscaler, f)));
}

/** What the simulated Nomad may reach: the simulation, and data and port types. */
const ALLOWED = new Set([
  "snapshot.ts",
  "ports.ts",
  "../cloud/node-groups.ts",
  "simulation/sim-nomad.ts",
  "simulation/sim-scheduler.ts",
  "simulation/sim-constraints.ts",
  "simulation/fake-clock.ts",
]);

describe("the simulated Nomad's scheduler", () => {
  it("reaches none of the planner's code through its imports", () => {
    const reached = [...reachable(join(here, "sim-nomad.ts"))].sort();
    expect(reached.filter((f) => !ALLOWED.has(f))).toEqual([]);
    expect(reached).toContain("simulation/sim-scheduler.ts");
  });

  it("would see the planner if it were imported (the check bites)", () => {
    const reached = reachable(join(autoscaler, "pending-planner.ts"));
    expect([...reached].filter((f) => !ALLOWED.has(f))).toContain("placement-target.ts");
  });
});
