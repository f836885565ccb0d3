// Read-only documents for plans, statuses and failures: a content provider under its
// own scheme, so they never ask to be saved and refresh in place.
import * as vscode from "vscode";

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  /** scheme: one per owner, e.g. "nomadkit-cluster", "nomadkit-synth". */
  constructor(private readonly scheme: string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? "";
  }

  async show(path: string, text: string, column = vscode.ViewColumn.Beside): Promise<void> {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${path}` });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: column, preview: true, preserveFocus: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
