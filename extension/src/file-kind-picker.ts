// Which Nomad kind (and so which editor language) a file has, shown in the status bar with
// a picker behind it. On open, a file gets its kind from, in order: nomadkit.fileKinds, a
// pick made in this session, then its content as the language server (and `nomadkit lint`)
// detects it, with the name patterns of package.json only as the first guess.
import * as vscode from "vscode";
import { kindFromSetting, LANGUAGES, languageForDetected, languageOfKind } from "./languages.js";

/** Asks the language server which kind a text is; undefined when the server is not up. */
export type DetectKind = (uri: string, text: string) => Promise<string | undefined>;

export class FileKindPicker implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "nomadkit.fileKind",
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Kinds picked in this session and not remembered in settings: content detection leaves them. */
  private readonly picked = new Map<string, string>();

  constructor(private readonly detectKind: DetectKind) {
    this.item.name = "Nomad file kind";
    this.item.command = "nomadkit.selectFileKind";
    this.item.tooltip = "Nomad file kind: click to change";
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // Changing a document's language closes and reopens it.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        void this.applyKind(doc);
        this.update();
      }),
      // A new file has no content to go by when it opens: look again when it is saved.
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (!LANGUAGES.some((l) => l.id === doc.languageId)) void this.applyKind(doc);
      }),
      vscode.commands.registerCommand("nomadkit.selectFileKind", () => this.pick()),
    );
    for (const doc of vscode.workspace.textDocuments) void this.applyKind(doc);
    this.update();
  }

  /** Gives a `.hcl` file the language of its kind: setting, then this session's pick, then content. */
  private async applyKind(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== "file" || !/\.(hcl|nomad)$/i.test(doc.uri.path)) return;
    const fileKinds = vscode.workspace
      .getConfiguration("nomadkit")
      .get<Record<string, string>>("fileKinds", {});
    const chosen = kindFromSetting(doc.uri.path, fileKinds) ?? this.picked.get(doc.uri.toString());
    let target: string | undefined;
    if (chosen) {
      target = languageOfKind(chosen)?.id;
    } else {
      const detected = await this.detectKind(doc.uri.toString(), doc.getText()).catch(() => undefined);
      target = detected ? languageForDetected(doc.languageId, detected) : undefined;
    }
    if (target && doc.languageId !== target && !doc.isClosed) {
      await vscode.languages.setTextDocumentLanguage(doc, target);
      this.update();
    }
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const language = LANGUAGES.find((l) => l.id === doc?.languageId);
    if (!doc || (!language && !/\.hcl$|\.nomad$/.test(doc.uri.path))) {
      this.item.hide();
      return;
    }
    this.item.text = `$(file-code) kind: ${language?.kind ?? "none"}`;
    this.item.show();
  }

  private async pick(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const items = LANGUAGES.map((l) => ({ label: l.label, description: l.kind, language: l }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: "Check this file as…" });
    if (!picked) return;
    this.picked.set(editor.document.uri.toString(), picked.language.kind);
    const doc = await vscode.languages.setTextDocumentLanguage(editor.document, picked.language.id);
    // The pick holds now; remembering it is a separate, optional answer.
    this.update();
    void this.offerToRemember(doc, picked.language.kind, picked.label);
  }

  private async offerToRemember(doc: vscode.TextDocument, kind: string, label: string): Promise<void> {
    const remember = await vscode.window.showInformationMessage(
      `Always treat ${vscode.workspace.asRelativePath(doc.uri)} as a ${label}?`,
      "Remember in settings",
    );
    if (!remember) return;
    const config = vscode.workspace.getConfiguration("nomadkit");
    const fileKinds = { ...config.get<Record<string, string>>("fileKinds", {}) };
    fileKinds[vscode.workspace.asRelativePath(doc.uri, false)] = kind;
    await config.update("fileKinds", fileKinds, vscode.ConfigurationTarget.Workspace);
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
