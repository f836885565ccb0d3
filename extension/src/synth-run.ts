// Runs the workspace's own `nomadkit synth` (the user's nomadkit version and tsconfig) on
// one TypeScript entry and reads back what it wrote. No vscode import: tested on its own.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type SynthOutput = { ok: true; hcl: string; json: string } | { ok: false; message: string };

export function synthEntry(cwd: string, entry: string, timeoutMs = 60_000): Promise<SynthOutput> {
  const out = mkdtempSync(join(tmpdir(), "nomadkit-synth-"));
  return new Promise<SynthOutput>((resolve) => {
    execFile(
      "npx",
      ["--no-install", "nomadkit", "synth", entry, "--out", out, "--format", "both"],
      { cwd, timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" } },
      (err, stdout, stderr) => {
        if (err) {
          resolve({ ok: false, message: (stderr || stdout || err.message).trim() });
          return;
        }
        const files = readdirSync(out).sort();
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
