// One `go build` into a shared cache, done once even when several vitest workers ask
// at the same time (a cold build takes minutes on 2 cores).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
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
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Builds `pkg` from the module in `cwd` to `target` unless it is there already. The
 * binary appears under its final name only by an atomic rename, so a reader never sees
 * half a file. No cgo: no C compiler needed, about a quarter faster cold, and nothing
 * the tests run needs it.
 */
export async function goBuildOnce(target: string, cwd: string, pkg: string): Promise<void> {
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  await withLock(`${target}.lock`, async () => {
    if (existsSync(target)) return; // another process built it while we waited
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      await run("go", ["build", "-o", tmp, pkg], {
        cwd,
        env: { ...process.env, CGO_ENABLED: "0" },
        maxBuffer: 64 * 1024 * 1024,
      });
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      const stderr = (err as { stderr?: string }).stderr ?? "";
      throw new Error(`go build ${pkg} failed in ${cwd}:\n${stderr || String(err)}`);
    }
  });
}

/** Runs fn while holding a lock file; a lock whose process is gone is taken over. */
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
    else await sleep(250);
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
  if (!Number.isInteger(pid) || pid <= 0) return true; // not written yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
