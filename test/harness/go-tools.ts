// Builds the Go tools in sdk/tools/nomad-go (the oracle's canonicalize, fmt,
// HCL1 and cron answers, and the schema generator; on Nomad's MPL api module,
// never its main module) once per source version, and caches the binaries so
// every vitest worker and every later run reuses them.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { goBuildOnce } from "./go-build.js";

export type GoToolName = "jobspec-oracle" | "schemagen";

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../..");
export const goModuleDir = join(repoRoot, "sdk/tools/nomad-go");

const NO_GO = "Go is not installed: install Go ≥ 1.26 (https://go.dev/dl) to run the oracle and schema tests";

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
  await goBuildOnce(target, goModuleDir, `./cmd/${name}`);
  return { path: target };
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
