import { describe, expect, it } from "vitest";
import { clusterItems, clusterSlot } from "./cluster-completion.js";

describe("cluster completion slots", () => {
  it.each([
    ['  datacenters = ["', { list: "datacenters", typed: "" }],
    ['  datacenters = ["dc1", "us-', { list: "datacenters", typed: "us-" }],
    ['  node_pool = "g', { list: "nodePools", typed: "g" }],
    ['  namespace = "', { list: "namespaces", typed: "" }],
    ['{{ with nomadVar "nomad/jobs/', { list: "variablePaths", typed: "nomad/jobs/" }],
    ['{{ if nomadVarExists "a', { list: "variablePaths", typed: "a" }],
    ['{{ range nomadService "bill', { list: "services", typed: "bill" }],
  ] as const)("%s", (prefix, slot) => {
    expect(clusterSlot(prefix)).toEqual(slot);
  });

  it.each([
    '  node_pool = "gpu"',
    '  node_pool = "gpu" # "',
    '  driver = "',
    '  datacenters = ["dc1"], "',
    "  namespace = ",
  ])("none outside a cluster name's quotes: %s", (prefix) => {
    expect(clusterSlot(prefix)).toBeUndefined();
  });

  it("replaces only what is typed inside the quotes", () => {
    const names = {
      datacenters: [],
      nodePools: ["default", "gpu"],
      namespaces: [],
      variablePaths: [],
      services: [],
    };
    expect(clusterItems({ list: "nodePools", typed: "g" }, names, { line: 3, character: 15 })).toEqual(
      ["default", "gpu"].map((label) => ({
        label,
        kind: 12,
        detail: "node pool in the cluster",
        textEdit: {
          range: { start: { line: 3, character: 14 }, end: { line: 3, character: 15 } },
          newText: label,
        },
      })),
    );
  });
});
