// The real language server as an editor starts it: its own process, JSON-RPC over stdio,
// initialized. Shared by the protocol tests and the LSP bench, so both measure the same thing.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

export interface LanguageServerProcess {
  readonly conn: MessageConnection;
  /** What the server answered to `initialize`. */
  readonly initialized: { capabilities: Record<string, unknown> };
  /** shutdown, exit, then the process is gone. */
  stop(): Promise<void>;
}

/** Starts language-server/src/server.ts with `settings` as its initialization settings. */
export async function startLanguageServer(
  settings: Record<string, unknown> = {},
  /** Added to the server's environment, as the extension gives it the cluster's ACL token. */
  env: Record<string, string> = {},
): Promise<LanguageServerProcess> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "language-server/src/server.ts", "--stdio"],
    { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, ...env } },
  );
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  conn.listen();
  const initialized = (await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { settings },
  })) as LanguageServerProcess["initialized"];
  await conn.sendNotification("initialized", {});
  return {
    conn,
    initialized,
    async stop() {
      await conn.sendRequest("shutdown").catch(() => {});
      await conn.sendNotification("exit").catch(() => {});
      conn.dispose();
      child.kill();
    },
  };
}
