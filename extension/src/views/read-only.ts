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

  /** Shows `text` at `path`, in `language` (a grammar that colours it) when given. */
  async show(
    path: string,
    text: string,
    column = vscode.ViewColumn.Beside,
    language?: string,
  ): Promise<void> {
    const uri = this.set(path, text);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (language && doc.languageId !== language)
      doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(doc, { viewColumn: column, preview: true, preserveFocus: true });
  }

  /**
   * Replaces what an already shown document says, without opening one: a failed plan must
   * not leave the previous plan on screen as if it were current.
   */
  replace(path: string, text: string): void {
    if (this.contents.has(`/${path}`)) this.set(path, text);
  }

  private set(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${path}` });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
