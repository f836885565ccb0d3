import { describe, expect, it } from "vitest";
import { complete } from "./completion.js";
import { atCursor } from "./test-cursor.js";

const labels = (marked: string) => complete(atCursor(marked)).map((i) => i.label);

describe("completion", () => {
  it.each([
    ["top of a job file", "|", ["job", "variable", "locals"]],
    ["enum value in quotes", 'job "x" {\n  type = "b|"\n}', ["service", "batch", "system", "sysbatch"]],
    ["constraint operator", 'job "x" {\n  constraint {\n    operator = "set_|"\n  }\n}', undefined],
    ["bool value", 'job "x" {\n  all_at_once = |\n}', ["true", "false"]],
    [
      "port label",
      'job "x" {\n  group "g" {\n    network {\n      port "http" {}\n      port "admin" {}\n    }\n    service {\n      port = "|"\n    }\n  }\n}',
      ["http", "admin"],
    ],
    [
      "volume name",
      'job "x" {\n  group "g" {\n    volume "data" {\n      type = "host"\n      source = "d"\n    }\n    task "t" {\n      volume_mount {\n        volume = "|"\n      }\n    }\n  }\n}',
      ["data"],
    ],
    [
      "var. in interpolation",
      'variable "image" {}\njob "x" {\n  meta {\n    a = "${var.|}"\n  }\n}',
      ["image"],
    ],
    [
      "node. in interpolation",
      'job "x" {\n  meta {\n    a = "${node.|}"\n  }\n}',
      ["unique", "datacenter", "class", "region", "pool"],
    ],
    [
      "node.unique. in interpolation",
      'job "x" {\n  meta {\n    a = "${node.unique.|}"\n  }\n}',
      ["id", "name"],
    ],
  ])("%s", (_, source, expected) => {
    const got = labels(source);
    if (expected) expect(got).toEqual(expected);
    else expect(got).toContain("set_contains_any");
  });

  it("offers the attributes of the cursor's block, not those already set, in a half-written file", () => {
    const got = labels('job "x" {\n  group "g" {\n    count = 1\n    res|\n');
    expect(got).toContain("restart");
    expect(got).toContain("task");
    expect(got).not.toContain("count");
    expect(got).not.toContain("driver");
  });

  it("offers the docker driver's own config keys", () => {
    const got = labels(
      'job "x" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n      config {\n        |\n      }\n    }\n  }\n}',
    );
    expect(got).toContain("image");
    expect(got).toContain("ports");
  });

  it("prefills a task's label and driver in its snippet", () => {
    const items = complete(atCursor('job "x" {\n  group "g" {\n    ta|\n  }\n}'));
    expect(items.find((i) => i.label === "task")?.textEdit?.newText).toBe(
      'task "${1:name}" {\n\tdriver = "${2|docker,exec,raw_exec,java,qemu|}"\n\t$0\n}',
    );
  });

  it("offers NOMAD_* names, port variables and functions in a bare interpolation", () => {
    const got = labels(
      'job "x" {\n  group "g" {\n    network {\n      port "http" {}\n    }\n    task "t" {\n      env {\n        A = "${|}"\n      }\n    }\n  }\n}',
    );
    expect(got).toContain("NOMAD_ALLOC_DIR");
    expect(got).toContain("NOMAD_PORT_http");
    expect(got).toContain("upper");
  });
});

describe("completion in half-written files", () => {
  it.each([
    [
      "below a block whose '}' is missing",
      'job "x" {\n  group "g" {\n    network {\n      port "http" {\n    }\n    task "t" {\n      |\n    }\n  }\n}\n',
      "driver",
    ],
    [
      "at the end of a file where nothing is closed",
      'job "x" {\n  group "g" {\n    task "t" {\n      |',
      "driver",
    ],
    [
      "below an unclosed quote",
      'job "x" {\n  group "g" {\n    task "t" {\n      driver = "dock\n      |\n    }\n  }\n}\n',
      "config",
    ],
    [
      "below an unterminated heredoc",
      'job "x" {\n  group "g" {\n    task "t" {\n      template {\n        data = <<EOT\n        hi\n      }\n      |\n    }\n  }\n}\n',
      "driver",
    ],
    [
      "in the group below an unterminated heredoc at the end of the file",
      'job "x" {\n  group "g" {\n    task "t" {\n      template {\n        data = <<EOT\n        hi\n      }\n    }\n    |\n',
      "count",
    ],
  ])("%s", (_, source, expected) => {
    expect(labels(source)).toContain(expected);
  });
});

describe("completion details", () => {
  // An item's detail is plain text: editors show a backtick as a backtick. Markdown goes in
  // its documentation.
  it.each([
    ["job top", 'job "x" {\n  |\n}'],
    ["enum value", 'job "x" {\n  type = "|"\n}'],
    ["driver", 'job "x" {\n  group "g" {\n    task "t" {\n      driver = "|"\n    }\n  }\n}'],
    ["task body", 'job "x" {\n  group "g" {\n    task "t" {\n      |\n    }\n  }\n}'],
    ["interpolation", 'job "x" {\n  meta {\n    a = "${|}"\n  }\n}'],
    [
      "env name",
      'job "x" {\n  group "g" {\n    task "t" {\n      env {\n        A = "${NOMAD_|}"\n      }\n    }\n  }\n}',
    ],
  ])("%s: no markdown in details, documentation as markdown", (_, source) => {
    const items = complete(atCursor(source));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.detail ?? "", item.label).not.toMatch(/`|\*\*/);
      if (item.documentation !== undefined)
        expect(item.documentation, item.label).toMatchObject({ kind: "markdown" });
    }
  });

  it("an enum value's description is its markdown documentation", () => {
    const [service] = complete(atCursor('job "x" {\n  type = "s|"\n}'));
    expect(service).toMatchObject({ label: "service", detail: "type value" });
  });
});

describe("completion below a break", () => {
  const job = (broken: string) =>
    `job "x" {\n  group "g" {\n${broken}\n    task "t" {\n      driver = "docker"\n      |\n    }\n  }\n}\n`;
  const clean = labels(job('    meta {\n      owner = "abc"\n    }'));

  it.each([
    ["an unclosed string in a one-line block", '    meta { owner = "abc }'],
    ["an unclosed string", '    meta {\n      owner = "abc\n    }'],
    ["an unclosed constraint block", '    constraint {\n      attribute = "${attr.kernel.name}"'],
    ["a missing value", "    meta {\n      owner =\n    }"],
  ])("a task below %s still completes its own fields", (_what, broken) => {
    expect(clean).toContain("resources");
    expect(labels(job(broken))).toEqual(clean);
  });
});
