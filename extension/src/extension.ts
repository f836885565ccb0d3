// Activation: the language client, the file-kind picker, format on save, the cluster
// commands and the synth preview. Each lives in its own module; this file only wires them.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import { createClient, pushSettings } from "./client.js";
import { registerClusterCommands } from "./cluster/commands.js";
import { ClusterConnection, type LanguageServerCluster } from "./cluster/connection.js";
import { FileKindPicker } from "./file-kind-picker.js";
import { LANGUAGE_IDS } from "./languages.js";
import { registerSynthPreview } from "./preview.js";

// Set by the bundle's first line (scripts/build.mjs): how long loading the code took.
const loadStart = (globalThis as { __nomadkitLoadStart?: number }).__nomadkitLoadStart ?? performance.now();
const loadMs = performance.now() - loadStart;
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activateStart = performance.now();
  const output = vscode.window.createOutputChannel("Nomad", { log: true });
  context.subscriptions.push(output);
  // The server reads the cluster named in nomadkit.cluster.* with the token from SecretStorage.
  const connection = new ClusterConnection(context.secrets);
  let cluster: LanguageServerCluster | undefined = await connection.languageServerCluster();
  const pushCluster = async () => {
    const before = cluster?.token;
    cluster = await connection.languageServerCluster();
    // A new token reaches the server only through its environment: start it again.
    if (client && cluster?.token !== before) await restart();
    else if (client) await pushSettings(client, cluster);
  };
  const restart = async () => {
    if (client) await client.dispose();
    client = createClient(context, output, () => cluster);
    started = client.start();
    await started;
  };
  client = createClient(context, output, () => cluster);
  let started = client.start();
  const detectKind = async (uri: string, text: string) => {
    await started;
    if (!client?.isRunning()) return undefined;
    const { kind } = await client.sendRequest<{ kind: string }>("nomadkit/fileKind", { uri, text });
    return kind;
  };

  context.subscriptions.push(
    new FileKindPicker(detectKind),
    vscode.commands.registerCommand("nomadkit.showLogs", () => output.show(true)),
    // Run by the server's "Convert to nomadkit TypeScript" action once its new file is written.
    vscode.commands.registerCommand("nomadkit.openFile", async (uri: string) => {
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preview: false });
    }),
    vscode.commands.registerCommand("nomadkit.restartServer", async () => {
      output.info("restarting the language server");
      const t0 = performance.now();
      await restart();
      output.info(`language server restarted in ${(performance.now() - t0).toFixed(0)} ms`);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("nomadkit") && client) void pushCluster();
    }),
    connection.onDidChange(() => void pushCluster()),
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (!LANGUAGE_IDS.includes(e.document.languageId)) return;
      if (!vscode.workspace.getConfiguration("nomadkit", e.document).get<boolean>("formatOnSave", false))
        return;
      e.waitUntil(formatEdits(e.document));
    }),
    { dispose: () => void client?.dispose() },
  );
  registerClusterCommands(context, output);
  registerSynthPreview(context, output);

  const callMs = performance.now() - activateStart;
  output.info(
    `nomadkit activated in ${(loadMs + callMs).toFixed(0)} ms (load ${loadMs.toFixed(0)} ms, activate ${callMs.toFixed(0)} ms)`,
  );
  const t0 = performance.now();
  await started;
  output.info(`language server ready in ${(performance.now() - t0).toFixed(0)} ms`);
}

async function formatEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const options = { tabSize: Number(editor?.options.tabSize ?? 2), insertSpaces: true };
  const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
    "vscode.executeFormatDocumentProvider",
    doc.uri,
    options,
  );
  return edits ?? [];
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
