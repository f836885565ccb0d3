// Finds a Nomad binary for the real-agent tests: NOMAD_BIN, then `nomad` on
// PATH, then a build of the pinned Nomad from test/nomad-build, cached outside
// the repo by a hash of that module's go.mod and go.sum. A cold build takes
// minutes on 2 cores, so it happens once per machine and version, and
// parallel vitest workers wait for one build instead of each starting one.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { goBuildOnce } from "./go-build.js";

export const NOMAD_VERSION = "1.11.3";
export const nomadBuildDir = resolve(fileURLToPath(import.meta.url), "../../nomad-build");

export type NomadBinary = { path: string; version: string } | { skip: string };

const NO_NOMAD =
  "install Nomad (https://developer.hashicorp.com/nomad/install) or Go ≥ 1.25 to run the real-agent tests";

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
  await goBuildOnce(target, nomadBuildDir, "github.com/hashicorp/nomad");
}
