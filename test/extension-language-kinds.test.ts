// The server checks a document as the kind its editor language id names (the extension's
// languageKinds setting), unless the file's own `# nomadkit: kind=…` comment says otherwise.
// Driven over stdio like an editor.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node.js";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("languageKinds", () => {
  let child: ChildProcess;
  let conn: MessageConnection;
  const published = new Map<string, string[]>();

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ["--conditions=source", "--import", "tsx", "language-server/src/server.ts", "--stdio"],
      { cwd: root, stdio: ["pipe", "pipe", "inherit"] },
    );
    if (!child.stdout || !child.stdin) throw new Error("no stdio");
    conn = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    conn.onNotification(
      "textDocument/publishDiagnostics",
      (p: { uri: string; diagnostics: { message: string }[] }) =>
        published.set(
          p.uri,
          p.diagnostics.map((d) => d.message),
        ),
    );
    conn.listen();
    await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: {
        settings: { languageKinds: { "nomad-namespace": "namespace", "nomad-node-pool": "node-pool" } },
      },
    });
    await conn.sendNotification("initialized", {});
  }, 60_000);

  afterAll(() => {
    conn?.dispose();
    child?.kill();
  });

  const open = async (uri: string, languageId: string, text: string) => {
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version: 1, text },
    });
    for (let i = 0; i < 100 && !published.has(uri); i++) await new Promise((r) => setTimeout(r, 50));
    return published.get(uri) ?? [];
  };

  it("the same text is checked as the kind its language id names", async () => {
    const text = 'name = "x"\nfoo = 1\n';
    expect((await open("file:///w/a.hcl", "nomad-namespace", text)).join("\n")).toMatch(
      /not expected in Namespace/,
    );
    expect((await open("file:///w/b.hcl", "nomad-node-pool", text)).join("\n")).toMatch(
      /not expected in nodePoolSpec/,
    );
  });

  it("the file's kind comment wins over the language id", async () => {
    const text = '# nomadkit: kind=namespace\nname = "x"\nfoo = 1\n';
    expect((await open("file:///w/c.hcl", "nomad-node-pool", text)).join("\n")).toMatch(
      /not expected in Namespace/,
    );
  });
});
