// The cluster commands in the editor: each reads the active job file, calls one function of
// operations.ts, and shows the result (diagnostics, a read-only document, a progress
// notification). Errors are shown through describeClusterError, which removes the token.

import type { NomadClient } from "nomadkit/api";
import * as vscode from "vscode";
import { ReadOnlyDocuments } from "../views/read-only.js";
import { ClusterConnection } from "./connection.js";
import type { decodeJobFile } from "./operations.js";

// The operations (HCL decoder, API client, deploy watcher) load on the first cluster call,
// not at activation.
const operations = () => import("./operations.js");

export function registerClusterCommands(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): void {
  const connection = new ClusterConnection(context.secrets);
  const diagnostics = vscode.languages.createDiagnosticCollection("nomad-cluster");
  const docs = new ReadOnlyDocuments("nomadkit-cluster");
  const status = vscode.window.createStatusBarItem("nomadkit.cluster", vscode.StatusBarAlignment.Left, 10);
  status.name = "Nomad cluster";
  status.command = "nomadkit.jobStatus";

  const refreshStatus = async () => {
    const { clusterHealth } = await operations();
    const { nomad, token } = await connection.client();
    status.text = `$(sync~spin) Nomad ${nomad.address}`;
    const health = await clusterHealth(nomad, token);
    nomad.close();
    if (!health.reachable) {
      status.text = `$(debug-disconnect) Nomad: unreachable`;
      status.tooltip = health.message;
    } else {
      const tokenText =
        health.tokenValid === undefined ? "no token" : health.tokenValid ? "token valid" : "token refused";
      status.text = `$(server) Nomad${health.tokenValid === false ? " $(warning)" : ""}`;
      status.tooltip = `${nomad.address}: reachable, ${tokenText}`;
    }
    status.show();
  };

  /** Runs `work` with a client for the active job file; shows errors without the token. */
  const withJob = async (
    title: string,
    work: (
      nomad: NomadClient,
      job: NonNullable<ReturnType<typeof decodeJobFile>["job"]>,
      doc: vscode.TextDocument,
    ) => Promise<void>,
  ) => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId !== "nomad") {
      void vscode.window.showWarningMessage(`${title}: open a Nomad job file first.`);
      return;
    }
    const { decodeJobFile, describeClusterError } = await operations();
    const decoded = decodeJobFile(doc.getText());
    if (!decoded.job) {
      const first = decoded.problems[0];
      void vscode.window.showErrorMessage(
        `${title}: fix the job file first (${first ? `${first.line}:${first.column} ${first.message}` : "no job block"}).`,
      );
      return;
    }
    const { nomad, token } = await connection.client();
    try {
      await work(nomad, decoded.job, doc);
    } catch (err) {
      const message = describeClusterError(err, token);
      output.error(`${title}: ${message}`);
      void vscode.window.showErrorMessage(`${title}: ${message}`);
    } finally {
      nomad.close();
    }
  };

  context.subscriptions.push(
    diagnostics,
    docs,
    status,
    connection.onDidChange(() => void refreshStatus()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("nomadkit.cluster")) void refreshStatus();
    }),
    vscode.commands.registerCommand("nomadkit.setToken", async () => {
      const token = await vscode.window.showInputBox({
        title: "Nomad ACL token (kept in VS Code's secret storage)",
        password: true,
        ignoreFocusOut: true,
      });
      if (token !== undefined) await connection.setToken(token.trim() || undefined);
    }),
    vscode.commands.registerCommand("nomadkit.clearToken", () => connection.setToken(undefined)),
    vscode.commands.registerCommand("nomadkit.validateJob", () =>
      withJob("Validate against cluster", async (nomad, job, doc) => {
        const { validateOnCluster } = await operations();
        const result = await validateOnCluster(nomad, job);
        // Nomad's messages carry no position: they go on the job block's first line.
        const at = new vscode.Range(0, 0, 0, doc.lineAt(0).text.length);
        diagnostics.set(doc.uri, [
          ...result.errors.map((m) => new vscode.Diagnostic(at, m, vscode.DiagnosticSeverity.Error)),
          ...result.warnings.map((m) => new vscode.Diagnostic(at, m, vscode.DiagnosticSeverity.Warning)),
        ]);
        for (const d of diagnostics.get(doc.uri) ?? []) d.source = "nomad validate";
        if (result.errors.length === 0)
          void vscode.window.showInformationMessage(`Job "${job.ID}" is valid for ${nomad.address}.`);
      }),
    ),
    vscode.commands.registerCommand("nomadkit.planJob", () =>
      withJob("Plan", async (nomad, job) => {
        const { planText } = await operations();
        const { text } = await planText(nomad, job);
        await docs.show(`plan/${job.ID}.plan`, text);
      }),
    ),
    vscode.commands.registerCommand("nomadkit.runJob", () =>
      withJob("Run", async (nomad, job) => {
        const { planText, runJob } = await operations();
        const { plan, text } = await planText(nomad, job);
        await docs.show(`plan/${job.ID}.plan`, text);
        const go = await vscode.window.showWarningMessage(
          `Run job "${job.ID}" on ${nomad.address}? (check-index ${plan.jobModifyIndex})`,
          { modal: true },
          "Run",
        );
        if (go !== "Run") return;
        const outcome = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Nomad: running "${job.ID}"`,
            cancellable: true,
          },
          (progress, cancel) => {
            const abort = new AbortController();
            cancel.onCancellationRequested(() =>
              abort.abort(new Error("stopped watching (the deployment goes on)")),
            );
            return runJob(nomad, job, {
              enforceIndex: plan.jobModifyIndex,
              signal: abort.signal,
              onProgress: (line) => {
                output.info(`run ${job.ID}: ${line}`);
                progress.report({ message: line });
              },
            });
          },
        );
        if (outcome.ok) {
          void vscode.window.showInformationMessage(outcome.summary);
        } else {
          await docs.show(`run/${job.ID}.failure`, `${outcome.summary}\n\n${outcome.details.join("\n")}\n`);
          void vscode.window.showErrorMessage(outcome.summary);
        }
      }),
    ),
    vscode.commands.registerCommand("nomadkit.jobStatus", () =>
      withJob("Job status", async (nomad, job) => {
        const { jobStatusText } = await operations();
        await docs.show(`status/${job.ID}.status`, await jobStatusText(nomad, String(job.ID)));
      }),
    ),
    vscode.commands.registerCommand("nomadkit.openInUi", () =>
      withJob("Open in Nomad UI", async (nomad, job) => {
        const { jobUiUrl } = await operations();
        const ns = String(job.Namespace ?? (await connection.client()).namespace ?? "default");
        await vscode.env.openExternal(
          vscode.Uri.parse(jobUiUrl(connection.uiAddress(nomad), String(job.ID), ns)),
        );
      }),
    ),
  );
  // After the language server has started: the status is not needed to edit.
  const timer = setTimeout(() => void refreshStatus(), 1500);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}
