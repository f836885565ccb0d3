import { describe, expect, it } from "vitest";
import { analyzeDocument } from "./analyze.js";

const found = (text: string, uri = "file:///x.hcl") =>
  analyzeDocument(uri, text).diagnostics.map(
    (d) => `${d.severity} ${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`,
  );

describe("checks of the files that are not jobs", () => {
  it.each([
    [
      "a misspelled agent attribute, with a hint",
      'data_dirr = "/opt/nomad"\nclient {\n  enabled = true\n}',
      'error unknown-attribute 1:1 An attribute named "data_dirr" is not expected at the top of this file. Did you mean "data_dir"?',
    ],
    [
      "a misspelled block in a client block",
      'client {\n  enabled = true\n  host_volumes "x" {\n    path = "/x"\n  }\n}',
      'error unknown-block 3:3 Blocks of type "host_volumes" are not expected in a "client" block. Did you mean "host_volume"?',
    ],
    [
      "a misspelled ACL rule attribute",
      'namespace "default" {\n  polcy = "read"\n}',
      'error unknown-attribute 2:3 An attribute named "polcy" is not expected in a "namespace" block. Did you mean "policy"?',
    ],
    [
      "a bad ACL policy value",
      'namespace "default" {\n  policy = "reed"\n}',
      'error bad-enum 2:12 "reed" is not a valid policy: use one of "deny", "read", "write", "scale".',
    ],
    [
      "a bad ACL capability",
      'namespace "default" {\n  capabilities = ["read-job", "submit-jobs"]\n}',
      'error bad-enum 2:31 "submit-jobs" is not a valid capabilities',
    ],
    [
      "a misspelled volume attribute",
      'type = "csi"\nid = "db"\nplugin_idd = "ebs"',
      'error unknown-attribute 3:1 An attribute named "plugin_idd" is not expected at the top of this file. Did you mean "plugin_id"?',
    ],
    [
      "a misspelled namespace spec attribute",
      'name = "dev"\ndescripton = "x"\ncapabilities {\n  enabled_task_drivers = ["docker"]\n}',
      'error unknown-attribute 2:1 An attribute named "descripton" is not expected at the top of this file. Did you mean "description"?',
    ],
    [
      "a misspelled CSI topology block",
      'type = "csi"\nid = "v"\nplugin_id = "p"\ntopology_request {\n  required {\n    topolgy {\n      segments {\n        rack = "R1"\n      }\n    }\n  }\n}',
      'error unknown-block 6:5 Blocks of type "topolgy" are not expected in a "required" block. Did you mean "topology"?',
    ],
    [
      "a volume without a type",
      'id = "db"\nplugin_id = "ebs"\ncapability {\n  access_mode = "x"\n}',
      'error missing-required 1:1 The attribute "type" is required',
    ],
    [
      "a bool that is not one",
      'client {\n  enabled = "yes"\n}',
      "error wrong-type 2:13 Expected bool, got a string.",
    ],
    [
      "a number that is not one",
      'ports {\n  http = "eighty"\n}',
      "error wrong-type 2:10 Expected int, got a string.",
    ],
    ["a bad duration", 'server {\n  heartbeat_grace = "10 seconds"\n}', "error bad-duration 2:21"],
    [
      "a deprecated form Nomad still reads",
      'server {\n  enabled = true\n  retry_join = ["10.0.0.1"]\n}',
      'warning deprecated 3:3 "retry_join" is deprecated: use server_join { retry_join } instead',
    ],
    [
      "a misspelt bool, which HCL1 reads as no value at all",
      'client {\n  enabled = true\n  host_volume "d" {\n    path      = "/d"\n    read_only = flase\n  }\n}',
      'error syntax 5:17 "flase" is not a value in HCL1, which Nomad reads this file with: write a quoted string, a number, true or false. Did you mean "false"?',
    ],
    [
      "a bare word in a meta block",
      "client {\n  meta {\n    rack = r1\n  }\n}",
      'error syntax 3:12 "r1" is not a value in HCL1',
    ],
    ["a bad size", 'type = "host"\nname = "d"\ncapacity_min = "lots"', "error bad-size 3:16"],
    [
      "a CSI volume without a capability block",
      'type = "csi"\nid = "v"\nplugin_id = "p"\naccess_mode = "single-node-writer"',
      "error missing-capability 4:1 A CSI volume needs at least one capability block",
    ],
    [
      "a host volume whose id is not a UUID",
      'type = "host"\nname = "d"\nid = "disk_prod_db1"\nplugin_id = "mkdir"',
      'error bad-volume-id 3:6 A host volume\'s id is the UUID Nomad gave it, not "disk_prod_db1"',
    ],
    [
      "an attribute written as a block",
      'bind_addr = "0.0.0.0"\ndata_dir {\n}',
      'error expected-attribute 2:1 "data_dir" is an attribute',
    ],
    [
      "an ACL namespace rule without its name",
      'namespace {\n  policy = "read"\n}',
      'error missing-label 1:1 A "namespace" block needs a name',
    ],
    [
      "a node pool block given twice (HCL2)",
      'node_pool "a" {\n  description = "x"\n}\nnode_pool "b" {\n  description = "y"\n}',
      'error duplicate-block 4:1 Only one "node_pool" block is allowed here.',
    ],
    [
      "an attribute given twice under HCL2",
      'node_pool "a" {\n  description = "x"\n  description = "y"\n}',
      'error duplicate-attribute 3:3 "description" is already set in this block.',
    ],
    [
      "a map block given as an attribute under HCL2",
      'node_pool "a" {\n  description = "x"\n  meta = {\n    a = "b"\n  }\n}',
      'error expected-block 3:3 "meta" is a block',
    ],
    [
      "an attribute given twice under HCL1",
      'data_dir = "/a"\ndata_dir = "/b"',
      'warning duplicate-attribute 2:1 "data_dir" is already set in this block. Only the last value is used.',
    ],
  ])("%s", (_, text, expected) => {
    expect(found(text).join("\n")).toContain(expected);
  });

  it.each([
    ["quoted option keys", 'client {\n  options {\n    "driver.raw_exec.enable" = "1"\n  }\n}'],
    ["dotted option keys", 'client {\n  options {\n    driver.allowlist = "docker"\n  }\n}'],
    ["a block written as name = { … }", 'client = {\n  enabled = true\n  node_pool = "gpu"\n}'],
    ["a nested block as a label", 'client "meta" {\n  "rack" = "r1"\n}'],
    ["a repeated block, merged", 'client {\n  enabled = true\n}\nclient {\n  node_class = "x"\n}'],
    ["strings for numbers and bools", 'client {\n  enabled = "true"\n  cpu_total_compute = "1000"\n}'],
    [
      "unquoted-in-HCL1 numbers for strings",
      "client {\n  meta {\n    rack = 1\n  }\n  max_kill_timeout = 30\n}",
    ],
    ["a single value for a list", 'server {\n  enabled_schedulers = "service"\n}'],
    [
      "an agent plugin's own config",
      'plugin "docker" {\n  config {\n    anything = true\n    volumes {\n      enabled = true\n    }\n  }\n}',
    ],
    [
      "a keyring's provider settings",
      'keyring "awskms" {\n  active = true\n  region = "us-east-1"\n  kms_key_id = "k"\n}',
    ],
    [
      "humanize sizes",
      'type = "csi"\nid = "v"\nplugin_id = "p"\ncapacity_min = "20G"\ncapacity_max = "1TiB"\ncapability {\n  access_mode = "single-node-writer"\n  attachment_mode = "file-system"\n}',
    ],
    [
      "a host volume with a UUID id",
      'type = "host"\nname = "d"\nid = "0430ad8a-7e59-4db9-1cf2-b86238183fd7"\nplugin_id = "mkdir"',
    ],
  ])("accepts %s as Nomad does", (_, text) => {
    expect(found(text, "file:///agent.hcl").filter((d) => d.startsWith("error"))).toEqual([]);
  });
});
