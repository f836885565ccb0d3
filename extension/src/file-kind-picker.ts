// The status-bar item that shows a Nomad file's kind, and the picker behind it. Picking a
// kind switches the editor's language, and can remember the choice for that file in
// nomadkit.fileKinds (which also wins when the file is opened again).
import * as vscode from "vscode";
import { kindFromSetting, LANGUAGES, languageOfKind } from "./languages.js";

export class FileKindPicker implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "nomadkit.fileKind",
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = "Nomad file kind";
    this.item.command = "nomadkit.selectFileKind";
    this.item.tooltip = "Nomad file kind: click to change";
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidOpenTextDocument((doc) => void this.applySetting(doc)),
      vscode.commands.registerCommand("nomadkit.selectFileKind", () => this.pick()),
    );
    for (const doc of vscode.workspace.textDocuments) void this.applySetting(doc);
    this.update();
  }

  /** A file that nomadkit.fileKinds names gets that kind's language on open. */
  private async applySetting(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== "file") return;
    const fileKinds = vscode.workspace
      .getConfiguration("nomadkit")
      .get<Record<string, string>>("fileKinds", {});
    const kind = kindFromSetting(doc.uri.path, fileKinds);
    const language = kind ? languageOfKind(kind) : undefined;
    if (language && doc.languageId !== language.id)
      await vscode.languages.setTextDocumentLanguage(doc, language.id);
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
    const doc = await vscode.languages.setTextDocumentLanguage(editor.document, picked.language.id);
    const remember = await vscode.window.showInformationMessage(
      `Always treat ${vscode.workspace.asRelativePath(doc.uri)} as a ${picked.label}?`,
      "Remember in settings",
    );
    if (remember) {
      const config = vscode.workspace.getConfiguration("nomadkit");
      const fileKinds = { ...config.get<Record<string, string>>("fileKinds", {}) };
      fileKinds[vscode.workspace.asRelativePath(doc.uri, false)] = picked.language.kind;
      await config.update("fileKinds", fileKinds, vscode.ConfigurationTarget.Workspace);
    }
    this.update();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
