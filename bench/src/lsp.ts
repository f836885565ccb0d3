// Language server numbers: analyze the whole corpus in-process (against @cdktf/hcl2json, Nomad's
// Go HCL parser built to WebAssembly, parsing the same files in the same run, median against
// median), then the real server over stdio JSON-RPC as an editor drives it: diagnostics latency
// from didChange to publishDiagnostics after one-character edits in a 10,000-line job,
// completion latency (request to response), and the server's memory once the corpus is open.
import { fileURLToPath } from "node:url";
import {
  CORPUS_DIR,
  corpusFiles,
  type LanguageServerProcess,
  readCorpus,
  startLanguageServer,
} from "@nomadkit/dev";
import { analyzeDocument } from "nomadkit/analysis";
import type { MessageConnection } from "vscode-jsonrpc/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { show, summarize, timed } from "./stats.js";

const EDITS = 50;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** A job with enough groups to reach `lines` lines. */
function bigJob(lines: number): string {
  const group = (i: number) => `  group "g${i}" {
    count = 2
    network {
      port "http" {}
    }
    service {
      name = "svc-${i}"
      port = "http"
      check {
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "2s"
      }
    }
    task "app" {
      driver = "docker"
      config {
        image = "nginx:1.27"
        ports = ["http"]
      }
      env {
        PORT = "\${NOMAD_PORT_http}"
      }
      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
`;
  const groupLines = group(0).split("\n").length - 1;
  const parts = ['job "big" {\n  datacenters = ["dc1"]\n'];
  for (let i = 0; i * groupLines < lines - 3; i++) parts.push(group(i));
  parts.push("}\n");
  return parts.join("");
}

export async function benchLanguageServer(): Promise<void> {
  const names = corpusFiles();
  if (names.length === 0) {
    console.log(`lsp skipped: no corpus at ${CORPUS_DIR}`);
    return;
  }
  const files = names.map((f) => ({ f, text: readCorpus(f) }));
  const bytes = files.reduce((n, x) => n + x.text.length, 0);

  // 1. The whole corpus: parse + analyze, against hcl2json parsing the same files; medians of 5.
  const analyzeAll = () => {
    for (const { f, text } of files) analyzeDocument(f, text);
  };
  analyzeAll();
  const ours = summarize(await timed(5, analyzeAll));
  console.log(`analyze ${files.length} corpus files (${(bytes / 1024).toFixed(0)} KiB): ${show(ours, 1)}`);
  try {
    const { parse } = (await import("@cdktf/hcl2json")) as {
      parse: (f: string, s: string) => Promise<unknown>;
    };
    const parseAll = async () => {
      for (const { f, text } of files) await parse(f, text).catch(() => undefined);
    };
    await parseAll();
    const theirs = summarize(await timed(5, parseAll));
    console.log(
      `@cdktf/hcl2json parse of the same files: ${show(theirs, 1)} → ours/theirs ${(ours.median / theirs.median).toFixed(2)} (medians; goal ≤ 0.5)`,
    );
  } catch (error) {
    console.log(`@cdktf/hcl2json not available (${(error as Error).message}): npm install at the repo root`);
  }

  // 2–4. The real server over stdio, no debounce, so the time is analysis plus the protocol.
  const server = await Server.start();
  try {
    const text = bigJob(10_000);
    const uri = "file:///bench/big.nomad.hcl";
    let doc = TextDocument.create(uri, "hcl", 1, text);
    await server.open(doc);
    const editAt = text.indexOf("svc-1") + 4;
    const diagnostics: number[] = [];
    const completions: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const pos = doc.positionAt(editAt);
      const change = { range: { start: pos, end: pos }, text: i % 2 ? "x" : "y" };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      const t0 = performance.now();
      await server.change(doc, change);
      diagnostics.push(performance.now() - t0);
      // Completion in the first task's config block, on the version just analyzed.
      const at = doc.positionAt(doc.getText().indexOf('image = "nginx') - 1);
      const t1 = performance.now();
      await server.conn.sendRequest("textDocument/completion", { textDocument: { uri }, position: at });
      completions.push(performance.now() - t1);
    }
    const lines = text.split("\n").length;
    const d = summarize(diagnostics);
    console.log(
      `diagnostics, didChange → publishDiagnostics over stdio, 1-char edits in ${lines} lines (${EDITS} edits, debounce 0): p50 ${d.median.toFixed(1)} ms, p95 ${percentile(diagnostics, 95).toFixed(1)} ms, min ${d.min.toFixed(1)}, max ${d.max.toFixed(1)} (goal p95 < 50; editors also wait the 150 ms debounce)`,
    );
    const c = summarize(completions);
    console.log(
      `completion, request → response over stdio (analysis current): p50 ${c.median.toFixed(2)} ms, p95 ${percentile(completions, 95).toFixed(2)} ms, min ${c.min.toFixed(2)}, max ${c.max.toFixed(2)} (goal p95 < 15)`,
    );
    await server.close(doc);

    // The server's memory once every corpus file is open and analyzed.
    const before = await server.stats();
    for (const { f, text: t } of files)
      await server.open(TextDocument.create(`file:///corpus/${f}`, "hcl", 1, t));
    const after = await server.stats();
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
    console.log(
      `server memory with ${files.length} corpus files open: RSS ${mib(after.rss)} (before ${mib(before.rss)}), heap ${mib(after.heapUsed)} (before ${mib(before.heapUsed)})`,
    );
  } finally {
    await server.stop();
  }
}

interface Published {
  uri: string;
  version?: number;
}

/** The language server process and the editor's side of the connection. */
class Server {
  private readonly waiters = new Map<string, { version: number; done: () => void }>();

  private constructor(private readonly process: LanguageServerProcess) {
    const conn = process.conn;
    conn.onNotification("textDocument/publishDiagnostics", (p: Published) => {
      const w = this.waiters.get(p.uri);
      if (w && p.version !== undefined && p.version >= w.version) {
        this.waiters.delete(p.uri);
        w.done();
      }
    });
  }

  get conn(): MessageConnection {
    return this.process.conn;
  }

  static async start(): Promise<Server> {
    return new Server(await startLanguageServer({ diagnosticsDelay: 0 }));
  }

  /** Resolves when diagnostics for `version` (or later) of `uri` are published. */
  private published(uri: string, version: number): Promise<void> {
    return new Promise((done) => this.waiters.set(uri, { version, done }));
  }

  async open(doc: TextDocument): Promise<void> {
    const published = this.published(doc.uri, doc.version);
    await this.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() },
    });
    await published;
  }

  async change(doc: TextDocument, change: { range: unknown; text: string }): Promise<void> {
    const published = this.published(doc.uri, doc.version);
    await this.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: doc.uri, version: doc.version },
      contentChanges: [change],
    });
    await published;
  }

  async close(doc: TextDocument): Promise<void> {
    await this.conn.sendNotification("textDocument/didClose", { textDocument: { uri: doc.uri } });
  }

  async stats(): Promise<NodeJS.MemoryUsage> {
    return ((await this.conn.sendRequest("nomadkit/stats")) as { memory: NodeJS.MemoryUsage }).memory;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLanguageServer();
