import { describe, expect, it } from "vitest";
import { describeNodeReference, NODE_ATTRIBUTE_FAMILIES, NODE_ATTRIBUTES } from "./node-attributes.js";

describe("describeNodeReference", () => {
  it.each([
    ["node", "datacenter", true],
    ["node", "unique.id", true],
    ["node", "rack", false],
    ["attr", "kernel.name", true],
    ["attr", "driver.podman", false],
    ["meta", "anything", true],
  ])("%s.%s", (root, name, known) => {
    const fact = describeNodeReference(root, name);
    expect(fact?.title).toBe(`${root}.${name}`);
    expect(fact?.known).toBe(known);
    expect(fact?.description).not.toBe("");
  });

  it("describes an unlisted fingerprint by its family", () => {
    expect(describeNodeReference("attr", "driver.podman")?.description).toMatch(/task driver/);
  });

  it("knows nothing about other roots", () => {
    expect(describeNodeReference("var", "x")).toBeUndefined();
  });

  it("keeps the data well-formed: unique names, families longest first", () => {
    expect(new Set(NODE_ATTRIBUTES.map((a) => a.name)).size).toBe(NODE_ATTRIBUTES.length);
    for (const [i, a] of NODE_ATTRIBUTE_FAMILIES.entries())
      for (const b of NODE_ATTRIBUTE_FAMILIES.slice(i + 1)) expect(b.prefix.startsWith(a.prefix)).toBe(false);
  });
});
