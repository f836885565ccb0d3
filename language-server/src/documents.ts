// The one document store: text comes from vscode-languageserver's TextDocuments (incremental
// sync), and the analysis of each version is computed once, when a feature first asks.
import { type Analysis, type AnalysisSettings, analyzeDocument } from "nomadkit/analysis";
import type { TextDocument } from "vscode-languageserver-textdocument";

export class AnalysisCache {
  private readonly cache = new Map<string, { version: number; analysis: Analysis }>();
  settings: AnalysisSettings = {};

  get(doc: TextDocument): Analysis {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    // The previous version's analysis lets an edit inside one group re-analyze only that group.
    const analysis = analyzeDocument(doc.uri, doc.getText(), this.settings, hit?.analysis);
    this.cache.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Settings changed: every analysis is stale. */
  reset(settings: AnalysisSettings): void {
    this.settings = settings;
    this.cache.clear();
  }
}
