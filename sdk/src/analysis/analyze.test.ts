import { describe, expect, it } from "vitest";
import { analyzeDocument } from "./analyze.js";

/** `code@line:col severity` of each diagnostic beyond the ones a job always gets. */
const found = (source: string, settings = {}) =>
  analyzeDocument("file:///t.nomad.hcl", source, settings).diagnostics.map(
    (d) => `${d.code}@${d.range.start.line}:${d.range.start.column} ${d.severity}`,
  );

/** A group with one task besides `body`, so the rules that want a task and a group stay quiet. */
const group = (body: string) =>
  `job "x" {\n  group "g" {\n${body}\n    task "main" {\n      driver = "docker"\n    }\n  }\n}\n`;
/** The same group at the end of a job body written in full. */
const G = '  group "g" {\n    task "main" {\n      driver = "docker"\n    }\n  }\n';

describe("analyzeDocument checks", () => {
  it.each([
    ["a valid job", group('    task "t" {\n      driver = "docker"\n    }'), []],
    ["a bad enum value", `job "x" {\n  type = "servce"\n${G}}\n`, ["bad-enum@2:10 error"]],
    ["an open enum (driver)", group('    task "t" {\n      driver = "podman"\n    }'), []],
    [
      "an undeclared port",
      group('    service {\n      port = "http"\n    }'),
      ["undeclared-port@4:15 error"],
    ],
    ["a numeric port", group('    service {\n      port = "8080"\n    }'), []],
    [
      "a variable with no default (its value comes with -var)",
      `variable "dc" {}\n${group('    task "t" {\n      driver = "docker"\n    }')}`,
      ["unset-variable@1:10 warning"],
    ],
    [
      "a driver-mode port",
      group('    service {\n      port = "http"\n      address_mode = "driver"\n    }'),
      [],
    ],
    [
      "an undeclared volume",
      group(
        '    task "t" {\n      driver = "docker"\n      volume_mount {\n        volume = "data"\n      }\n    }',
      ),
      ["undeclared-volume@6:19 error"],
    ],
    [
      "an undeclared task",
      group('    service {\n      task = "nope"\n    }'),
      ["undeclared-task@4:15 error"],
    ],
    [
      "two leaders",
      group(
        '    task "a" {\n      driver = "docker"\n      leader = true\n    }\n    task "b" {\n      driver = "docker"\n      leader = true\n    }',
      ),
      ["multiple-leaders@9:16 error"],
    ],
    [
      "a bad cron",
      `job "x" {\n  type = "batch"\n  periodic {\n    crons = ["61 * * * *"]\n  }\n${G}}\n`,
      ["bad-cron@4:15 error"],
    ],
    [
      "a constraint without attribute",
      `job "x" {\n  constraint {\n    operator = "="\n    value = "a"\n  }\n${G}}\n`,
      ["missing-attribute@2:3 error"],
    ],
    [
      "is_set with a value",
      `job "x" {\n  constraint {\n    attribute = "\${meta.a}"\n    operator = "is_set"\n    value = "a"\n  }\n${G}}\n`,
      ["unexpected-value@5:13 error"],
    ],
    [
      "a bad version constraint",
      `job "x" {\n  constraint {\n    attribute = "\${attr.nomad.version}"\n    version = "at least 1"\n  }\n${G}}\n`,
      ["bad-version-constraint@4:15 error"],
    ],
    ["a distinct_hosts shorthand", `job "x" {\n  constraint {\n    distinct_hosts = true\n  }\n${G}}\n`, []],
    [
      "an unknown interpolation root",
      `job "x" {\n  meta {\n    a = "\${nod.region}"\n  }\n${G}}\n`,
      ["unknown-interpolation@3:12 warning"],
    ],
    [
      "runtime roots and env names",
      `job "x" {\n  meta {\n    a = "\${node.region}-\${attr.kernel.name}-\${NOMAD_ALLOC_ID}"\n  }\n${G}}\n`,
      [],
    ],
  ])("%s", (_, source, expected) => {
    expect(found(source)).toEqual(expected);
  });

  it("warns about fields newer than the target Nomad version", () => {
    const src = group('    network {\n      port "p" {\n        ignore_collision = true\n      }\n    }');
    expect(found(src, { targetNomadVersion: "1.8.0" })).toEqual(["newer-than-target@5:9 warning"]);
    expect(found(src, { targetNomadVersion: "1.9.0" })).toEqual([]);
  });

  it("checks go-discover strings in an agent's retry_join", () => {
    const agent =
      'data_dir = "/opt/nomad"\nserver {\n  server_join {\n    retry_join = ["provider=aws tag_ky=role tag_value=srv", "10.0.0.1", "provider=nope"]\n  }\n}\n';
    const a = analyzeDocument("file:///agent.hcl", agent);
    expect(a.kind).toBe("agent");
    expect(a.mode).toBe("hcl1");
    expect(a.diagnostics.map((d) => d.message)).toEqual([
      'provider=aws takes no "tag_ky" key: the go-discover Nomad 1.11.3 pins (github.com/hashicorp/go-discover@v1.1.0) reads only region, tag_key, tag_value, addr_type, access_key_id, secret_access_key, service, ecs_cluster, ecs_family, endpoint, session_token. Did you mean "tag_key"?',
      'Unknown cloud auto-join provider "nope".',
    ]);
  });

  it("keeps going in a half-written file", () => {
    const a = analyzeDocument("file:///t.nomad.hcl", 'job "x" {\n  group "g" {\n    task "t" {\n      dri\n');
    expect(a.kind).toBe("job");
    expect(a.diagnostics.some((d) => d.code === "syntax")).toBe(true);
  });
});
