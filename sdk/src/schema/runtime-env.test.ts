import { describe, expect, it } from "vitest";
import { describeRuntimeName, envLabel, findRuntimeNames, RUNTIME_PREFIXES } from "./runtime-env.js";

const labels = (text: string) =>
  findRuntimeNames(text).map((r) => [r.prefix, r.name, r.kind, text.slice(r.start, r.end)]);

describe("findRuntimeNames", () => {
  it.each([
    ["${NOMAD_PORT_http}", [["NOMAD_PORT_", "http", "port", "http"]]],
    ["${ NOMAD_ADDR_db }", [["NOMAD_ADDR_", "db", "port", "db"]]],
    ["exec app --port $NOMAD_HOST_PORT_web --x", [["NOMAD_HOST_PORT_", "web", "port", "web"]]],
    ['{{ env "NOMAD_PORT_http" }}', [["NOMAD_PORT_", "http", "port", "http"]]],
    ['{{- env "NOMAD_ALLOC_ADDR_grpc" -}}', [["NOMAD_ALLOC_ADDR_", "grpc", "port", "grpc"]]],
    ['"{{ env \\"NOMAD_IP_http\\" }}"', [["NOMAD_IP_", "http", "port", "http"]]],
    ["{{ env `NOMAD_PORT_x` }}", [["NOMAD_PORT_", "x", "port", "x"]]],
    ["${NOMAD_UPSTREAM_ADDR_count-api}", [["NOMAD_UPSTREAM_ADDR_", "count-api", "upstream", "count-api"]]],
    [
      "$NOMAD_UPSTREAM_PORT_db:$NOMAD_UPSTREAM_IP_db",
      [
        ["NOMAD_UPSTREAM_PORT_", "db", "upstream", "db"],
        ["NOMAD_UPSTREAM_IP_", "db", "upstream", "db"],
      ],
    ],
    ["$${NOMAD_PORT_http}", [["NOMAD_PORT_", "http", "port", "http"]]],
  ])("%s", (text, expected) => {
    expect(labels(text)).toEqual(expected);
  });

  it("ignores fixed variables, meta and other names", () => {
    expect(
      labels("${NOMAD_ALLOC_DIR} $NOMAD_ALLOC_INDEX ${NOMAD_META_rack} ${attr.kernel.name} NOMAD_PORT_x"),
    ).toEqual([]);
  });

  it("finds several in one text, in order, with offsets into the text", () => {
    const text = 'a=${NOMAD_PORT_a}\n{{ env "NOMAD_ADDR_b" }} $NOMAD_IP_c';
    expect(findRuntimeNames(text).map((r) => [r.name, r.start])).toEqual([
      ["a", text.indexOf("a}")],
      ["b", text.indexOf('b"')],
      ["c", text.length - 1],
    ]);
  });
});

describe("runtime facts", () => {
  it("lists prefixes longest first so no family shadows another", () => {
    for (const [i, a] of RUNTIME_PREFIXES.entries())
      for (const b of RUNTIME_PREFIXES.slice(i + 1)) expect(b.prefix.startsWith(a.prefix)).toBe(false);
  });

  it("describes fixed names and families", () => {
    expect(describeRuntimeName("NOMAD_ALLOC_DIR")).toMatchObject({ env: { name: "NOMAD_ALLOC_DIR" } });
    expect(describeRuntimeName("NOMAD_HOST_PORT_http")).toMatchObject({
      family: { prefix: "NOMAD_HOST_PORT_", kind: "port" },
      label: "http",
    });
    expect(describeRuntimeName("NOMAD_PORT_")).toBeUndefined();
    expect(describeRuntimeName("HOME")).toBeUndefined();
  });

  it("cleans labels the way the client names variables", () => {
    expect(envLabel("count-api")).toBe("count_api");
    expect(envLabel("http")).toBe("http");
  });
});
