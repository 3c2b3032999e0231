import * as vscode from 'vscode';

/** Opens text in a new untitled document of the given language and shows it. */
export async function openUntitled(language: string, content: string, column: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
  return document;
}
