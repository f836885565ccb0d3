import { describe, expect, it } from "vitest";
import { file } from "../hcl/ast.js";
import { print } from "../hcl/printer.js";
import { kindBody } from "./kind-file.js";

describe("kindBody", () => {
  it("prints a volume spec the way the csiVolume schema shapes it", () => {
    const text = print(
      file(
        kindBody("csiVolume", {
          plugin_id: "ebs",
          type: "csi",
          id: "data",
          capacity_min: 10 * 2 ** 30,
          parameters: { type: "gp3" },
          capability: [
            { access_mode: "single-node-writer", attachment_mode: "file-system" },
            { access_mode: "single-node-reader-only", attachment_mode: "file-system" },
          ],
          topology_request: {
            required: { topology: [{ segments: { "topology.kubernetes.io/zone": "a" } }] },
          },
          context: {},
          snapshot_id: undefined,
        }),
      ),
    );
    expect(text).toBe(
      [
        'type         = "csi"',
        'id           = "data"',
        'capacity_min = "10GiB"',
        'plugin_id    = "ebs"',
        "parameters = {",
        '  type = "gp3"',
        "}",
        "topology_request {",
        "  required {",
        "    topology {",
        "      segments = {",
        '        "topology.kubernetes.io/zone" = "a"',
        "      }",
        "    }",
        "  }",
        "}",
        "capability {",
        '  access_mode     = "single-node-writer"',
        '  attachment_mode = "file-system"',
        "}",
        "capability {",
        '  access_mode     = "single-node-reader-only"',
        '  attachment_mode = "file-system"',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes labelled blocks from objects keyed by label", () => {
    const rules = kindBody("aclPolicy", {
      namespace: { default: { variables: { path: { "nomad/jobs/web": { capabilities: ["read"] } } } } },
    });
    expect(print(file(rules))).toBe(
      [
        'namespace "default" {',
        "  variables {",
        '    path "nomad/jobs/web" {',
        '      capabilities = ["read"]',
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("refuses a key the kind's schema lacks", () => {
    expect(() => kindBody("hostVolume", { plugin: "mkdir" })).toThrow(
      /hostVolume HostVolume has no "plugin"/,
    );
  });
});
