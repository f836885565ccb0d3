// Language server numbers: analyze the whole corpus (against @cdktf/hcl2json, Nomad's Go HCL
// parser built to WebAssembly, parsing the same files in the same run), diagnostics and
// completion latency in a 10,000-line job after one-character edits, and the server's
// memory once the corpus is open.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { analyzeDocument } from "nomadkit/analysis";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { complete } from "../../language-server/src/features/completion.js";
import { CORPUS_DIR, corpusFiles, readCorpus } from "../../test/harness/corpus.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

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

  // 1. The whole corpus: parse + analyze, best of 5, against hcl2json parsing the same files.
  const analyzeAll = () => {
    for (const { f, text } of files) analyzeDocument(f, text);
  };
  analyzeAll();
  const ours = bestOf(5, analyzeAll);
  console.log(
    `analyze ${files.length} corpus files (${(bytes / 1024).toFixed(0)} KiB): best ${ours.toFixed(1)} ms of 5`,
  );
  try {
    const { parse } = (await import("@cdktf/hcl2json")) as {
      parse: (f: string, s: string) => Promise<unknown>;
    };
    const parseAll = async () => {
      for (const { f, text } of files) await parse(f, text).catch(() => undefined);
    };
    await parseAll();
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      await parseAll();
      best = Math.min(best, performance.now() - t0);
    }
    console.log(
      `@cdktf/hcl2json parse of the same files: best ${best.toFixed(1)} ms of 5 → ours/theirs ${(ours / best).toFixed(2)} (goal ≤ 0.5)`,
    );
  } catch (error) {
    console.log(`@cdktf/hcl2json not available (${(error as Error).message}): npm install at the repo root`);
  }

  // 2. Diagnostics after a one-character edit in a 10,000-line job (what the server runs after its debounce).
  const text = bigJob(10_000);
  let doc = TextDocument.create("file:///big.nomad.hcl", "hcl", 1, text);
  const editAt = text.indexOf("svc-1") + 4;
  const diagnostics: number[] = [];
  const completions: number[] = [];
  analyzeDocument(doc.uri, doc.getText());
  for (let i = 0; i < 50; i++) {
    const pos = doc.positionAt(editAt);
    doc = TextDocument.update(
      doc,
      [{ range: { start: pos, end: pos }, text: i % 2 ? "x" : "y" }],
      doc.version + 1,
    );
    const t0 = performance.now();
    const analysis = analyzeDocument(doc.uri, doc.getText());
    diagnostics.push(performance.now() - t0);
    // Completion on the analysis of the current version, in the first task's config block.
    const offset = doc.getText().indexOf('image = "nginx') - 1;
    const at = doc.positionAt(offset);
    const t1 = performance.now();
    complete({ analysis, text: doc.getText(), offset, line: at.line, character: at.character });
    completions.push(performance.now() - t1);
  }
  console.log(
    `diagnostics after a 1-char edit, ${text.split("\n").length} lines: p50 ${percentile(diagnostics, 50).toFixed(1)} ms, p95 ${percentile(diagnostics, 95).toFixed(1)} ms (goal p95 < 50)`,
  );
  console.log(
    `completion (analysis current): p50 ${percentile(completions, 50).toFixed(2)} ms, p95 ${percentile(completions, 95).toFixed(2)} ms (goal p95 < 15)`,
  );

  // 3. The real server's memory once every corpus file is open and analyzed.
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "language-server/src/server.ts", "--stdio"],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  let published = 0;
  conn.onNotification("textDocument/publishDiagnostics", () => {
    published++;
  });
  conn.listen();
  await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  await conn.sendNotification("initialized", {});
  const before = (await conn.sendRequest("nomadkit/stats")) as { memory: NodeJS.MemoryUsage };
  for (const { f, text: t } of files)
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: `file:///corpus/${f}`, languageId: "hcl", version: 1, text: t },
    });
  while (published < files.length) await new Promise((r) => setTimeout(r, 20));
  const after = (await conn.sendRequest("nomadkit/stats")) as { memory: NodeJS.MemoryUsage };
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  console.log(
    `server memory with ${files.length} corpus files open: RSS ${mib(after.memory.rss)} (idle ${mib(before.memory.rss)}), heap ${mib(after.memory.heapUsed)} (idle ${mib(before.memory.heapUsed)})`,
  );
  await conn.sendRequest("shutdown");
  await conn.sendNotification("exit");
  conn.dispose();
  child.kill();
}

function bestOf(n: number, run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLanguageServer();
