// Builds the Go tools in sdk/tools/nomad-go (Nomad's own code, used as an
// oracle and as the schema generator) once per source version, and caches the
// binaries so every vitest worker and every later run reuses them.
import { execFile, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export type GoToolName = "jobspec-oracle" | "schemagen";

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../..");
export const goModuleDir = join(repoRoot, "sdk/tools/nomad-go");

const NO_GO =
  "Go is not installed: install Go ≥ 1.26 (https://go.dev/dl) to run the Nomad jobspec2 oracle tests";

const run = promisify(execFile);
const builds = new Map<GoToolName, Promise<{ path: string } | { skip: string }>>();

/** The path of a built tool, or why it cannot be had here. In CI a missing Go is an error. */
export function goTool(name: GoToolName): Promise<{ path: string } | { skip: string }> {
  let b = builds.get(name);
  if (!b) {
    b = build(name);
    builds.set(name, b);
  }
  return b;
}

async function build(name: GoToolName): Promise<{ path: string } | { skip: string }> {
  if (spawnSync("go", ["version"], { stdio: "ignore" }).error) {
    if (process.env.CI) throw new Error(`${NO_GO} (CI is set, so this test may not skip)`);
    return { skip: NO_GO };
  }
  const cacheDir = join(process.env.NOMADKIT_CACHE_DIR ?? join(homedir(), ".cache/nomadkit"), "bin");
  const exe = process.platform === "win32" ? ".exe" : "";
  const target = join(cacheDir, `${name}-${sourceHash()}${exe}`);
  if (existsSync(target)) return { path: target };

  mkdirSync(cacheDir, { recursive: true });
  await withLock(`${target}.lock`, async () => {
    if (existsSync(target)) return; // another process built it while we waited
    // The binary appears under its final name only by an atomic rename, so a
    // reader never sees a half-written file.
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      await run("go", ["build", "-o", tmp, `./cmd/${name}`], {
        cwd: goModuleDir,
        // No cgo: a quarter faster to build cold (the docker and exec drivers
        // pull in C code we never run), needs no C compiler, same output.
        env: { ...process.env, CGO_ENABLED: "0" },
        maxBuffer: 64 * 1024 * 1024,
      });
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      const stderr = (err as { stderr?: string }).stderr ?? "";
      throw new Error(`go build ./cmd/${name} failed in ${goModuleDir}:\n${stderr || String(err)}`);
    }
  });
  return { path: target };
}

/**
 * Runs fn while holding a lock file, so parallel vitest workers build a tool
 * once (a cold build takes minutes on 2 cores) instead of all at once. A lock
 * left by a process that no longer runs is taken over.
 */
async function withLock(lock: string, fn: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (!lockHolderAlive(lock)) rmSync(lock, { force: true });
    else await sleep(250);
  }
  try {
    await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function lockHolderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return true; // vanished or being written: look again shortly
  }
  if (!Number.isInteger(pid) || pid <= 0) return true; // not written yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** sha256 over go.mod, go.sum and every .go and .json file (overlays, history) of the module. */
export function sourceHash(): string {
  const h = createHash("sha256");
  const files = ["go.mod", "go.sum", ...listFiles(join(goModuleDir, "cmd"))];
  for (const f of files) {
    const path = resolve(goModuleDir, f);
    h.update(relative(goModuleDir, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(path));
    else if (/\.(go|json)$/.test(e.name)) out.push(path);
  }
  return out.sort();
}
