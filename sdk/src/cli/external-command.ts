// Commands from other packages, found the way git and cargo find theirs: `nomadkit foo …`
// runs a `nomadkit-foo` program (on PATH, or in a node_modules/.bin above the working
// directory). The cluster commands ship this way from @nomadkit/provisioners, so the sdk
// never imports a package that sits above it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";

/** The program for `nomadkit <name>`, or undefined when none is installed. */
export function findExternalCommand(
  name: string,
  cwd = process.cwd(),
  env = process.env,
): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  const program = `nomadkit-${name}`;
  const dirs: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    dirs.push(join(dir, "node_modules", ".bin"));
    if (dirname(dir) === dir) break;
  }
  dirs.push(...(env.PATH ?? "").split(delimiter).filter(Boolean));
  for (const dir of dirs) {
    const path = join(dir, program);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Runs it with the rest of the arguments and this terminal; returns its exit code. */
export function runExternalCommand(path: string, args: readonly string[]): number {
  const run = spawnSync(path, args, { stdio: "inherit" });
  if (run.error) throw run.error;
  return run.status ?? 1;
}
