import * as vscode from 'vscode';
import { LineIndex } from '../../core/text/lineIndex';
import type { Finding } from '../../core/findings';
import { toDiagnostic, type PositionSource } from '../diagnostics';
import type { ZoneAnalysisCache } from './analysisCache';

export const ZONE_LANGUAGE = 'dns-zone';

/**
 * Publishes zone findings as diagnostics: on open; after each change at once, from the
 * incremental re-check of the touched lines; and, after a pause in typing
 * (`mailsec.zone.diagnosticsDelay`), again with the checks that span the whole zone
 * (CNAME and other data, SPF across includes…). Findings inside $INCLUDE'd files go to
 * those files' URIs.
 */
export function registerZoneDiagnostics(context: vscode.ExtensionContext, cache: ZoneAnalysisCache): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('mailsec-zone');
  const timers = new Map<string, NodeJS.Timeout>();
  const includedBy = new Map<string, Set<string>>();

  /** Publishes the document's findings: given (a keystroke's preview), or the model's. */
  const publish = (document: vscode.TextDocument, given?: Finding[]): void => {
    if (document.languageId !== ZONE_LANGUAGE || document.isClosed) return;
    // Offsets become positions through the document itself (VS Code keeps its line
    // index up to date): no index of our own is built on each keystroke.
    const analysis = given ? { findings: given, includes: [] as { path: string; text: string }[] } : cache.get(document).analysis;
    const lines: PositionSource = document;
    const includeTexts = new Map(analysis.includes.map((i) => [i.path, i.text]));
    const includeLines = new Map<string, LineIndex>();
    const linesFor = (file: string | undefined): PositionSource => {
      if (!file) return lines;
      let li = includeLines.get(file);
      if (!li) includeLines.set(file, (li = new LineIndex(includeTexts.get(file) ?? '')));
      return li;
    };
    const uriFor = (file: string | undefined): vscode.Uri => (file ? vscode.Uri.file(file) : document.uri);
    const byFile = new Map<string | undefined, vscode.Diagnostic[]>([[undefined, []]]);
    for (const f of analysis.findings) {
      const list = byFile.get(f.file) ?? [];
      list.push(toDiagnostic(f, linesFor(f.file), uriFor, linesFor));
      byFile.set(f.file, list);
    }
    const key = document.uri.toString();
    const previous = includedBy.get(key) ?? new Set<string>();
    const now = new Set<string>();
    for (const [file, diags] of byFile) {
      collection.set(uriFor(file), diags);
      if (file) now.add(file);
    }
    for (const old of previous) if (!now.has(old)) collection.delete(vscode.Uri.file(old));
    includedBy.set(key, now);
  };

  const changed = (e: vscode.TextDocumentChangeEvent): void => {
    const document = e.document;
    if (document.languageId !== ZONE_LANGUAGE || e.contentChanges.length === 0) return;
    publish(document, cache.applyChange(e));
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    const delay = vscode.workspace.getConfiguration('mailsec', document.uri).get<number>('zone.diagnosticsDelay', 300);
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      if (!document.isClosed && cache.refresh(document)) publish(document);
    }, Math.max(0, delay)));
  };

  // An included file arrived from the background read (or changed): publish the zones that include it.
  cache.onDidReanalyze((keys) => {
    for (const d of vscode.workspace.textDocuments) if (keys.includes(d.uri.toString())) publish(d);
  });

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      cache.clear();
      vscode.workspace.textDocuments.forEach((d) => publish(d));
    }),
    vscode.workspace.onDidOpenTextDocument((d) => publish(d)),
    vscode.workspace.onDidChangeTextDocument(changed),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      cache.forget(document);
      collection.delete(document.uri);
      for (const f of includedBy.get(key) ?? []) collection.delete(vscode.Uri.file(f));
      includedBy.delete(key);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mailsec')) return;
      cache.clear();
      vscode.workspace.textDocuments.forEach((d) => publish(d));
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach((d) => publish(d));
  return collection;
}
