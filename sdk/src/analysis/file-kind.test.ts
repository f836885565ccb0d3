import { describe, expect, it } from "vitest";
import { parse } from "../hcl/index.js";
import { detectFileKind } from "./file-kind.js";

const kind = (name: string, text: string) => detectFileKind(name, text, parse(text, { mode: "hcl1" }).file);

describe("detectFileKind", () => {
  it.each([
    ["web.hcl", 'job "web" {}', "job"],
    ["empty.nomad.hcl", "", "job"],
    ["vars.hcl", 'variable "a" {}', "job"],
    ["client.hcl", 'data_dir = "/opt"\nclient { enabled = true }', "agent"],
    ["policy.hcl", 'namespace "default" { policy = "read" }', "acl-policy"],
    ["pool.hcl", 'node_pool "gpu" { description = "x" }', "node-pool"],
    ["vol.hcl", 'id = "v"\nname = "v"\ntype = "csi"\nplugin_id = "p"', "volume"],
    ["quota.hcl", 'name = "q"\nlimit { region = "global" }', "quota"],
    ["ns.hcl", 'name = "dev"\ncapabilities { enabled_task_drivers = ["docker"] }', "namespace"],
    ["job.json", '{"Job": {}}', "json-job"],
    ["lock.hcl", 'provider "x" { version = "1" }', "other"],
    ["web.hcl", '# nomadkit: kind=agent\nname = "x"', "agent"],
  ])("%s %s → %s", (name, text, expected) => {
    expect(kind(name, text)).toBe(expected);
  });
});
