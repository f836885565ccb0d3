// Protocol test: the real language server process over stdio, driven by vscode-jsonrpc
// as an editor would drive it. Results are asserted literally.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type LanguageServerProcess, startLanguageServer } from "@nomadkit/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageConnection } from "vscode-jsonrpc/node.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const uri = "file:///work/web.nomad.hcl";
const source = `job "web" {
  type = "servce"
  group "api" {
    network {
      port "http" {}
    }
    task "app" {
      driver = "docker"
      config {
        image = "nginx"
      }
    }
    service {
      port = "htp"
    }
  }
}
`;

type Diag = { range: unknown; message: string; code: string; severity: number };

describe("language server over stdio", () => {
  let server: LanguageServerProcess;
  let conn: MessageConnection;
  const published: Array<{ uri: string; version?: number; diagnostics: Diag[] }> = [];
  let waiters: Array<() => void> = [];
  /** Resolves once a publish for `version` (any, if undefined) has arrived. */
  const diagnosticsFor = (version?: number) =>
    new Promise<(typeof published)[number]>((done) => {
      const check = () => {
        const hit = published.find((p) => version === undefined || p.version === version);
        if (hit) done(hit);
        else waiters.push(check);
      };
      check();
    });

  beforeAll(async () => {
    server = await startLanguageServer({ diagnosticsDelay: 20 });
    conn = server.conn;
    conn.onNotification(
      "textDocument/publishDiagnostics",
      (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
        published.push(p);
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      },
    );
    const init = server.initialized;
    expect(init.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "hcl", version: 1, text: source },
    });
  }, 60_000);

  afterAll(() => server.stop());

  it("publishes diagnostics on open", async () => {
    const first = await diagnosticsFor(1);
    expect(first?.uri).toBe(uri);
    expect(first?.diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([
      ["bad-enum", 1, { start: { line: 1, character: 9 }, end: { line: 1, character: 17 } }],
      ["undeclared-port", 1, { start: { line: 13, character: 14 }, end: { line: 13, character: 17 } }],
    ]);
    expect(first?.diagnostics[1]?.message).toBe(
      `port "htp" is not declared in group "api". Did you mean "http"? Add port "htp" to the group's network block.`,
    );
  });

  it("completes attribute and block names for the cursor's block", async () => {
    const items = (await conn.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: { line: 9, character: 8 },
    })) as Array<{ label: string; textEdit?: { newText: string } }>;
    const labels = items.map((i) => i.label);
    expect(labels).toContain("ports");
    expect(labels).toContain("mount");
    expect(labels).not.toContain("image"); // already set
    const mount = items.find((i) => i.label === "mount");
    expect(mount?.textEdit?.newText).toMatch(/^mount \{\n/);
  });

  it("completes enum values and port labels", async () => {
    // Inside the quotes of type = "servce".
    const types = (await conn.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: { line: 1, character: 12 },
    })) as Array<{ label: string; detail?: string; documentation?: { kind: string; value: string } }>;
    expect(types.map((i) => i.label)).toEqual(["service", "batch", "system", "sysbatch"]);
    // The detail is plain text; the description, with its `code`, is Markdown documentation.
    expect(types[0]?.detail).toBe("type value");
    expect(types[0]?.documentation).toMatchObject({
      kind: "markdown",
      value: expect.stringContaining("`batch`"),
    });
    const ports = (await conn.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: { line: 13, character: 15 },
    })) as Array<{ label: string }>;
    expect(ports.map((i) => i.label)).toEqual(["http"]);
  });

  it("hovers with our docs, type and default", async () => {
    const h = (await conn.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    })) as {
      contents: { kind: string; value: string };
      range: unknown;
    };
    expect(h.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 1, character: 6 } });
    expect(h.contents.value.split("\n")[0]).toBe("**type** `string`");
    expect(h.contents.value).toContain('Default: `"service"`');
  });

  it("gives the outline", async () => {
    const symbols = (await conn.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri },
    })) as Array<{
      name: string;
      children?: Array<{ name: string; children?: Array<{ name: string }> }>;
    }>;
    expect(symbols.map((s) => s.name)).toEqual(['job "web"']);
    expect(symbols[0]?.children?.map((c) => c.name)).toEqual(["type", 'group "api"']);
    expect(symbols[0]?.children?.[1]?.children?.map((c) => c.name)).toEqual([
      "network",
      'task "app"',
      "service",
    ]);
  });

  it("formats in process", async () => {
    const edits = (await conn.sendRequest("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    })) as Array<{ newText: string }>;
    expect(edits).toEqual([]); // already in nomad fmt form
  });

  it("goes to a port's declaration and renames it", async () => {
    await conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 13, character: 15 }, end: { line: 13, character: 15 } }, text: "t" },
      ],
    });
    const defs = (await conn.sendRequest("textDocument/definition", {
      textDocument: { uri },
      position: { line: 13, character: 15 },
    })) as unknown[];
    expect(defs).toEqual([
      { uri, range: { start: { line: 4, character: 12 }, end: { line: 4, character: 16 } } },
    ]);
    const edit = (await conn.sendRequest("textDocument/rename", {
      textDocument: { uri },
      position: { line: 4, character: 13 },
      newName: "web",
    })) as { changes: Record<string, unknown[]> };
    expect(edit.changes[uri]).toHaveLength(2);
  });

  it("re-publishes diagnostics after an incremental change", async () => {
    // Fix the enum typo: "servce" → "service" by inserting one character.
    await conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 3 },
      contentChanges: [
        { range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } }, text: "i" },
      ],
    });
    const last = await diagnosticsFor(3);
    expect(last?.diagnostics).toEqual([]);
  });

  it("offers a quick fix for a typo", async () => {
    const actions = (await conn.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 13, character: 6 }, end: { line: 13, character: 6 } },
      context: { diagnostics: [] },
    })) as Array<{ title: string }>;
    // Convert is offered on the job's line only: no lightbulb on every line of a job file.
    expect(actions.map((a) => a.title)).toEqual(["Add a health check to this service"]);
    const onJob = (await conn.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } },
      context: { diagnostics: [] },
    })) as Array<{ title: string; command?: { command: string; arguments: string[] } }>;
    expect(onJob.map((a) => [a.title, a.command])).toEqual([
      [
        "Convert to nomadkit TypeScript",
        {
          title: "Open the converted file",
          command: "nomadkit.openFile",
          arguments: ["file:///work/web.ts"],
        },
      ],
    ]);
  });

  it("finds references, folds blocks, expands selections and colours tokens", async () => {
    const doc = { textDocument: { uri } };
    const refs = await conn.sendRequest("textDocument/references", {
      ...doc,
      position: { line: 4, character: 13 },
      context: { includeDeclaration: true },
    });
    const folds = await conn.sendRequest("textDocument/foldingRange", doc);
    const selections = await conn.sendRequest("textDocument/selectionRange", {
      ...doc,
      positions: [{ line: 9, character: 17 }],
    });
    const tokens = (await conn.sendRequest("textDocument/semanticTokens/full", doc)) as { data: number[] };
    const at = (line: number, from: number, to: number) => ({
      uri,
      range: { start: { line, character: from }, end: { line, character: to } },
    });
    expect(refs).toEqual([at(4, 12, 16), at(13, 14, 18)]);
    expect(folds).toEqual([
      { startLine: 0, endLine: 15 },
      { startLine: 2, endLine: 14 },
      { startLine: 3, endLine: 4 },
      { startLine: 6, endLine: 10 },
      { startLine: 8, endLine: 9 },
      { startLine: 12, endLine: 13 },
    ]);
    // From the string "nginx" out to its attribute, the config body and the config block.
    type Sel = {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      parent?: Sel;
    };
    const chain: string[] = [];
    for (let sel: Sel | undefined = (selections as Sel[])[0]; sel; sel = sel.parent) {
      chain.push(
        `${sel.range.start.line}:${sel.range.start.character}-${sel.range.end.line}:${sel.range.end.character}`,
      );
    }
    expect(chain.slice(0, 4)).toEqual(["9:16-9:23", "9:8-9:23", "8:14-10:6", "8:6-10:7"]);
    expect(chain.at(-1)).toBe("0:0-17:0");
    // Relative-encoded tokens, five numbers each; the first is the `job` keyword at 0:0.
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.slice(0, 3)).toEqual([0, 0, 3]);
  });
  describe("agent configs and ACL policies", () => {
    const agentUri = "file:///etc/nomad.d/client.hcl";
    const agent = `data_dirr = "/opt/nomad"

client {
  enabled = true
  options {
    "driver.raw_exec.enable" = "1"
  }

}
`;
    const aclUri = "file:///work/policies/dev.hcl";
    const acl = `namespace "default" {
  polcy = "read"
}

node {
  policy = "read"
}
`;
    /** The first publish for a document, whatever its version. */
    const publishedFor = (docUri: string) =>
      new Promise<(typeof published)[number]>((done) => {
        const check = () => {
          const hit = published.find((p) => p.uri === docUri);
          if (hit) done(hit);
          else waiters.push(check);
        };
        check();
      });

    beforeAll(async () => {
      for (const [docUri, text] of [
        [agentUri, agent],
        [aclUri, acl],
      ] as const)
        await conn.sendNotification("textDocument/didOpen", {
          textDocument: { uri: docUri, languageId: "hcl", version: 1, text },
        });
    });

    it("publishes a misspelled attribute in an agent config and in an ACL policy", async () => {
      const agentDiags = await publishedFor(agentUri);
      expect(agentDiags.diagnostics.map((d) => [d.code, d.severity, d.range, d.message])).toEqual([
        [
          "unknown-attribute",
          1,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
          'An attribute named "data_dirr" is not expected at the top of this file. Did you mean "data_dir"?',
        ],
      ]);
      const aclDiags = await publishedFor(aclUri);
      expect(aclDiags.diagnostics.map((d) => [d.code, d.severity, d.range, d.message])).toEqual([
        [
          "unknown-attribute",
          1,
          { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } },
          'An attribute named "polcy" is not expected in a "namespace" block. Did you mean "policy"?',
        ],
      ]);
    });

    it("completes node_pool inside client {}", async () => {
      const items = (await conn.sendRequest("textDocument/completion", {
        textDocument: { uri: agentUri },
        position: { line: 7, character: 2 },
      })) as Array<{ label: string; textEdit?: { newText: string } }>;
      const labels = items.map((i) => i.label);
      expect(labels).toContain("node_pool");
      expect(labels).not.toContain("enabled"); // already set
      expect(items.find((i) => i.label === "node_pool")?.textEdit?.newText).toBe('node_pool = "${1}"');
    });

    it("completes an ACL rule's policy values", async () => {
      const items = (await conn.sendRequest("textDocument/completion", {
        textDocument: { uri: aclUri },
        position: { line: 5, character: 12 },
      })) as Array<{ label: string }>;
      expect(items.map((i) => i.label)).toEqual(["deny", "read", "write", "scale"]);
    });

    it("hovers an agent attribute and an ACL block", async () => {
      const h = (await conn.sendRequest("textDocument/hover", {
        textDocument: { uri: agentUri },
        position: { line: 3, character: 4 },
      })) as { contents: { value: string }; range: unknown };
      expect(h.range).toEqual({ start: { line: 3, character: 2 }, end: { line: 3, character: 9 } });
      expect(h.contents.value).toBe(
        "**enabled** `bool`\n\nWhen true, this agent runs as a client and accepts work. Defaults to false.\n\nDefault: `false`\n\n_In an agent configuration, block `client`._",
      );
      const block = (await conn.sendRequest("textDocument/hover", {
        textDocument: { uri: aclUri },
        position: { line: 4, character: 1 },
      })) as { contents: { value: string } };
      expect(block.contents.value).toBe(
        "**node** `block`\n\nRules for client node endpoints: reading nodes, draining, eligibility and node pools' nodes.\n\n_In an ACL policy, at the top level._",
      );
    });

    it("offers the did-you-mean fix and outlines the file", async () => {
      const diags = (await publishedFor(aclUri)).diagnostics;
      const actions = (await conn.sendRequest("textDocument/codeAction", {
        textDocument: { uri: aclUri },
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } },
        context: { diagnostics: diags },
      })) as Array<{ title: string }>;
      expect(actions.map((a) => a.title)).toContain("Change to policy");
      const symbols = (await conn.sendRequest("textDocument/documentSymbol", {
        textDocument: { uri: aclUri },
      })) as Array<{ name: string; children?: Array<{ name: string }> }>;
      expect(symbols.map((s) => [s.name, s.children?.map((c) => c.name)])).toEqual([
        ['namespace "default"', ["polcy"]],
        ["node", ["policy"]],
      ]);
    });
  });

  // Every name a user writes in an agent config, an ACL policy or a volume spec hovers with our
  // one-line description and the block it sits in, never the Go struct behind it.
  describe("descriptions for every file kind", () => {
    const docs: Record<string, string> = {
      "file:///etc/nomad.d/server.hcl": `data_dir  = "/opt/nomad/data"
bind_addr = "0.0.0.0"
server {
  enabled          = true
  bootstrap_expect = 3
  server_join {
    retry_join = ["provider=aws tag_key=role tag_value=nomad-server"]
  }
}
client {
  enabled   = true
  node_pool = "gpu"
  host_volume "data" {
    path      = "/srv/data"
    read_only = false
  }
  reserved {
    cpu = 500
  }
}
tls {
  http = true
  rpc  = true
}
telemetry {
  prometheus_metrics = true
}
`,
      "file:///work/policies/ops.hcl": `namespace "default" {
  policy       = "read"
  capabilities = ["submit-job"]
  variables {
    path "nomad/jobs/*" {
      capabilities = ["read"]
    }
  }
}
node_pool "gpu" {
  policy = "write"
}
operator {
  policy = "read"
}
`,
      "file:///work/volumes/db.volume.hcl": `type      = "csi"
id        = "db"
name      = "db"
plugin_id = "aws-ebs0"
capacity_min = "10GiB"
capability {
  access_mode     = "single-node-writer"
  attachment_mode = "file-system"
}
mount_options {
  fs_type = "ext4"
}
topology_request {
  required {
    topology {
      segments {
        "topology.ebs.csi.aws.com/zone" = "us-east-1a"
      }
    }
  }
}
`,
    };
    /** The kinds' Go struct names that no prose uses (ClientConfig, NamespacePolicy, CSIVolume, …). */
    const schema = JSON.parse(readFileSync(resolve(root, "sdk/src/schema/nomad-schema.json"), "utf8")) as {
      kinds: Record<string, { types: Record<string, unknown> }>;
    };
    const structNames = Object.values(schema.kinds)
      .flatMap((k) => Object.keys(k.types))
      .filter((n) => /[a-z][A-Z]|^[A-Z]{2}/.test(n));
    const goStruct = new RegExp(`\\b(${structNames.join("|")})\\b`);

    beforeAll(async () => {
      for (const [docUri, text] of Object.entries(docs))
        await conn.sendNotification("textDocument/didOpen", {
          textDocument: { uri: docUri, languageId: "hcl", version: 1, text },
        });
    });

    it("hovers every attribute and block name with its description and its block", async () => {
      let hovered = 0;
      for (const [docUri, text] of Object.entries(docs)) {
        const lines = text.split("\n");
        const path: string[] = [];
        for (const [line, content] of lines.entries()) {
          if (/^\s*\}/.test(content)) path.pop();
          const name = /^(\s*)([a-z_]+)\b/.exec(content);
          if (name?.[1] !== undefined && name[2]) {
            const h = (await conn.sendRequest("textDocument/hover", {
              textDocument: { uri: docUri },
              position: { line, character: name[1].length + 1 },
            })) as { contents: { value: string } } | null;
            const where = `${docUri}:${line + 1} ${name[2]}`;
            expect(h, where).not.toBeNull();
            const paragraphs = (h?.contents.value ?? "").split("\n\n");
            expect(paragraphs[0], where).toMatch(new RegExp(`^\\*\\*${name[2]}\\*\\* \``));
            // Our description is the paragraph after the header line.
            expect(paragraphs[1], where).toMatch(/^[A-Z`].{10,}/);
            expect(paragraphs[1], where).not.toMatch(/^(Default: |One of: |Since Nomad |_In )/);
            expect(paragraphs.at(-1), where).toBe(
              `_In ${docUri.includes("policies") ? "an ACL policy" : docUri.includes("volume") ? "a CSI volume spec" : "an agent configuration"}${path.length ? `, block \`${path.join(" › ")}\`` : ", at the top level"}._`,
            );
            expect(h?.contents.value, where).not.toMatch(goStruct);
            hovered++;
          }
          if (/\{\s*$/.test(content)) path.push(name?.[2] ?? "");
        }
      }
      expect(hovered).toBe(44);
    });

    it("shows the description of a field literally", async () => {
      const h = (await conn.sendRequest("textDocument/hover", {
        textDocument: { uri: "file:///work/volumes/db.volume.hcl" },
        position: { line: 3, character: 2 },
      })) as { contents: { value: string } };
      expect(h.contents.value).toBe(
        "**plugin_id** `string`\n\nID of the CSI plugin (the `csi_plugin` block's `id` in the plugin job) that manages this volume. Required.\n\n_In a CSI volume spec, at the top level._",
      );
    });

    it("gives every completion item its description as documentation", async () => {
      const at = [
        ["file:///etc/nomad.d/server.hcl", 17, 4], // in client › reserved
        ["file:///etc/nomad.d/server.hcl", 22, 2], // in tls
        ["file:///work/policies/ops.hcl", 1, 2], // in namespace
        ["file:///work/volumes/db.volume.hcl", 10, 2], // in mount_options
      ] as const;
      for (const [docUri, line, character] of at) {
        const items = (await conn.sendRequest("textDocument/completion", {
          textDocument: { uri: docUri },
          position: { line, character },
        })) as Array<{ label: string; detail?: string; documentation?: { kind: string; value: string } }>;
        expect(items.length, `${docUri}:${line + 1}`).toBeGreaterThan(0);
        for (const item of items) {
          const where = `${docUri}:${line + 1} ${item.label}`;
          expect(item.documentation?.kind, where).toBe("markdown");
          expect(item.documentation?.value.split("\n\n")[1], where).toMatch(/^[A-Z`].{10,}/);
          expect(`${item.detail} ${item.documentation?.value}`, where).not.toMatch(goStruct);
        }
      }
    });
  });

  // A second document for runtime names and half-written input, so the tests above keep theirs.
  const runtimeUri = "file:///work/frontend.nomad.hcl";
  const runtimeSource = `job "shop" {
  constraint {
    attribute = "\${attr.kernel.name}"
    value     = "linux"
  }
  group "web" {
    network {
      port "frontend" {}
    }
    task "app" {
      driver = "docker"
      env {
        PORT = "\${NOMAD_PORT_frontend}"
      }
      template {
        data        = <<-EOT
          listen={{ env "NOMAD_ADDR_frontend" }}
        EOT
        destination = "local/app.env"
      }
    }
  }
}
`;
  const open = async (u: string, text: string) => {
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: u, languageId: "hcl", version: 1, text },
    });
  };

  it("hovers on ${NOMAD_PORT_x} and on attr.*", async () => {
    await open(runtimeUri, runtimeSource);
    const hoverAt = async (line: number, character: number) =>
      (await conn.sendRequest("textDocument/hover", {
        textDocument: { uri: runtimeUri },
        position: { line, character },
      })) as { contents: { value: string }; range: unknown };
    const port = await hoverAt(12, 24);
    expect(port.range).toEqual({ start: { line: 12, character: 18 }, end: { line: 12, character: 37 } });
    expect(port.contents.value).toBe(
      "**NOMAD_PORT_frontend** · port `frontend` (run time)\n\n" +
        "The port number the task should listen on (its `to` value when mapped, else the host port).\n\n" +
        "Reads port `frontend`, declared on line 8.",
    );
    const attr = await hoverAt(2, 24);
    expect(attr).toEqual({
      contents: {
        kind: "markdown",
        value:
          "**attr.kernel.name** · node attribute (run time)\n\nOperating system kernel family: `linux`, `darwin`, `windows`, …",
      },
      range: { start: { line: 2, character: 19 }, end: { line: 2, character: 35 } },
    });
  });

  it("renames a port together with its runtime references", async () => {
    const edit = (await conn.sendRequest("textDocument/rename", {
      textDocument: { uri: runtimeUri },
      position: { line: 7, character: 14 },
      newName: "ui",
    })) as { changes: Record<string, Array<{ range: unknown; newText: string }>> };
    const at = (line: number, from: number, to: number) => ({
      range: { start: { line, character: from }, end: { line, character: to } },
      newText: "ui",
    });
    expect(edit.changes[runtimeUri]).toEqual([at(7, 12, 20), at(12, 29, 37), at(16, 36, 44)]);
    // And from a runtime name inside the template: the same edit.
    const fromTemplate = (await conn.sendRequest("textDocument/rename", {
      textDocument: { uri: runtimeUri },
      position: { line: 16, character: 40 },
      newName: "ui",
    })) as { changes: Record<string, unknown[]> };
    expect(fromTemplate.changes[runtimeUri]).toEqual(edit.changes[runtimeUri]);
  });

  it("completes below an unclosed block", async () => {
    const halfUri = "file:///work/half.nomad.hcl";
    await open(
      halfUri,
      'job "x" {\n  group "g" {\n    network {\n      port "http" {\n    }\n    task "t" {\n      \n    }\n  }\n}\n',
    );
    const items = (await conn.sendRequest("textDocument/completion", {
      textDocument: { uri: halfUri },
      position: { line: 6, character: 6 },
    })) as Array<{ label: string }>;
    const labels = items.map((i) => i.label);
    expect(labels).toContain("driver");
    expect(labels).toContain("template");
  });
});
