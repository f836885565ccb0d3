import { describe, expect, it } from "vitest";
import { parse } from "../hcl/index.js";
import { collectSymbols } from "./references.js";
import { collectRuntimeReferences, linkedAt, runtimeNameAt } from "./runtime-references.js";

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
    for (const r of refs) {
      expect(src.slice(r.range.start.offset, r.range.end.offset)).toBe(r.name);
      expect(src.slice(r.whole.start.offset, r.whole.end.offset)).toBe(r.prefix + r.name);
    }
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

describe("linkedAt", () => {
  const job = [
    'job "j" {',
    '  group "g" {',
    "    network {",
    '      port "http" {}',
    "    }",
    '    task "t" {',
    '      env { A = "${NOMAD_PORT_http}" }',
    '      config { args = ["--port=$${NOMAD_HOST_PORT_http}"] }',
    "    }",
    "  }",
    "}",
  ].join("\n");
  const parsed = parse(job, { mode: "hcl2" }).file;
  const symbols = collectSymbols(parsed);
  const declared = job.indexOf('"http"') + 1;

  it.each([
    ["NOMAD_", job.indexOf("NOMAD_PORT_http")],
    ["PORT_", job.indexOf("PORT_http")],
    ["the label", job.indexOf("http}")],
    ["the end", job.indexOf("http}") + 4],
    ["an escaped name's family", job.indexOf("NOMAD_HOST_PORT_http") + 8],
  ])("a runtime name is one token: the cursor on %s finds the port", (_where, offset) => {
    const linked = linkedAt(symbols, parsed, offset);
    expect(linked?.occurrences.find((o) => o.declaration)?.range.start.offset).toBe(declared);
    // Rename edits only the labels.
    expect(linked?.occurrences.map((o) => job.slice(o.range.start.offset, o.range.end.offset))).toEqual([
      "http",
      "http",
      "http",
    ]);
  });
});
