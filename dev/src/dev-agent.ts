// A real `nomad agent -dev` (server and client in one process) for benches: loopback only, free
// ports, raw_exec on, its own temp data dir. The binary is NOMAD_BIN, `nomad` on PATH, or the
// build the real-agent tests keep in ~/.cache/nomadkit/bin (test/harness builds it with Go; this
// never builds, so a bench on a fresh machine says what to do instead of compiling for minutes).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface DevAgent {
  /** `http://127.0.0.1:<port>`. */
  readonly address: string;
  readonly version: string;
  stop(): Promise<void>;
}

const HOW =
  "set NOMAD_BIN, put nomad on PATH, or run a real-agent test once (npx vitest run test/oracle.test.ts builds one)";

/** The Nomad binary and its version, or why there is none. */
export function nomadBinary(): { path: string; version: string } | { skip: string } {
  const candidates = [process.env.NOMAD_BIN, "nomad", ...cachedBuilds()].filter((p): p is string => !!p);
  for (const path of candidates) {
    const r = spawnSync(path, ["version"], { encoding: "utf8", timeout: 10_000 });
    const version = r.status === 0 ? /Nomad v(\S+)/.exec(r.stdout)?.[1] : undefined;
    if (version) return { path, version };
  }
  return { skip: `no Nomad binary: ${HOW}` };
}

function cachedBuilds(): string[] {
  const dir = join(process.env.NOMADKIT_CACHE_DIR ?? join(homedir(), ".cache/nomadkit"), "bin");
  try {
    return readdirSync(dir)
      .filter((f) => /^nomad-\d+\.\d+\.\d+-[0-9a-f]+$/.test(f))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  } catch {
    return [];
  }
}

export async function startDevAgent(): Promise<DevAgent | { skip: string }> {
  const binary = nomadBinary();
  if ("skip" in binary) return binary;
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-dev-agent-"));
  const [http = 0, rpc = 0, serf = 0] = await freePorts(3);
  const config = join(dir, "agent.hcl");
  writeFileSync(config, agentConfig(join(dir, "data"), http, rpc, serf));
  const child = spawn(binary.path, ["agent", "-dev", `-config=${config}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NOMAD_ADDR: undefined, NOMAD_TOKEN: undefined, AWS_CA_BUNDLE: undefined },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-64 * 1024);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    await terminate(child, exited);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const address = `http://127.0.0.1:${http}`;
  try {
    await untilReady(address, child);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- nomad agent output ---\n${output.slice(-4000)}`);
  }
  return { address, version: binary.version, stop };
}

function agentConfig(dataDir: string, http: number, rpc: number, serf: number): string {
  return `
data_dir  = ${JSON.stringify(dataDir)}
bind_addr = "127.0.0.1"
disable_update_check = true
ports {
  http = ${http}
  rpc  = ${rpc}
  serf = ${serf}
}
advertise {
  http = "127.0.0.1"
  rpc  = "127.0.0.1"
  serf = "127.0.0.1"
}
client {
  options {
    # Cloud metadata probes time out here, and env_aws fails the client when AWS_CA_BUNDLE is set.
    "fingerprint.denylist" = "env_aws,env_gce,env_azure,env_digitalocean"
  }
}
plugin "raw_exec" {
  config {
    enabled = true
  }
}
`;
}

/** Until there is a leader and a ready node. */
async function untilReady(address: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`nomad agent exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      const leader = await fetch(`${address}/v1/status/leader`, { signal: AbortSignal.timeout(5_000) });
      if (leader.ok && (await leader.json()) !== "") {
        const nodes = await fetch(`${address}/v1/nodes`, { signal: AbortSignal.timeout(5_000) });
        if (nodes.ok && ((await nodes.json()) as { Status: string }[]).some((n) => n.Status === "ready"))
          return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`nomad agent at ${address} was not ready within 90 s`);
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  if (await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)])) {
    child.kill("SIGKILL");
    await exited;
  }
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  return ports;
}
