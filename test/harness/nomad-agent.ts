// Starts a real `nomad agent -dev` (server and client in one process) for the
// tests: loopback only, random free ports, raw_exec on, its own temp data dir,
// optionally with ACLs bootstrapped. One agent per test file:
//
//   let agent: Agent;
//   beforeAll(async () => { const a = await startAgent(); if ("skip" in a) … ; agent = a; }, 1_800_000);
//   afterAll(() => agent?.stop());
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { nomadBinary } from "./nomad-binary.js";

export interface Agent {
  /** `http://127.0.0.1:<port>`. */
  address: string;
  /** The bootstrap management token when started with `acl: true`. */
  token?: string;
  /** Nomad's version, e.g. `1.11.3`. */
  version: string;
  /** The agent's output so far (the last ~256 KiB), for failure messages. */
  logs(): string;
  /** SIGINT (the dev agent then stops its allocations), SIGKILL after 15 s; removes the temp dir. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
const LOG_LIMIT = 256 * 1024;

export async function startAgent(options: { acl?: boolean } = {}): Promise<Agent | { skip: string }> {
  const binary = await nomadBinary();
  if ("skip" in binary) return binary;
  // A port picked free can be taken before Nomad binds it; a second try with
  // new ports almost always does it.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(binary.path, binary.version, options.acl ?? false);
    } catch (err) {
      lastError = err;
      if (!String(err).includes("address already in use")) break;
    }
  }
  throw lastError;
}

async function startOnce(binary: string, version: string, acl: boolean): Promise<Agent> {
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-agent-"));
  const [http = 0, rpc = 0, serf = 0] = await freePorts(3);
  const configFile = join(dir, "agent.hcl");
  writeFileSync(configFile, agentConfig({ dataDir: join(dir, "data"), http, rpc, serf, acl }));

  let output = "";
  const child = spawn(binary, ["agent", "-dev", `-config=${configFile}`], {
    stdio: ["ignore", "pipe", "pipe"],
    // The agent must not pick up the developer's cluster settings or, through the
    // AWS SDK, a custom CA bundle (see the denylist in agentConfig).
    env: { ...process.env, NOMAD_ADDR: undefined, NOMAD_TOKEN: undefined, AWS_CA_BUNDLE: undefined },
  });
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-LOG_LIMIT);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // If the test process dies without stop(), the agent must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    await terminate(child, exited);
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  const address = `http://127.0.0.1:${http}`;
  try {
    const token = await waitUntilReady(address, acl, child, () => output);
    return { address, version, logs: () => output, stop, ...(token ? { token } : {}) };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- nomad agent output ---\n${output.slice(-8000)}`);
  }
}

/** HCL for the dev agent. -dev already runs server + client; this pins ports and turns on raw_exec. */
function agentConfig(o: { dataDir: string; http: number; rpc: number; serf: number; acl: boolean }): string {
  return `
data_dir  = ${JSON.stringify(o.dataDir)}
bind_addr = "127.0.0.1"
disable_update_check = true
log_level = "INFO"

ports {
  http = ${o.http}
  rpc  = ${o.rpc}
  serf = ${o.serf}
}

advertise {
  http = "127.0.0.1"
  rpc  = "127.0.0.1"
  serf = "127.0.0.1"
}

acl {
  enabled = ${o.acl}
}

client {
  options {
    # The cloud fingerprinters probe metadata endpoints that do not exist here
    # (seconds of timeouts), and env_aws fails the whole client when
    # AWS_CA_BUNDLE is set, as it is in some sandboxes.
    "fingerprint.denylist" = "env_aws,env_gce,env_azure,env_digitalocean"
  }
}

plugin "raw_exec" {
  config {
    enabled = true
  }
}

# Jobs that read Vault secrets only validate when the cluster has Vault enabled.
# With workload identities the servers never call Vault, so no Vault has to run;
# nothing in the tests renders a Vault template.
vault {
  enabled = true
  address = "http://127.0.0.1:1"
  default_identity {
    aud = ["vault.io"]
  }
}
`;
}

/** Polls until there is a leader and a ready node. Returns the management token with ACLs. */
async function waitUntilReady(
  address: string,
  acl: boolean,
  child: ChildProcess,
  logs: () => string,
): Promise<string | undefined> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let token: string | undefined;
  let waitingFor = "a leader";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nomad agent exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (logs().includes("address already in use")) throw new Error("nomad agent: address already in use");
    try {
      const leader = await get(address, "/v1/status/leader");
      if (leader.status === 200 && JSON.parse(leader.body) !== "") {
        if (acl && !token) {
          waitingFor = "the ACL bootstrap";
          const boot = await request(address, "PUT", "/v1/acl/bootstrap");
          if (boot.status === 200) token = (JSON.parse(boot.body) as { SecretID: string }).SecretID;
        }
        if (!acl || token) {
          waitingFor = "a ready node";
          const nodes = await get(address, "/v1/nodes", token);
          if (nodes.status === 200) {
            const list = JSON.parse(nodes.body) as { Status: string }[];
            if (list.some((n) => n.Status === "ready")) return token;
          }
        }
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(
    `nomad agent at ${address} was not ready within ${READY_TIMEOUT_MS / 1000} s (waiting for ${waitingFor})`,
  );
}

function get(address: string, path: string, token?: string) {
  return request(address, "GET", path, token);
}

async function request(
  address: string,
  method: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${address}${path}`, {
    method,
    headers: token ? { "X-Nomad-Token": token } : {},
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, body: await res.text() };
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    child.kill("SIGKILL");
    await exited;
  }
}

/**
 * As root, the client mounts a tmpfs for each task's secrets/ and private/
 * directories. One can outlive the agent (seen after a purge just before
 * shutdown), and then removing the temp dir fails with EBUSY.
 */
function unmountUnder(dir: string): void {
  let mounts: string;
  try {
    mounts = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return; // not Linux
  }
  const points = mounts
    .split("\n")
    .map((line) => line.split(" ")[1]?.replace(/\\040/g, " "))
    .filter((p): p is string => p?.startsWith(`${dir}/`) === true)
    .sort((a, b) => b.length - a.length); // innermost first
  for (const p of points) spawnSync("umount", ["-l", p], { stdio: "ignore" });
}

/** Ports the OS says are free now, all different. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve(server));
      });
    }),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    if (a === null || typeof a === "string") throw new Error("no TCP address");
    return a.port;
  });
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  return ports;
}
