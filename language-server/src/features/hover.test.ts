import { describe, expect, it } from "vitest";
import { hover } from "./hover.js";
import { atCursor } from "./test-cursor.js";

const hoverText = (marked: string, target?: string) => {
  const c = atCursor(marked);
  const h = hover(c.analysis, c.offset, target);
  return h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : null;
};

describe("hover", () => {
  it("shows an attribute's type, description and default", () => {
    const text = hoverText('job "x" {\n  pri|ority = 50\n}');
    expect(text?.split("\n")[0]).toBe("**priority** `int`");
    expect(text).toContain("Default: `50`");
  });

  it("shows a block's docs on its header", () => {
    expect(hoverText('job "x" {\n  gr|oup "g" {}\n}')?.split("\n")[0]).toBe("**group** `block, repeatable`");
  });

  it("says when a field is newer than the target Nomad version", () => {
    expect(
      hoverText(
        'job "x" {\n  group "g" {\n    network {\n      port "p" {\n        ignore_coll|ision = true\n      }\n    }\n  }\n}',
        "1.8.0",
      ),
    ).toContain("Since Nomad 1.9.0 (newer than your target 1.8.0)");
  });

  it("shows where a variable reference is declared", () => {
    expect(hoverText('variable "a" {\n  default = "x"\n}\njob "x" {\n  meta {\n    m = var.|a\n  }\n}')).toBe(
      "**variable** `a` — declared on line 1",
    );
  });

  it("is empty away from names", () => {
    expect(hoverText('job "x" {\n  |\n}')).toBeNull();
  });
});
