// The simulated Nomad's constraint checker against what Nomad's scheduler answered for each
// recorded case (test/constraint-oracle.test.ts asks a real agent and keeps the file current).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { NodeState } from "../snapshot.js";
import { nodeState } from "./fixtures.js";
import { nodeSatisfies } from "./sim-constraints.js";

const recorded = JSON.parse(readFileSync(new URL("../constraint-answers.json", import.meta.url), "utf8")) as {
  nomadVersion: string;
  node: Omit<NodeState, "id" | "name">;
  answers: { ltarget: string; operand: string; rtarget: string; places?: boolean }[];
};
const node = nodeState({ ...recorded.node, id: "recorded" });

describe(`the simulated Nomad decides constraints as Nomad ${recorded.nomadVersion} does`, () => {
  it("on every recorded case", () => {
    const planned = recorded.answers.filter((a) => a.places !== undefined);
    const disagreements = planned
      .filter((a) => nodeSatisfies(a, node) !== a.places)
      .map((a) => `${a.ltarget} ${a.operand} ${JSON.stringify(a.rtarget)}: Nomad says ${a.places}`);
    expect(disagreements).toEqual([]);
    expect(planned.length).toBeGreaterThan(5000);
  });
});
