// "Preview synthesized job": runs the workspace's own `nomadkit synth` on the active
// TypeScript entry (the user's nomadkit version, with their tsconfig) and shows each job's
// HCL and JSON side by side, again on every save of that file.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as vscode from "vscode";
import { ReadOnlyDocuments } from "./read-only.js";

export function registerSynthPreview(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): void {
  const docs = new ReadOnlyDocuments("nomadkit-synth");
  const previewed = new Set<string>();

  const preview = async (doc: vscode.TextDocument) => {
    const cwd = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath ?? dirname(doc.uri.fsPath);
    const out = mkdtempSync(join(tmpdir(), "nomadkit-synth-"));
    try {
      const result = await synth(cwd, doc.uri.fsPath, out);
      if (result.code !== 0) {
        output.warn(`synth ${doc.uri.fsPath}:\n${result.stderr}`);
        void vscode.window.showErrorMessage(`Synth failed: ${firstLines(result.stderr || result.stdout)}`);
        return;
      }
      const files = readdirSync(out).sort();
      const hcl = files.filter((f) => f.endsWith(".hcl"));
      const json = files.filter((f) => f.endsWith(".json"));
      const joined = (names: string[]) => names.map((f) => readFileSync(join(out, f), "utf8")).join("\n");
      const base = doc.uri.path.split("/").pop() ?? "app.ts";
      await docs.show(`${base}.nomad.hcl`, joined(hcl), vscode.ViewColumn.Two);
      await docs.show(`${base}.nomad.json`, joined(json), vscode.ViewColumn.Three);
      previewed.add(doc.uri.toString());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };

  context.subscriptions.push(
    docs,
    vscode.commands.registerCommand("nomadkit.previewSynth", async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !["typescript", "javascript"].includes(doc.languageId)) {
        void vscode.window.showWarningMessage(
          "Preview synthesized job: open the app's TypeScript entry first.",
        );
        return;
      }
      await preview(doc);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (previewed.has(doc.uri.toString())) void preview(doc);
    }),
  );
}

function synth(
  cwd: string,
  entry: string,
  out: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["--no-install", "nomadkit", "synth", entry, "--out", out, "--format", "both"],
      { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) || 1 : 0, stdout, stderr }),
    );
  });
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(0, 3).join(" ");
}
