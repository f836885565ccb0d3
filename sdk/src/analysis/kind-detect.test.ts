import { describe, expect, it } from "vitest";
import { parse } from "../hcl/index.js";
import { detectFileKind } from "./file-kind.js";
import { schemaKeyFor } from "./kind-binding.js";

const kind = (text: string, name = "file.hcl") =>
  detectFileKind(name, text, parse(text, { mode: "hcl1" }).file);

describe("file kinds from the schema's root structs", () => {
  it.each([
    [
      "an ACL policy of node and agent rules only",
      'node {\n  policy = "read"\n}\nagent {\n  policy = "read"\n}',
      "acl-policy",
    ],
    [
      "an ACL policy with an operator rule",
      'operator {\n  capabilities = ["snapshot-save"]\n}',
      "acl-policy",
    ],
    ["an ACL plugin rule, not an agent plugin", 'plugin {\n  policy = "read"\n}', "acl-policy"],
    [
      "an agent plugin, not an ACL rule",
      'plugin "docker" {\n  config {\n    volumes {\n      enabled = true\n    }\n  }\n}',
      "agent",
    ],
    [
      "a host volume spec",
      'name = "data"\ntype = "host"\nplugin_id = "mkdir"\ncapacity_min = "1G"',
      "volume",
    ],
    ["an HCL1 agent config with nested labels", 'client "meta" {\n  "rack" = "r1"\n}', "agent"],
    [
      "an agent config with a misspelled top-level name",
      'data_dirr = "/opt/nomad"\nbind_addr = "0.0.0.0"',
      "agent",
    ],
    [
      "an ACL policy with a misspelled rule attribute",
      'namespace "default" {\n  polcy = "read"\n}',
      "acl-policy",
    ],
    ["a Vault policy", 'path "secret/*" {\n  capabilities = ["read"]\n}', "other"],
    ["a Consul policy", 'key_prefix "" {\n  policy = "read"\n}', "other"],
    ["a task driver config on its own", 'config {\n  image = "redis"\n}', "other"],
    ["a var file", 'X = "value"', "other"],
  ])("%s", (_, text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it("tells a CSI volume from a host volume by its type", () => {
    const key = (text: string) => schemaKeyFor("volume", parse(text, { mode: "hcl1" }).file);
    expect(key('type = "csi"\nplugin_id = "ebs"')).toBe("csiVolume");
    expect(key('type = "host"\nplugin_id = "mkdir"')).toBe("hostVolume");
  });
});
