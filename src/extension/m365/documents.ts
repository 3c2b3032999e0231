import * as vscode from 'vscode';

/** Opens text in a new untitled document of the given language and shows it. */
export async function openUntitled(language: string, content: string, column: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
  return document;
}

/**
 * The untitled document of one generated script (`mailsec-transport-rules-create.ps1` …):
 * an untitled URI with a path, so VS Code reuses it for the next run of the same kind
 * (instead of Untitled-1, Untitled-2 …) and offers the name, in the workspace folder, on
 * Save. Each run replaces its text.
 */
export async function openScript(fileName: string, language: string, content: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = folder ? vscode.Uri.joinPath(folder, fileName).with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: fileName });
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== language) await vscode.languages.setTextDocumentLanguage(document, language);
  if (document.getText() !== content) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), content);
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Active, preview: false });
  return document;
}

/** "Save As…" on a script document: the save dialog with its suggested name. */
export async function saveScriptAs(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.saveAs');
}

/**
 * Read-only reports (Test Transport Rules): a virtual document per kind, replaced on each
 * run, never a dirty Untitled that asks to be saved on close.
 */
export const REPORT_SCHEME = 'mailsec-report';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Sets the report `name` (e.g. "transport-rules-test.md") and returns its URI. */
  set(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
