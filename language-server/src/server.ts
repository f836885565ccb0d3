#!/usr/bin/env node
// The Nomad language server over stdio. State (documents, analyses, settings) lives here;
// each LSP method is answered by one function in features/, which only reads an analysis.
import { type AnalysisSettings, type FileKind, kindOverride } from "nomadkit/analysis";
import {
  type Connection,
  createConnection,
  ProposedFeatures,
  SemanticTokensBuilder,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CurrentCluster } from "./cluster/current.js";
import type { ClusterSettings } from "./cluster/view.js";
import { AnalysisCache } from "./documents.js";
import { clusterItems, clusterSlot } from "./features/cluster-completion.js";
import { constraintWarnings, documentJob, planLenses } from "./features/cluster-plan.js";
import { codeActions } from "./features/code-actions.js";
import { complete } from "./features/completion.js";
import { Debouncer, diagnosticsOf } from "./features/diagnostics.js";
import { FILE_KIND_REQUEST, type FileKindParams, fileKindOf } from "./features/file-kind.js";
import { foldingRanges } from "./features/folding.js";
import { formatDocument } from "./features/formatting.js";
import { hover } from "./features/hover.js";
import { definition, references } from "./features/navigation.js";
import { prepareRename, rename } from "./features/rename.js";
import { selectionRange } from "./features/selection-ranges.js";
import { SEMANTIC_LEGEND, semanticTokens } from "./features/semantic-tokens.js";
import { documentSymbols } from "./features/symbols.js";

/** Workspace settings under "nomadkit" (see the extension's package.json). */
export interface ServerSettings {
  targetNomadVersion?: string;
  /** Glob-free file associations: file name suffix → kind, e.g. { ".agent.hcl": "agent" }. */
  fileKinds?: Record<string, FileKind>;
  /** Delay before diagnostics after a change, in ms. */
  diagnosticsDelay?: number;
  /** Editor language id → kind, e.g. { "nomad-agent": "agent" }; fileKinds wins over it. */
  languageKinds?: Record<string, FileKind>;
  /** The connected cluster (address, token, TLS); without an address the server asks no cluster. */
  cluster?: ClusterSettings;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  let settings: ServerSettings = {};
  let debouncer = new Debouncer(150);
  let lensRefresh = false;
  // Jobs or nodes changed in the cluster: plans, lenses and constraint warnings are stale.
  const cluster = new CurrentCluster(
    () => {
      for (const doc of documents.all()) publish(doc.uri);
      if (lensRefresh) void connection.sendRequest("workspace/codeLens/refresh").catch(() => {});
    },
    (message) => connection.console.log(message),
  );

  // fileKinds setting > the file's `# nomadkit: kind=…` comment > the editor's language id.
  const analysisSettings = (uri: string, languageId: string, text: string): AnalysisSettings => {
    const kind =
      Object.entries(settings.fileKinds ?? {}).find(([suffix]) => uri.endsWith(suffix))?.[1] ??
      (kindOverride(text) ? undefined : settings.languageKinds?.[languageId]);
    return {
      ...(settings.targetNomadVersion ? { targetNomadVersion: settings.targetNomadVersion } : {}),
      ...(kind ? { kind } : {}),
    };
  };
  const analysis = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    cache.settings = analysisSettings(uri, doc.languageId, doc.getText());
    return { doc, analysis: cache.get(doc) };
  };
  const publish = (uri: string) => {
    const found = analysis(uri);
    if (!found) return;
    const { doc } = found;
    const diagnostics = diagnosticsOf(found.analysis);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    // With a cluster, the same diagnostics again once its plan has answered, plus its warnings.
    const view = cluster.view;
    const job = view && documentJob(found.analysis);
    if (!view || !job) return;
    void view.plan(uri, job.key, job.job).then((plan) => {
      const warnings = constraintWarnings(job, plan);
      if (warnings.length > 0 && documents.get(uri)?.version === doc.version && cluster.view === view)
        void connection.sendDiagnostics({
          uri,
          version: doc.version,
          diagnostics: [...diagnostics, ...warnings],
        });
    });
  };
  const applySettings = (value: unknown) => {
    settings = (value && typeof value === "object" ? value : {}) as ServerSettings;
    debouncer = new Debouncer(settings.diagnosticsDelay ?? 150);
    cache.reset({});
    cluster.update(settings.cluster);
    for (const doc of documents.all()) publish(doc.uri);
  };

  connection.onInitialize((params) => {
    const init = (params.initializationOptions ?? {}) as { settings?: ServerSettings };
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    if (init.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [".", '"', "{", "="] },
        hoverProvider: true,
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        selectionRangeProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix", "refactor.rewrite"] },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: "nomadkit-language-server", version: "0.1.0" },
    };
  });
  connection.onDidChangeConfiguration((change) => {
    const all = change.settings as { nomadkit?: ServerSettings } | undefined;
    applySettings(all?.nomadkit ?? {});
  });

  // Opening a file shows its problems at once; typing waits for a pause.
  documents.onDidOpen((e) => publish(e.document.uri));
  documents.onDidChangeContent((e) => debouncer.schedule(e.document.uri, () => publish(e.document.uri)));
  documents.onDidClose((e) => {
    debouncer.cancel(e.document.uri);
    cache.forget(e.document.uri);
    cluster.view?.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion(async (p) => {
    const found = analysis(p.textDocument.uri);
    if (!found) return [];
    const offset = found.doc.offsetAt(p.position);
    const slot =
      cluster.view &&
      clusterSlot(found.doc.getText({ start: { ...p.position, character: 0 }, end: p.position }));
    if (cluster.view && slot) return clusterItems(slot, await cluster.view.names(), p.position);
    return complete({
      analysis: found.analysis,
      text: found.doc.getText(),
      offset,
      line: p.position.line,
      character: p.position.character,
    });
  });
  connection.onHover((p) => {
    const found = analysis(p.textDocument.uri);
    return found ? hover(found.analysis, found.doc.offsetAt(p.position), settings.targetNomadVersion) : null;
  });
  connection.onDocumentSymbol((p) => {
    const found = analysis(p.textDocument.uri);
    return found ? documentSymbols(found.analysis) : [];
  });
  connection.onDocumentFormatting((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? formatDocument(doc.getText()) : [];
  });
  connection.onFoldingRanges((p) => {
    const found = analysis(p.textDocument.uri);
    return found ? foldingRanges(found.analysis) : [];
  });
  connection.onDefinition((p) => {
    const found = analysis(p.textDocument.uri);
    return found ? definition(found.analysis, found.doc.offsetAt(p.position)) : [];
  });
  connection.onReferences((p) => {
    const found = analysis(p.textDocument.uri);
    return found
      ? references(found.analysis, found.doc.offsetAt(p.position), p.context.includeDeclaration)
      : [];
  });
  connection.onPrepareRename((p) => {
    const found = analysis(p.textDocument.uri);
    return found ? prepareRename(found.analysis, found.doc.offsetAt(p.position)) : null;
  });
  connection.onRenameRequest((p) => {
    const found = analysis(p.textDocument.uri);
    if (!found) return null;
    const result = rename(found.analysis, found.doc.offsetAt(p.position), p.newName);
    if (typeof result === "string") throw new Error(result);
    return result;
  });
  connection.onSelectionRanges((p) => {
    const found = analysis(p.textDocument.uri);
    return found ? p.positions.map((pos) => selectionRange(found.analysis, found.doc.offsetAt(pos))) : [];
  });
  connection.onCodeAction((p) => {
    const found = analysis(p.textDocument.uri);
    if (!found) return [];
    const offset = found.doc.offsetAt(p.range.start);
    return codeActions(found.analysis, found.doc.getText(), p.range, p.context.diagnostics, offset);
  });
  connection.onCodeLens(async (p) => {
    const found = analysis(p.textDocument.uri);
    const view = cluster.view;
    const job = view && found && documentJob(found.analysis);
    if (!view || !job) return [];
    return planLenses(job, await view.plan(p.textDocument.uri, job.key, job.job));
  });
  connection.onShutdown(() => cluster.dispose());
  connection.languages.semanticTokens.on((p) => {
    const found = analysis(p.textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (found)
      for (const t of semanticTokens(found.analysis)) builder.push(t.line, t.character, t.length, t.type, 0);
    return builder.build();
  });

  // For the extension: the kind of a file it has not given a Nomad language yet.
  connection.onRequest(FILE_KIND_REQUEST, (p: FileKindParams) => fileKindOf(p));

  // For benchmarks and bug reports: how much memory the open documents cost.
  connection.onRequest("nomadkit/stats", () => ({
    documents: documents.all().length,
    memory: process.memoryUsage(),
  }));

  documents.listen(connection);
  connection.listen();
}

// Started as a program (not imported by a test): serve on stdio.
if (
  process.argv.includes("--stdio") ||
  process.argv.includes("--node-ipc") ||
  process.argv.some((a) => a.startsWith("--socket"))
) {
  startServer(createConnection(ProposedFeatures.all));
}
