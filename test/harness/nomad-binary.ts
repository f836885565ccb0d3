// Finds a Nomad binary for the real-agent tests: NOMAD_BIN, then `nomad` on
// PATH, then a build of the pinned Nomad from test/nomad-build, cached outside
// the repo by a hash of that module's go.mod and go.sum. A cold build takes
// minutes on 2 cores, so it happens once per machine and version, and
// parallel vitest workers wait for one build instead of each starting one.
import { execFile, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const NOMAD_VERSION = "1.11.3";
export const nomadBuildDir = resolve(fileURLToPath(import.meta.url), "../../nomad-build");

export type NomadBinary = { path: string; version: string } | { skip: string };

const NO_NOMAD =
  "install Nomad (https://developer.hashicorp.com/nomad/install) or Go ≥ 1.25 to run the real-agent tests";

const run = promisify(execFile);
let found: Promise<NomadBinary> | undefined;

/** The Nomad binary to test against, or why there is none. In CI a missing one is an error. */
export function nomadBinary(): Promise<NomadBinary> {
  found ??= find();
  return found;
}

async function find(): Promise<NomadBinary> {
  const fromEnv = process.env.NOMAD_BIN;
  if (fromEnv) {
    const version = versionOf(fromEnv);
    if (!version)
      throw new Error(`NOMAD_BIN=${fromEnv} is not a runnable Nomad binary (\`${fromEnv} version\` failed)`);
    return { path: fromEnv, version };
  }
  const onPath = versionOf("nomad");
  if (onPath) return { path: "nomad", version: onPath };

  const target = cachedBinaryPath();
  if (existsSync(target)) return { path: target, version: NOMAD_VERSION };
  if (spawnSync("go", ["version"], { stdio: "ignore" }).error) {
    if (process.env.CI)
      throw new Error(`no Nomad binary and no Go: ${NO_NOMAD} (CI is set, so this test may not skip)`);
    return { skip: NO_NOMAD };
  }
  await build(target);
  return { path: target, version: NOMAD_VERSION };
}

/** `${NOMADKIT_CACHE_DIR ?? ~/.cache/nomadkit}/bin/nomad-1.11.3-<hash of go.mod + go.sum>`. */
export function cachedBinaryPath(): string {
  const cacheDir = process.env.NOMADKIT_CACHE_DIR ?? join(homedir(), ".cache/nomadkit");
  const h = createHash("sha256");
  for (const f of ["go.mod", "go.sum"])
    h.update(f)
      .update("\0")
      .update(readFileSync(join(nomadBuildDir, f)))
      .update("\0");
  return join(cacheDir, "bin", `nomad-${NOMAD_VERSION}-${h.digest("hex").slice(0, 16)}`);
}

/** `Nomad v1.11.3` → `1.11.3`; undefined when the program is missing or not Nomad. */
function versionOf(program: string): string | undefined {
  const r = spawnSync(program, ["version"], { encoding: "utf8", timeout: 10_000 });
  if (r.error || r.status !== 0) return undefined;
  return /Nomad v(\S+)/.exec(r.stdout)?.[1];
}

async function build(target: string): Promise<void> {
  mkdirSync(join(target, ".."), { recursive: true });
  await withLock(`${target}.lock`, async () => {
    if (existsSync(target)) return; // another worker built it while we waited
    // Built under a temporary name and renamed: a reader never sees half a file.
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      await run("go", ["build", "-o", tmp, "github.com/hashicorp/nomad"], {
        cwd: nomadBuildDir,
        // No cgo, like Nomad's own linux release builds: no C compiler needed, and
        // the raw_exec driver the tests use does not need it.
        env: { ...process.env, CGO_ENABLED: "0" },
        maxBuffer: 64 * 1024 * 1024,
      });
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      const stderr = (err as { stderr?: string }).stderr ?? "";
      throw new Error(
        `go build github.com/hashicorp/nomad failed in ${nomadBuildDir}:\n${stderr || String(err)}`,
      );
    }
  });
}

/** Holds a lock file while fn runs; a lock whose process is gone is taken over. */
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
    if (!holderAlive(lock)) rmSync(lock, { force: true });
    else await sleep(500);
  }
  try {
    await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return true; // gone or being written: look again shortly
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
