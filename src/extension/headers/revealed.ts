import type * as vscode from 'vscode';

/**
 * The range a header panel last selected in each document (click-to-reveal). "Analyze
 * Email Header" analyses the selection when there is one — but not this one: the panel
 * made it, the user did not choose to analyse that single header.
 */
const revealed = new Map<string, vscode.Range>();

export function rememberRevealed(document: vscode.TextDocument, range: vscode.Range): void {
  revealed.set(document.uri.toString(), range);
}

export function wasRevealed(document: vscode.TextDocument, range: vscode.Range): boolean {
  return revealed.get(document.uri.toString())?.isEqual(range) ?? false;
}
