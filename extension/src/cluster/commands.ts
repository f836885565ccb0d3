// The cluster commands in the editor: each reads the active job file, calls one function of
// operations.ts, and shows the result (diagnostics, a read-only document, a progress
// notification). Every call to the cluster runs under a cancellable progress notification
// and the nomadkit.cluster.timeoutSeconds deadline. Errors are shown through
// describeClusterError, which removes the token.

import type { JobBody, NomadClient } from "nomadkit/api";
import * as vscode from "vscode";
import { ReadOnlyDocuments } from "../views/read-only.js";
import { ClusterConnection } from "./connection.js";

// The operations (HCL decoder, API client, deploy watcher) load on the first cluster call,
// not at activation.
const operations = () => import("./operations.js");

/** The language the plan document is shown in: its grammar colours +, - and ~ lines. */
const PLAN_LANGUAGE = "nomad-plan";

type Progress = vscode.Progress<{ message?: string }>;

/**
 * Runs one step of a command under a cancellable progress notification. `work` gets a
 * signal that aborts on cancel and, unless `watch` is set (Run's deployment watch, which
 * takes as long as the rollout), when the cluster has not answered within the timeout.
 */
type Step = <T>(
  message: string,
  work: (signal: AbortSignal, progress: Progress) => Promise<T>,
  options?: { watch?: boolean },
) => Promise<T>;

interface JobContext {
  nomad: NomadClient;
  /** nomadkit.cluster.namespace, else NOMAD_NAMESPACE. */
  namespace: string | undefined;
  job: JobBody;
  doc: vscode.TextDocument;
  step: Step;
}

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
    const { clusterHealth, deadline } = await operations();
    const { nomad, token } = await connection.client();
    status.text = `$(sync~spin) Nomad ${nomad.address}`;
    const limit = deadline(nomad.address, connection.timeoutSeconds());
    const health = await clusterHealth(nomad, token, { signal: limit.signal });
    limit.dispose();
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

  /**
   * Runs `work` with a client for the active job file; shows errors without the token.
   * `failed` is told the message first, so a view of an earlier result can say it is stale.
   */
  const withJob = async (
    title: string,
    work: (job: JobContext) => Promise<void>,
    failed?: (job: JobBody, message: string, doc: vscode.TextDocument) => void,
  ) => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId !== "nomad") {
      void vscode.window.showWarningMessage(`${title}: open a Nomad job file first.`);
      return;
    }
    const { decodeJobFile, describeClusterError, deadline, CancelledError } = await operations();
    const decoded = decodeJobFile(doc.getText());
    if (!decoded.job) {
      const first = decoded.problems[0];
      void vscode.window.showErrorMessage(
        `${title}: fix the job file first (${first ? `${first.line}:${first.column} ${first.message}` : "no job block"}).`,
      );
      return;
    }
    const job = decoded.job;
    const { nomad, token, namespace } = await connection.client();
    const seconds = connection.timeoutSeconds();
    const step: Step = (message, stepWork, options = {}) =>
      Promise.resolve(
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Nomad: ${title}`, cancellable: true },
          async (progress, cancel) => {
            progress.report({ message });
            const cancelled = new AbortController();
            const onCancel = cancel.onCancellationRequested(() => cancelled.abort(new CancelledError()));
            const limit = options.watch ? undefined : deadline(nomad.address, seconds, cancelled.signal);
            try {
              return await stepWork(limit?.signal ?? cancelled.signal, progress);
            } finally {
              limit?.dispose();
              onCancel.dispose();
            }
          },
        ),
      );
    try {
      await work({ nomad, namespace, job, doc, step });
    } catch (err) {
      if (err instanceof CancelledError) {
        output.info(`${title}: cancelled`);
        failed?.(job, "cancelled", doc);
        return;
      }
      const message = describeClusterError(err, token);
      output.error(`${title}: ${message}`);
      failed?.(job, message, doc);
      void vscode.window.showErrorMessage(`${title}: ${message}`);
    } finally {
      // Also ends a request still in flight after a cancel.
      nomad.close();
    }
  };

  const planPath = (job: JobBody) => `plan/${job.ID}.plan`;
  const planFailed = (job: JobBody, message: string) =>
    docs.replace(
      planPath(job),
      `! Plan of job "${job.ID}" failed at ${new Date().toLocaleTimeString()}: ${message}\n\n` +
        "  The earlier plan is no longer shown: it may not be current. Plan again.\n",
    );

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
      withJob(
        "Validate against cluster",
        async ({ nomad, job, doc, step }) => {
          const { validateOnCluster } = await operations();
          const result = await step(`validating "${job.ID}" on ${nomad.address}`, (signal) =>
            validateOnCluster(nomad, job, { signal }),
          );
          // Nomad's messages carry no position: they go on the job block's first line.
          const at = new vscode.Range(0, 0, 0, doc.lineAt(0).text.length);
          diagnostics.set(doc.uri, [
            ...result.errors.map((m) => new vscode.Diagnostic(at, m, vscode.DiagnosticSeverity.Error)),
            ...result.warnings.map((m) => new vscode.Diagnostic(at, m, vscode.DiagnosticSeverity.Warning)),
          ]);
          for (const d of diagnostics.get(doc.uri) ?? []) d.source = "nomad validate";
          if (result.errors.length === 0)
            void vscode.window.showInformationMessage(`Job "${job.ID}" is valid for ${nomad.address}.`);
        },
        // An earlier validation's findings are not this file's any more.
        (_job, _message, doc) => diagnostics.delete(doc.uri),
      ),
    ),
    vscode.commands.registerCommand("nomadkit.planJob", () =>
      withJob(
        "Plan",
        async ({ nomad, job, step }) => {
          const { planText } = await operations();
          const { text } = await step(`planning "${job.ID}" on ${nomad.address}`, (signal) =>
            planText(nomad, job, { signal }),
          );
          await docs.show(planPath(job), text, vscode.ViewColumn.Beside, PLAN_LANGUAGE);
        },
        planFailed,
      ),
    ),
    vscode.commands.registerCommand("nomadkit.runJob", () => {
      let planned = false;
      return withJob(
        "Run",
        async ({ nomad, job, step }) => {
          const { planText, runJob, CancelledError } = await operations();
          const { plan, text } = await step(`planning "${job.ID}" on ${nomad.address}`, (signal) =>
            planText(nomad, job, { signal }),
          );
          planned = true;
          await docs.show(planPath(job), text, vscode.ViewColumn.Beside, PLAN_LANGUAGE);
          const go = await vscode.window.showWarningMessage(
            `Run job "${job.ID}" on ${nomad.address}? (check-index ${plan.jobModifyIndex})`,
            { modal: true },
            "Run",
          );
          if (go !== "Run") return;
          let outcome: Awaited<ReturnType<typeof runJob>>;
          try {
            outcome = await step(
              `running "${job.ID}"`,
              (signal, progress) =>
                runJob(nomad, job, {
                  enforceIndex: plan.jobModifyIndex,
                  signal,
                  onProgress: (line) => {
                    output.info(`run ${job.ID}: ${line}`);
                    progress.report({ message: line });
                  },
                }),
              { watch: true },
            );
          } catch (err) {
            if (!(err instanceof CancelledError)) throw err;
            void vscode.window.showInformationMessage(
              `Stopped watching "${job.ID}"; the deployment goes on in the cluster (Nomad: Job Status).`,
            );
            return;
          }
          if (outcome.ok) {
            void vscode.window.showInformationMessage(outcome.summary);
          } else {
            await docs.show(`run/${job.ID}.failure`, `${outcome.summary}\n\n${outcome.details.join("\n")}\n`);
            void vscode.window.showErrorMessage(outcome.summary);
          }
        },
        (job, message) => {
          if (!planned) planFailed(job, message);
        },
      );
    }),
    vscode.commands.registerCommand("nomadkit.jobStatus", () =>
      withJob("Job status", async ({ nomad, job, step }) => {
        const { jobStatusText } = await operations();
        const text = await step(`reading "${job.ID}" from ${nomad.address}`, (signal) =>
          jobStatusText(nomad, String(job.ID), { signal }),
        );
        await docs.show(`status/${job.ID}.status`, text);
      }),
    ),
    vscode.commands.registerCommand("nomadkit.openInUi", () =>
      withJob("Open in Nomad UI", async ({ nomad, namespace, job }) => {
        const { jobUiUrl } = await operations();
        const ns = String(job.Namespace ?? namespace ?? "default");
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
