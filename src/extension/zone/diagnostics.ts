import * as vscode from 'vscode';
import { LineIndex } from '../../core/text/lineIndex';
import type { Finding } from '../../core/findings';
import { omittedNotice, type PlacedFile } from '../../core/zone/editor/background';
import { placedDiagnostic, toDiagnostic, type PositionSource } from '../diagnostics';
import { registerCommand } from '../registry';
import type { ZoneAnalysisCache } from './analysisCache';
import type { BackgroundZones } from './background';
import { TASK_TIMINGS_COMMAND, zoneTimings } from './timings';

export const ZONE_LANGUAGE = 'dns-zone';

/**
 * Publishes zone findings as diagnostics: on open; after each change at once, from the
 * incremental re-check of the touched lines; and, after a pause in typing
 * (`mailsec.zone.diagnosticsDelay`), again with the checks that span the whole zone
 * (CNAME and other data, SPF across includes…). Findings inside $INCLUDE'd files go to
 * those files' URIs.
 *
 * A document of `mailsec.zone.backgroundAnalysisLines` lines or more is analysed in the zone
 * worker instead (background.ts): here its changes are only passed on, and the diagnostics
 * the worker chose and placed (at most what VS Code shows per file) are wrapped and set.
 */
export function registerZoneDiagnostics(context: vscode.ExtensionContext, cache: ZoneAnalysisCache, background: BackgroundZones): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('mailsec-zone');
  const timers = new Map<string, NodeJS.Timeout>();
  const includedBy = new Map<string, Set<string>>();

  /** Sets the diagnostics of a document and of the files it includes, forgetting included files no longer concerned. */
  const setFor = (document: vscode.TextDocument, byFile: Map<string | undefined, vscode.Diagnostic[]>): void => {
    const uriFor = (file: string | undefined): vscode.Uri => (file ? vscode.Uri.file(file) : document.uri);
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

  /** The worker's diagnostics of a large document. */
  background.setListener((document, files: PlacedFile[]) => {
    if (document.languageId !== ZONE_LANGUAGE || document.isClosed) return;
    const uriFor = (file: string | undefined): vscode.Uri => (file ? vscode.Uri.file(file) : document.uri);
    const byFile = zoneTimings.measure('worker diagnostics: wrap', () => {
      const byFile = new Map<string | undefined, vscode.Diagnostic[]>([[undefined, []]]);
      for (const f of files) {
        const diags = f.findings.map((p) => placedDiagnostic(p, uriFor));
        if (f.omitted > 0) diags.push(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), omittedNotice(f.omitted, f.file ?? (document.uri.scheme === 'file' ? document.uri.fsPath : undefined)), vscode.DiagnosticSeverity.Information));
        byFile.set(f.file, diags);
      }
      return byFile;
    });
    zoneTimings.measure('worker diagnostics: set', () => setFor(document, byFile));
  });

  /** Publishes the document's findings: given (a keystroke's preview), or the model's. */
  const publish = (document: vscode.TextDocument, given?: Finding[]): void => {
    if (document.languageId !== ZONE_LANGUAGE || document.isClosed) return;
    if (background.isLarge(document)) {
      // Analysed in the worker, which publishes when it is done (never built here).
      if (!background.has(document)) {
        cache.forget(document);
        background.open(document);
      }
      return;
    }
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
    setFor(document, byFile);
  };

  const changed = (e: vscode.TextDocumentChangeEvent): void => {
    const document = e.document;
    if (document.languageId !== ZONE_LANGUAGE) return;
    if (background.has(document)) {
      // The worker takes the change (and re-checks the whole zone after the pause itself).
      background.change(e);
      return;
    }
    if (e.contentChanges.length === 0) return;
    if (background.isLarge(document)) {
      // Grown past mailsec.zone.backgroundAnalysisLines: from now on in the worker.
      cache.forget(document);
      background.change(e);
      return;
    }
    publish(document, cache.applyChange(e));
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    const delay = vscode.workspace.getConfiguration('mailsec', document.uri).get<number>('zone.diagnosticsDelay', 300);
    timers.set(key, setTimeout(() => zoneTimings.measure('zone-wide re-check', () => {
      timers.delete(key);
      if (!document.isClosed && cache.refresh(document)) publish(document);
    }), Math.max(0, delay)));
  };
  const reset = (): void => {
    cache.clear();
    background.clear();
    vscode.workspace.textDocuments.forEach((d) => publish(d));
  };

  // An included file arrived from the background read (or changed): publish the zones that include it.
  cache.onDidReanalyze((keys) => zoneTimings.measure('include arrived', () => {
    for (const d of vscode.workspace.textDocuments) if (keys.includes(d.uri.toString())) publish(d);
  }));

  context.subscriptions.push(
    collection,
    background,
    vscode.workspace.onDidGrantWorkspaceTrust(() => zoneTimings.measure('trust granted', reset)),
    vscode.workspace.onDidOpenTextDocument((d) => zoneTimings.measure('document opened', () => publish(d))),
    vscode.workspace.onDidChangeTextDocument((e) => zoneTimings.measure('document changed', () => changed(e))),
    vscode.workspace.onDidCloseTextDocument((document) => zoneTimings.measure('document closed', () => {
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      cache.forget(document);
      background.close(document);
      collection.delete(document.uri);
      for (const f of includedBy.get(key) ?? []) collection.delete(vscode.Uri.file(f));
      includedBy.delete(key);
    })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mailsec')) zoneTimings.measure('settings changed', reset);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    // Internal (the integration tests): the zone features' longest tasks on the extension host; 'reset' starts afresh.
    registerCommand(TASK_TIMINGS_COMMAND, (what?: unknown) => {
      const snapshot = zoneTimings.snapshot();
      if (what === 'reset') zoneTimings.reset();
      return snapshot;
    }),
  );
  zoneTimings.measure('startup publish', () => vscode.workspace.textDocuments.forEach((d) => publish(d)));
  return collection;
}
