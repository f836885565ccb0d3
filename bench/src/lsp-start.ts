// Language server start and idle memory: the esbuild bundle the VS Code extension ships
// (extension/dist/server.cjs) against the unbundled server (language-server/dist/server.js,
// what `nomadkit-language-server` runs), with `node -e` answering the same handshake as the
// floor, all measured in this run. Start = spawn until the initialize response; memory =
// RSS after one job file is opened and analyzed, then a second idle.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RUNS = 7;
const JOB = readFileSync(`${ROOT}bench/fixtures/web.nomad.hcl`, "utf8");

/** A process that answers `initialize` and nothing else: node's own start and stdio. */
const FLOOR = `process.stdin.on("data", (d) => { const m = /"id":(\\d+)/.exec(String(d)); if (m) {
  const body = JSON.stringify({ jsonrpc: "2.0", id: Number(m[1]), result: { capabilities: {} } });
  process.stdout.write("Content-Length: " + Buffer.byteLength(body) + "\\r\\n\\r\\n" + body); } });`;

interface Sample {
  startMs: number;
  rssMiB?: number;
}

async function once(args: string[], openJob: boolean): Promise<Sample> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "ignore"] });
  if (!child.stdout || !child.stdin) throw new Error("no stdio");
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  conn.listen();
  try {
    await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    const startMs = performance.now() - t0;
    if (!openJob) return { startMs };
    await conn.sendNotification("initialized", {});
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: "file:///bench/web.nomad.hcl", languageId: "nomad", version: 1, text: JOB },
    });
    await conn.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri: "file:///bench/web.nomad.hcl" },
    });
    await sleep(1000);
    return { startMs, rssMiB: rssOf(child.pid) };
  } finally {
    conn.dispose();
    child.kill();
  }
}

function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(name: string, args: string[], openJob = true) {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once(args, openJob));
  const start = median(samples.map((s) => s.startMs));
  const rss = openJob ? median(samples.map((s) => s.rssMiB ?? 0)) : undefined;
  console.log(
    `${name.padEnd(34)} start ${start.toFixed(0).padStart(4)} ms (median of ${RUNS})${rss ? `  idle RSS ${rss.toFixed(1)} MiB` : ""}`,
  );
  return { start, rss };
}

export async function benchLanguageServerStart(): Promise<void> {
  const bundle = `${ROOT}extension/dist/server.cjs`;
  const unbundled = `${ROOT}language-server/dist/server.js`;
  if (!existsSync(bundle))
    spawnSync("npm", ["run", "build", "-w", "extension", "--", "--production"], { cwd: ROOT });
  if (!existsSync(unbundled)) {
    console.log("lsp-start: language-server/dist missing; run npm run build first");
    return;
  }
  const floor = await measure("node (handshake only, the floor)", ["-e", FLOOR], false);
  const before = await measure("unbundled language-server/dist", [unbundled, "--stdio"]);
  const after = await measure("bundled extension/dist/server.cjs", [bundle, "--stdio"]);
  console.log(
    `bundle vs unbundled: start ×${(before.start / after.start).toFixed(2)} faster, ` +
      `${((before.rss ?? 0) - (after.rss ?? 0)).toFixed(1)} MiB less; start above node's floor: ` +
      `${(after.start - floor.start).toFixed(0)} ms bundled, ${(before.start - floor.start).toFixed(0)} ms unbundled`,
  );
}
