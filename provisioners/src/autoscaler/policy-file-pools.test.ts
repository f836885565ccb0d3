import { describe, expect, it } from "vitest";
import type { PolicyFileEntry } from "./policy-file.js";
import { policiesByPool } from "./policy-file-pools.js";
import { nodeGroup } from "./simulation/fixtures.js";

const entry = (name: string, selector: PolicyFileEntry["selector"], enabled = true): PolicyFileEntry => ({
  name,
  enabled,
  selector,
  cloud: "aws",
  policy: { max: name.length },
  notes: [],
});

describe("policiesByPool", () => {
  const groups = [
    nodeGroup({ pool: "general", groupName: "asg-general" }),
    nodeGroup({ pool: "gpu", groupName: "asg-gpu" }),
  ];
  it("maps node pools directly and group names through the cloud's groups", () => {
    const { byPool, problems } = policiesByPool(
      [
        entry("a", { by: "node-pool", nodePool: "gpu" }),
        entry("bb", { by: "group", groupName: "asg-general" }),
        entry("off", { by: "group", groupName: "nope" }, false),
      ],
      groups,
    );
    expect(problems).toEqual([]);
    expect(Object.fromEntries(byPool)).toEqual({ gpu: { max: 1 }, general: { max: 2 } });
  });
  it("reports unknown groups and a pool scaled twice", () => {
    const { problems } = policiesByPool(
      [
        entry("a", { by: "group", groupName: "asg-x" }),
        entry("b", { by: "node-pool", nodePool: "gpu" }),
        entry("c", { by: "group", groupName: "asg-gpu" }),
      ],
      groups,
    );
    expect(problems).toEqual([
      'scaling "a": no node group is named "asg-x" (groups: asg-general, asg-gpu)',
      'scaling "c": pool "gpu" is already scaled by scaling "b"',
    ]);
  });
});
