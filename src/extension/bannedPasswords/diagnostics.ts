import * as vscode from 'vscode';
import { toDiagnostic } from '../diagnostics';
import { BANNED_LANGUAGE, type BannedListCache } from './analysis';

/** Findings of `lintBannedPasswordList` as diagnostics, on open and shortly after each change. */
export function registerBannedDiagnostics(context: vscode.ExtensionContext, cache: BannedListCache): void {
  const collection = vscode.languages.createDiagnosticCollection('mailsec-banned-passwords');
  const timers = new Map<string, NodeJS.Timeout>();

  const publish = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    if (document.languageId !== BANNED_LANGUAGE || document.isClosed) {
      if (collection.has(document.uri)) collection.delete(document.uri);
      return;
    }
    const { lint, lines } = cache.get(document);
    collection.set(
      document.uri,
      lint.findings.map((f) => toDiagnostic(f, lines, () => document.uri, () => lines)),
    );
    timers.delete(key);
  };
  const schedule = (document: vscode.TextDocument): void => {
    if (document.languageId !== BANNED_LANGUAGE) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => publish(document), 50));
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(publish),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    // Switching a text file to the banned-passwords language closes and reopens it under the new id.
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      cache.forget(document);
      collection.delete(document.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(publish);
}
