import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LintFileResult, lintCommand } from "./lint-command.js";

describe("nomadkit lint on the files that are not jobs", () => {
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-lint-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("fails on a misspelled agent, ACL or volume attribute and names the kind", () => {
    const files = [
      file("client.hcl", 'data_dirr = "/opt/nomad"\nclient {\n  enabled = true\n}\n'),
      file("dev-policy.hcl", 'namespace "default" {\n  polcy = "read"\n}\n'),
      file(
        "db.volume.hcl",
        'type = "csi"\nid = "db"\nplugin_idd = "ebs"\ncapability {\n  access_mode = "single-node-writer"\n  attachment_mode = "file-system"\n}\n',
      ),
    ];
    let out = "";
    const code = lintCommand(files, { format: "json" }, (s) => {
      out += s;
    });
    expect(code).toBe(1);
    const results = JSON.parse(out) as LintFileResult[];
    expect(results.map((r) => [r.kind, r.diagnostics.map((d) => `${d.range.start.line}:${d.code}`)])).toEqual(
      [
        ["agent", ["0:unknown-attribute"]],
        ["volume", ["2:unknown-attribute"]],
        ["acl-policy", ["1:unknown-attribute"]],
      ],
    );
  });

  it("passes Nomad's HCL1 forms in an agent config", () => {
    const agent = file(
      "server.hcl",
      'data_dir = "/opt/nomad"\nclient "options" {\n  "driver.raw_exec.enable" = "1"\n}\nserver = {\n  enabled = true\n}\n',
    );
    expect(lintCommand([agent], { format: "text" }, () => {})).toBe(0);
  });
});
