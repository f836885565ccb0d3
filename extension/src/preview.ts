// "Preview synthesized job": the workspace's `nomadkit synth` on the active TypeScript entry
// (synth-run.ts), each job's HCL and JSON side by side, again on every save of that file.
import { dirname } from "node:path";
import * as vscode from "vscode";
import { synthEntry } from "./synth-run.js";
import { ReadOnlyDocuments } from "./views/read-only.js";

export function registerSynthPreview(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): void {
  const docs = new ReadOnlyDocuments("nomadkit-synth");
  const previewed = new Set<string>();

  const preview = async (doc: vscode.TextDocument) => {
    const cwd = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath ?? dirname(doc.uri.fsPath);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "nomadkit synth" },
      () => synthEntry(cwd, doc.uri.fsPath),
    );
    if (!result.ok) {
      output.warn(`synth ${doc.uri.fsPath}:\n${result.message}`);
      // One line that says what to install or change, when the failure is a known one.
      const first = result.hint ?? result.message.split("\n").slice(0, 3).join(" ");
      void vscode.window.showErrorMessage(`Preview synthesized job: ${first}`, "Show Logs").then((pick) => {
        if (pick) output.show(true);
      });
      return;
    }
    const base = doc.uri.path.split("/").pop() ?? "app.ts";
    await docs.show(`${base}.nomad.hcl`, result.hcl, vscode.ViewColumn.Two);
    await docs.show(`${base}.nomad.json`, result.json, vscode.ViewColumn.Three);
    previewed.add(doc.uri.toString());
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
