import { describe, expect, it } from "vitest";
import { hover } from "./hover.js";
import { atCursor } from "./test-cursor.js";

const hoverText = (marked: string, target?: string) => {
  const c = atCursor(marked);
  const h = hover(c.analysis, c.offset, target);
  return h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : null;
};

describe("hover on run-time names", () => {
  const job = (inner: string) =>
    `job "x" {\n  constraint {\n    attribute = "\${attr.kernel.name}"\n    value     = "linux"\n  }\n  group "g" {\n    network {\n      port "http" {}\n    }\n    task "t" {\n${inner}\n    }\n  }\n}`;

  it("says what a per-port name reads and where the port is declared", () => {
    const text = hoverText(job('      env {\n        A = "${NOMAD_PO|RT_http}"\n      }'));
    expect(text?.split("\n")[0]).toBe("**NOMAD_PORT_http** · port `http` (run time)");
    expect(text).toContain("Reads port `http`, declared on line 8.");
  });

  it("says when a per-port name reads a port the group does not declare", () => {
    expect(hoverText(job('      env {\n        A = "$NOMAD_ADDR_ad|min"\n      }'))).toContain(
      "No port `admin` is declared in this group",
    );
  });

  it("describes fixed task variables inside a template's {{ env }}", () => {
    const text = hoverText(
      job(
        '      template {\n        data = <<EOT\n{{ env "NOMAD_ALLOC_|DIR" }}\nEOT\n        destination = "a"\n      }',
      ),
    );
    expect(text?.split("\n")[0]).toBe("**NOMAD_ALLOC_DIR** · task environment (run time)");
  });

  it.each([
    ['attribute = "${attr.ker|nel.name}"', "**attr.kernel.name** · node attribute (run time)"],
    ['A = "${node.data|center}"', "**node.datacenter** · client node (run time)"],
    ['A = "${meta.ra|ck}"', "**meta.rack** · node metadata (run time)"],
  ])("describes %s", (marked, first) => {
    const source = marked.startsWith("attribute")
      ? job("").replace('attribute = "${attr.kernel.name}"', marked)
      : job(`      env {\n        ${marked}\n      }`);
    expect(hoverText(source)?.split("\n")[0]).toBe(first);
  });
});
