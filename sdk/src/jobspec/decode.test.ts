// Table-driven tests of decodeJob: jobspec2's special cases, then every diagnostic code
// with the range it must point at. The corpus-wide comparison with Nomad's own parser is
// in test/jobspec-decode.test.ts.
import { describe, expect, it } from "vitest";
import { parse } from "../hcl/index.js";
import type { JobspecDiagnostic } from "./diagnostics.js";
import { type DecodeOptions, decodeJob } from "./index.js";

function decode(source: string, options: DecodeOptions = {}) {
  const parsed = parse(source);
  expect(parsed.errors).toEqual([]);
  return decodeJob(parsed.file, options);
}

/** A task body inside a minimal job. */
const inTask = (body: string, driver = "docker") =>
  `job "j" {\n  group "g" {\n    task "t" {\n      driver = "${driver}"\n${body}\n    }\n  }\n}\n`;
const inGroup = (body: string) => `job "j" {\n  group "g" {\n${body}\n  }\n}\n`;

type Api = Record<string, unknown>;
const group = (job: Api | undefined) => (job?.TaskGroups as Api[])[0] as Api;
const task = (job: Api | undefined) => (group(job).Tasks as Api[])[0] as Api;

describe("decodeJob: jobspec2's special cases", () => {
  const cases: Array<[string, string, (job: Api | undefined) => unknown, unknown, DecodeOptions?]> = [
    ["job label → ID and Name", 'job "web" {}', (j) => [j?.ID, j?.Name], ["web", "web"]],
    [
      "explicit name wins over the label",
      'job "web" { name = "Web" }',
      (j) => [j?.ID, j?.Name],
      ["web", "Web"],
    ],
    [
      "distinct_hosts shorthand",
      'job "j" {\n  constraint {\n    distinct_hosts = true\n  }\n}',
      (j) => j?.Constraints,
      [{ Operand: "distinct_hosts", RTarget: "true" }],
    ],
    [
      "version shorthand",
      'job "j" {\n  constraint {\n    attribute = "${attr.nomad.version}"\n    version = ">= 1.2"\n  }\n}',
      (j) => j?.Constraints,
      [{ LTarget: "${attr.nomad.version}", Operand: "version", RTarget: ">= 1.2" }],
    ],
    [
      "regexp shorthand",
      'job "j" {\n  constraint {\n    attribute = "${node.class}"\n    regexp = "^web"\n  }\n}',
      (j) => (j?.Constraints as Api[])[0]?.Operand,
      "regexp",
    ],
    [
      "distinct_property shorthand sets the attribute",
      'job "j" {\n  constraint {\n    distinct_property = "${meta.rack}"\n  }\n}',
      (j) => j?.Constraints,
      [{ LTarget: "${meta.rack}", Operand: "distinct_property" }],
    ],
    [
      "constraint operator defaults to =",
      'job "j" {\n  constraint {\n    attribute = "${attr.kernel.name}"\n    value = "linux"\n  }\n}',
      (j) => (j?.Constraints as Api[])[0]?.Operand,
      "=",
    ],
    [
      "affinity weight and set_contains_any",
      'job "j" {\n  affinity {\n    attribute = "${meta.tags}"\n    set_contains_any = "a,b"\n    weight = 30\n  }\n}',
      (j) => j?.Affinities,
      [{ LTarget: "${meta.tags}", Operand: "set_contains_any", RTarget: "a,b", Weight: 30 }],
    ],
    [
      "meta as an attribute takes dotted keys",
      'job "j" {\n  meta = { "team.name" = "core", n = 3 }\n}',
      (j) => j?.Meta,
      { "team.name": "core", n: "3" },
    ],
    ["meta as a block", 'job "j" {\n  meta {\n    a = true\n  }\n}', (j) => j?.Meta, { a: "true" }],
    ["env as an attribute", inTask('      env = { "A.B" = "1" }'), (j) => task(j).Env, { "A.B": "1" }],
    ["durations are nanoseconds", inTask('      kill_timeout = "1m30s"'), (j) => task(j).KillTimeout, 90e9],
    [
      "group vault is handed to tasks, with defaults",
      inGroup('    vault {\n      role = "r"\n    }\n    task "t" {\n      driver = "exec"\n    }'),
      (j) => task(j).Vault,
      { Role: "r", Env: true, DisableFile: false, ChangeMode: "restart" },
    ],
    [
      "job-level task becomes a group of its own",
      'job "j" {\n  task "solo" {\n    driver = "exec"\n  }\n}',
      (j) => [group(j).Name, task(j).Name],
      ["solo", "solo"],
    ],
    [
      "task scaling cpu → vertical_cpu",
      inTask('      scaling "cpu" {\n        max = 500\n      }'),
      (j) => task(j).ScalingPolicies,
      [{ Max: 500, Type: "vertical_cpu" }],
    ],
    [
      "group scaling type defaults to horizontal",
      inGroup("    scaling {\n      max = 3\n    }"),
      (j) => group(j).Scaling,
      { Max: 3, Type: "horizontal" },
    ],
    [
      "static ports move to ReservedPorts",
      inGroup(
        '    network {\n      port "http" {\n        static = 8080\n      }\n      port "admin" {}\n    }',
      ),
      (j) => (group(j).Networks as Api[])[0],
      { ReservedPorts: [{ Label: "http", Value: 8080 }], DynamicPorts: [{ Label: "admin" }] },
    ],
    [
      "the unnamed identity moves to Task.Identity",
      inTask("      identity {\n        env = true\n      }"),
      (j) => [task(j).Identity, task(j).Identities],
      [{ Env: true }, []],
    ],
    [
      "template defaults",
      inTask('      template {\n        data = "x"\n        destination = "local/x"\n      }'),
      (j) => (task(j).Templates as Api[])[0],
      {
        EmbeddedTmpl: "x",
        DestPath: "local/x",
        ChangeMode: "restart",
        Perms: "0644",
        Splay: 5e9,
        ErrMissingKey: false,
      },
    ],
    [
      "periodic cron sets SpecType",
      'job "j" {\n  periodic {\n    crons = ["@daily"]\n  }\n}',
      (j) => j?.Periodic,
      { Specs: ["@daily"], SpecType: "cron" },
    ],
    [
      "docker config: blocks become lists, object attributes one-element lists",
      inTask(
        '      config {\n        image = "redis"\n        labels = { a = "b" }\n        mount {\n          type = "bind"\n        }\n      }',
      ),
      (j) => task(j).Config,
      { image: "redis", labels: [{ a: "b" }], mount: [{ type: "bind" }] },
    ],
    [
      "unknown driver config is passed through loosely",
      inTask('      config {\n        opt "x" {\n          n = 1.5\n        }\n      }', "podman"),
      (j) => task(j).Config,
      { opt: [{ x: [{ n: 1.5 }] }] },
    ],
    [
      "runtime references stay literal text",
      inTask('      user = "${NOMAD_META_user}-${ attr.kernel.name }"\n      kill_signal = node.unique.name'),
      (j) => [task(j).User, task(j).KillSignal],
      ["${NOMAD_META_user}-${ attr.kernel.name }", "${node.unique.name}"],
    ],
    [
      "variables: defaults, given values, locals and functions",
      'variable "dc" {\n  default = "dc1"\n}\nvariable "n" {\n  type = number\n  default = 1\n}\nlocals {\n  name = upper(local.base)\n  base = "${var.dc}-web"\n}\njob "j" {\n  datacenters = [var.dc, local.name]\n  priority = var.n * 10\n}',
      (j) => [j?.Datacenters, j?.Priority],
      [["east", "EAST-WEB"], 70],
      { variables: { dc: "east", n: "7" } },
    ],
    [
      "functions",
      'job "j" {\n  datacenters = concat(split(",", "a,b"), [format("%s-%d", "c", 3)], [join("+", ["d", "e"])])\n  namespace = lookup(merge({ a = "x" }, { b = "y" }), "b", "z")\n  region = trimspace(replace("  u_s  ", "_", "-"))\n  priority = strlen(jsonencode({ k = 1 })) + length([1]) + (coalesce("", "q") == "q" ? 1 : 0)\n}',
      (j) => [j?.Datacenters, j?.Namespace, j?.Region, j?.Priority],
      [["a", "b", "c-3", "d+e"], "y", "u-s", 9],
    ],
    [
      "templates with directives",
      'job "j" {\n  datacenters = ["%{ for d in ["a", "b"] }${d}%{ endfor }", "%{ if 1 > 2 }x%{ else }y%{ endif }"]\n}',
      (j) => j?.Datacenters,
      ["ab", "y"],
    ],
  ];
  it.each(cases)("%s", (_name, source, pick, expected, options) => {
    const result = decode(source, options);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const picked = pick(result.job);
    if (expected !== null && typeof expected === "object" && !Array.isArray(expected))
      expect(picked).toMatchObject(expected);
    else expect(picked).toEqual(expected);
  });
});

describe("decodeJob: diagnostics, each on the narrowest range", () => {
  const at = (r: { start: { line: number; column: number }; end: { line: number; column: number } }) =>
    `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
  const cases: Array<[string, string, string, RegExp?]> = [
    ["unknown-attribute", inGroup("    cont = 2"), "3:5-3:9", /Did you mean "count"\?/],
    ["unknown-block", inGroup('    taks "x" {}'), "3:5-3:9", /Did you mean "task"\?/],
    ["wrong-type", inGroup('    count = "many"'), "3:13-3:19"],
    ["missing-required", inTask("      lifecycle {}"), "5:7-5:16", /"hook"/],
    [
      "duplicate-label",
      inTask(
        '      scaling "cpu" {\n        max = 1\n      }\n      scaling "cpu" {\n        max = 2\n      }',
      ),
      "8:7-8:20",
    ],
    ["wrong-label-count", 'job "j" {\n  group {}\n}', "2:3-2:8"],
    ["bad-duration", inTask('      kill_timeout = "5 parsecs"'), "5:22-5:33"],
    ["expected-block", 'job "j" {\n  update = {}\n}', "2:3-2:9"],
    ["expected-attribute", 'job "j" {\n  priority {}\n}', "2:3-2:11"],
    ["duplicate-block", 'job "j" {\n  update {}\n  update {}\n}', "3:3-3:9"],
    ["duplicate-attribute", 'job "j" {\n  priority = 1\n  priority = 2\n}', "3:3-3:11"],
    [
      "unknown-variable",
      'variable "image" {\n  default = "x"\n}\njob "j" {\n  region = var.imag\n}',
      "5:15-5:20",
      /Did you mean "image"\?/,
    ],
    ["unknown-function", 'job "j" {\n  region = uper("x")\n}', "2:12-2:16", /Did you mean "upper"\?/],
    ["unset-variable", 'variable "dc" {}\njob "j" {}', "1:10-1:14"],
    ["missing-job", 'variable "dc" {\n  default = 1\n}', "1:1-3:2"],
    [
      "unknown-attribute",
      inTask('      config {\n        imag = "redis"\n      }'),
      "6:9-6:13",
      /docker driver.*Did you mean "image"\?/,
    ],
    ["missing-required", inTask("      config {}"), "5:7-5:13", /"image"/],
  ];
  it.each(cases)("%s (%#)", (code, source, range, message) => {
    const result = decode(source);
    const found = result.diagnostics.filter((d) => d.code === code);
    expect(
      found.map((d) => at(d.range)),
      JSON.stringify(result.diagnostics),
    ).toContain(range);
    if (message) expect(found.map((d) => d.message).join("\n")).toMatch(message);
  });

  it("refuses a variable with no default and no value as jobspec2 does, or warns for an editor", () => {
    const source = 'variable "dc" {}\njob "j" {}';
    const unset = (d: { diagnostics: JobspecDiagnostic[] }) =>
      d.diagnostics.find((x) => x.code === "unset-variable");
    expect(unset(decode(source))?.severity).toBe("error");
    const later = unset(decodeJob(parse(source).file, { unsetVariables: "warning" }));
    expect(later?.severity).toBe("warning");
    expect(later?.message).toMatch(/-var="dc=…".*-var-file.*NOMAD_VAR_dc/);
  });

  it("reports every problem and still returns the rest of the job", () => {
    const result = decode(
      inGroup(
        '    cont = 2\n    count = "x"\n    task "t" {\n      driver = "exec"\n      kill_timeout = "soon"\n    }',
      ),
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      "unknown-attribute",
      "wrong-type",
      "bad-duration",
    ]);
    expect(task(result.job)).toMatchObject({ Name: "t", Driver: "exec" });
  });

  it("warns, rather than fails, for functions that need the file system", () => {
    const result = decode(inTask('      user = file("user.txt")'));
    expect(result.diagnostics).toMatchObject([{ code: "unsupported-function", severity: "warning" }]);
    expect(task(result.job).User).toBeUndefined();
  });
});
