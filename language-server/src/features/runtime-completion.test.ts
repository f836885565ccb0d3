import { describe, expect, it } from "vitest";
import { complete } from "./completion.js";
import { atCursor } from "./test-cursor.js";

const labels = (marked: string) => complete(atCursor(marked)).map((i) => i.label);

describe("completion of runtime names", () => {
  const group = (inner: string) =>
    `job "x" {\n  group "g" {\n    network {\n      port "http" {}\n    }\n    service {\n      connect {\n        sidecar_service {\n          proxy {\n            upstreams {\n              destination_name = "count-api"\n            }\n          }\n        }\n      }\n    }\n    task "t" {\n      meta {\n        rack = "r1"\n      }\n${inner}\n    }\n  }\n}`;

  it("offers the task's NOMAD_* names inside a template's {{ env }}", () => {
    const items = complete(
      atCursor(group('      template {\n        data = <<EOT\n{{ env "NOMAD_|" }}\nEOT\n      }')),
    );
    const got = items.map((i) => i.label);
    expect(got).toContain("NOMAD_ALLOC_DIR");
    expect(got).toContain("NOMAD_PORT_http");
    expect(got).toContain("NOMAD_UPSTREAM_ADDR_count_api");
    expect(got).toContain("NOMAD_META_rack");
    expect(items.find((i) => i.label === "NOMAD_PORT_http")?.textEdit?.newText).toBe("NOMAD_PORT_http");
  });

  it("offers them in a one-line template string with escaped quotes", () => {
    const got = labels(group('      template {\n        data = "{{ env \\"NOMAD_HOST_|\\" }}"\n      }'));
    expect(got).toContain("NOMAD_HOST_PORT_http");
  });

  it("offers them after a shell $ in a command", () => {
    const got = labels(group('      config {\n        command = "serve --port $NOMAD_P|"\n      }'));
    expect(got).toContain("NOMAD_PORT_http");
    expect(labels(group('      config {\n        command = "cost $5|"\n      }'))).toEqual([]);
  });

  it("offers upstream names in an interpolation and documents node attributes", () => {
    expect(labels(group('      env {\n        A = "${NOMAD_UP|}"\n      }'))).toContain(
      "NOMAD_UPSTREAM_PORT_count_api",
    );
    const kernel = complete(atCursor(group('      env {\n        A = "${attr.kernel.|}"\n      }')));
    expect(kernel.map((i) => i.label)).toEqual(["name", "version", "arch"]);
    expect(kernel[0]?.documentation).toMatchObject({ kind: "markdown" });
  });
});
