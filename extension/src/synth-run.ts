// Runs the workspace's own `nomadkit synth` (the user's nomadkit version and tsconfig) on
// one TypeScript entry and reads back what it wrote. When it can't, `hint` says in one line
// what to install or change. No vscode import: tested on its own.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve as resolvePath } from "node:path";

export type SynthOutput =
  | { ok: true; hcl: string; json: string }
  | { ok: false; message: string; hint?: string };

export function synthEntry(cwd: string, entry: string, timeoutMs = 60_000): Promise<SynthOutput> {
  const out = mkdtempSync(join(tmpdir(), "nomadkit-synth-"));
  return new Promise<SynthOutput>((resolve) => {
    execFile(
      "npx",
      ["--no-install", "nomadkit", "synth", entry, "--out", out, "--format", "both"],
      { cwd, timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" } },
      (err, stdout, stderr) => {
        const text = (stderr || stdout || err?.message || "").trim();
        // The CLI reports a user mistake on stderr and exits 0 only when it wrote the jobs.
        const files = readdirSync(out).sort();
        if (err || files.length === 0) {
          const hint = hintFor(cwd, entry, text);
          resolve({ ok: false, message: text || "nomadkit synth wrote no job", ...(hint ? { hint } : {}) });
          return;
        }
        const joined = (ext: string) =>
          files
            .filter((f) => f.endsWith(ext))
            .map((f) => readFileSync(join(out, f), "utf8"))
            .join("\n");
        resolve({ ok: true, hcl: joined(".hcl"), json: joined(".json") });
      },
    );
  }).finally(() => rmSync(out, { recursive: true, force: true }));
}

/** Whether the project has its own `nomadkit` command (node_modules/.bin from cwd up), as npx looks. */
function installedIn(cwd: string): boolean {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", ".bin", "nomadkit"))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** Node's words for an ES module loaded as CommonJS (chevrotain's `exports`, require of ESM, …). */
const MODULE_FORMAT =
  /"exports" main|ERR_REQUIRE_ESM|require\(\) of ES Module|exports is not defined|Cannot use import statement outside a module|ERR_PACKAGE_PATH_NOT_EXPORTED/;

function hintFor(cwd: string, entry: string, message: string): string | undefined {
  // npx then asked the registry (E404 online, ENOTFOUND offline), or found a global install that failed.
  if (!installedIn(cwd))
    return `nomadkit is not installed in ${cwd}: run \`npm install --save-dev nomadkit\` there, then preview again.`;
  if (!MODULE_FORMAT.test(message) || /\.mts$/.test(entry)) return undefined;
  const pkg = nearestPackageJson(dirname(resolvePath(cwd, entry)), cwd);
  if (!pkg) return `Add a package.json with "type": "module" to ${cwd}: nomadkit apps are ES modules.`;
  try {
    const type = (JSON.parse(readFileSync(pkg, "utf8")) as { type?: string }).type;
    if (type !== "module")
      return `Add "type": "module" to ${pkg}: nomadkit apps are ES modules, and Node loads this one as CommonJS.`;
  } catch {
    return undefined;
  }
  return undefined;
}

function nearestPackageJson(from: string, root: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return file;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}
