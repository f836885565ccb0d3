// moto in server mode, the AWS the cluster tests provision into. One server per test file,
// on a free port of the address asked for (the Docker network's gateway when agents in
// containers must reach it); `reset()` empties it between tests.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface Moto {
  /** `http://<host>:<port>`. */
  readonly endpoint: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const NO_MOTO = 'install moto\'s server (pip install "moto[server]") to run the cluster tests';

export function motoAvailable(): boolean {
  return !spawnSync("moto_server", ["--help"], { stdio: "ignore" }).error;
}

export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startMoto(host = "127.0.0.1"): Promise<Moto | { skip: string }> {
  if (!motoAvailable()) {
    if (process.env.CI) throw new Error(`${NO_MOTO} (CI is set, so this test may not skip)`);
    return { skip: NO_MOTO };
  }
  const port = await freePort(host);
  const child: ChildProcess = spawn("moto_server", ["-H", host, "-p", String(port)], { stdio: "ignore" });
  const endpoint = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (r.ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("moto_server did not start within 60 s");
    await sleep(200);
  }
  return {
    endpoint,
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (!r.ok) throw new Error(`moto reset: ${r.status}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
