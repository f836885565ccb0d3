// The server checks a document as the kind its editor language id names (the extension's
// languageKinds setting), unless the file's own `# nomadkit: kind=…` comment says otherwise.
// The extension gives every `.hcl` it opens the language of the kind the server detects from
// its content (`nomadkit/fileKind`, the detection `nomadkit lint` uses), the name only a hint.
// Driven over stdio like an editor.
import { type LanguageServerProcess, startLanguageServer } from "@nomadkit/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageConnection } from "vscode-jsonrpc/node.js";
import { languageForDetected } from "../extension/src/languages.js";

describe("languageKinds", () => {
  let server: LanguageServerProcess;
  let conn: MessageConnection;
  const published = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startLanguageServer({
      languageKinds: { "nomad-namespace": "namespace", "nomad-node-pool": "node-pool" },
    });
    conn = server.conn;
    conn.onNotification(
      "textDocument/publishDiagnostics",
      (p: { uri: string; diagnostics: { message: string }[] }) =>
        published.set(
          p.uri,
          p.diagnostics.map((d) => d.message),
        ),
    );
  }, 60_000);

  afterAll(() => server?.stop());

  const open = async (uri: string, languageId: string, text: string) => {
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version: 1, text },
    });
    for (let i = 0; i < 100 && !published.has(uri); i++) await new Promise((r) => setTimeout(r, 50));
    return published.get(uri) ?? [];
  };

  it("the same text is checked as the kind its language id names", async () => {
    // A namespace spec takes a quota; a node pool spec doesn't.
    const text = 'name = "x"\nquota = "q"\n';
    expect(await open("file:///w/a.hcl", "nomad-namespace", text)).toEqual([]);
    expect((await open("file:///w/b.hcl", "nomad-node-pool", text)).join("\n")).toMatch(
      /"quota" is not expected at the top of this file/,
    );
  });

  const POLICY = `namespace "default" {
  policy       = "read"
  capabilities = ["submit-job", "read-logs"]
}

node {
  policy = "read"
}
`;
  const CLIENT = `data_dir = "/opt/nomad/data"

client {
  enabled    = true
  node_pool  = "gpu"
  servers    = ["10.0.0.10:4647"]
  meta {
    has-gpu = "true"
  }
}
`;
  const VOLUME = `id        = "db"
name      = "db"
type      = "csi"
plugin_id = "ebs"

capability {
  access_mode     = "single-node-writer"
  attachment_mode = "file-system"
}
`;
  const JOB = 'job "web" {\n  group "app" {\n    task "main" {\n      driver = "docker"\n    }\n  }\n}\n';
  const kindOf = async (uri: string, text: string) =>
    (await conn.sendRequest<{ kind: string }>("nomadkit/fileKind", { uri, text })).kind;

  it("policy, client config and volume spec get their kind by content under any name", async () => {
    for (const name of ["policy.hcl", "a.hcl", "client.hcl", "db.volume.hcl", "web.nomad.hcl"]) {
      const uri = `file:///w/${name}`;
      expect(await kindOf(uri, POLICY), `${name} holding a policy`).toBe("acl-policy");
      expect(await kindOf(uri, CLIENT), `${name} holding a client config`).toBe("agent");
      expect(await kindOf(uri, VOLUME), `${name} holding a volume spec`).toBe("volume");
      expect(await kindOf(uri, JOB), `${name} holding a job`).toBe("job");
    }
  });

  it("the name is a hint for a file whose content says nothing yet; the kind comment wins", async () => {
    expect(await kindOf("file:///w/db.volume.hcl", "")).toBe("volume");
    expect(await kindOf("file:///w/web.nomad.hcl", "")).toBe("job");
    expect(await kindOf("file:///w/main.hcl", 'terraform {\n  required_version = ">= 1.5"\n}\n')).toBe(
      "other",
    );
    expect(await kindOf("file:///w/x.hcl", `# nomadkit: kind=agent\n${POLICY}`)).toBe("agent");
  });

  it("the extension switches to the detected kind's language, and leaves other files alone", () => {
    // policy.hcl opened as Plain Text, client.hcl given the agent language by its name.
    expect(languageForDetected("plaintext", "acl-policy")).toBe("nomad-acl-policy");
    expect(languageForDetected("hcl", "volume")).toBe("nomad-volume");
    expect(languageForDetected("nomad-agent", "job")).toBe("nomad");
    expect(languageForDetected("nomad-agent", "agent")).toBeUndefined();
    expect(languageForDetected("hcl", "other")).toBeUndefined();
    expect(languageForDetected("plaintext", "quota")).toBeUndefined();
  });

  it("the file's kind comment wins over the language id", async () => {
    const text = '# nomadkit: kind=namespace\nname = "x"\nquota = "q"\nfoo = 1\n';
    expect((await open("file:///w/c.hcl", "nomad-node-pool", text)).join("\n")).toMatch(
      /^An attribute named "foo" is not expected at the top of this file\. This Nomad version ignores or refuses it\.$/,
    );
  });
});
