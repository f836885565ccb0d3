import { describe, expect, it } from "vitest";
import { parse } from "../hcl/index.js";
import { collectRuntimeReferences, runtimeNameAt } from "./runtime-references.js";

const src = [
  'job "j" {',
  '  group "g" {',
  '    task "t" {',
  '      env { A = "${NOMAD_PORT_http}:$${NOMAD_IP_http}" }',
  '      template { data = "{{ env \\"NOMAD_HOST_PORT_http\\" }}" }',
  "      template {",
  "        data = <<EOT",
  'x {{ env "NOMAD_UPSTREAM_ADDR_db" }} ${NOMAD_ALLOC_DIR}',
  "EOT",
  "      }",
  "    }",
  "  }",
  "}",
].join("\n");
const file = parse(src, { mode: "hcl2" }).file;

describe("collectRuntimeReferences", () => {
  it("finds runtime names in interpolations, escaped text and heredocs, with exact places", () => {
    const refs = collectRuntimeReferences(file);
    expect(
      refs.map((r) => [r.prefix, r.name, r.kind, r.range.start.line, r.range.start.column, r.scope]),
    ).toEqual([
      ["NOMAD_PORT_", "http", "port", 4, 31, "group@12"],
      ["NOMAD_IP_", "http", "port", 4, 49, "group@12"],
      ["NOMAD_HOST_PORT_", "http", "port", 5, 51, "group@12"],
      ["NOMAD_UPSTREAM_ADDR_", "db", "upstream", 8, 31, "group@12"],
    ]);
    for (const r of refs) expect(src.slice(r.range.start.offset, r.range.end.offset)).toBe(r.name);
  });

  it("only looks in the group at an offset when given one", () => {
    expect(collectRuntimeReferences(file, 0)).toEqual([]);
    expect(collectRuntimeReferences(file, src.indexOf("NOMAD_PORT_"))).toHaveLength(4);
  });
});

describe("runtimeNameAt", () => {
  it("finds fixed and per-port names under the cursor", () => {
    expect(runtimeNameAt(file, src.indexOf("ALLOC_DIR"))?.name).toBe("NOMAD_ALLOC_DIR");
    expect(runtimeNameAt(file, src.indexOf("HOST_PORT"))?.name).toBe("NOMAD_HOST_PORT_http");
    expect(runtimeNameAt(file, src.indexOf("x {{"))).toBeUndefined();
  });
});
