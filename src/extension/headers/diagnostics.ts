import * as vscode from 'vscode';
import { lintHeaders } from '../../core/headers/lint';
import { LineIndex } from '../../core/text/lineIndex';
import { toDiagnostic } from '../diagnostics';

export const HEADERS_LANGUAGE = 'email-headers';

/**
 * Diagnostics on `email-headers` documents from `lintHeaders` — what is wrong with the
 * header text itself, without knowing the organisation: lines that are not fields, broken
 * encoded words and encoding tricks, a From with several addresses, a Date in the future or
 * unreadable, malformed Authentication-Results, DKIM-Signature and Received fields.
 * On open at once; after a change, once typing pauses (`mailsec.headers.diagnosticsDelay`).
 */
export function registerHeaderDiagnostics(context: vscode.ExtensionContext): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('mailsec-headers');
  const timers = new Map<string, NodeJS.Timeout>();

  const publish = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    if (document.isClosed) return;
    if (document.languageId !== HEADERS_LANGUAGE) {
      collection.delete(document.uri); // switched to another language
      return;
    }
    const text = document.getText();
    const lines = new LineIndex(text);
    const uriFor = () => document.uri;
    const linesFor = () => lines;
    collection.set(document.uri, lintHeaders(text).map((f) => toDiagnostic(f, lines, uriFor, linesFor)));
  };

  const schedule = (document: vscode.TextDocument): void => {
    if (document.languageId !== HEADERS_LANGUAGE) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    const delay = vscode.workspace.getConfiguration('mailsec', document.uri).get<number>('headers.diagnosticsDelay', 200);
    if (delay <= 0) {
      publish(document);
      return;
    }
    timers.set(key, setTimeout(() => publish(document), delay));
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(publish),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      collection.delete(document.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(publish);
  return collection;
}
