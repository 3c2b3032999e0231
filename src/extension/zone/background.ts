import * as vscode from 'vscode';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlacedFile } from '../../core/zone/editor/background';
import type { FoldingRange } from '../../core/zone/editor/folding';
import { EDITOR_INCLUDE_LIMITS, lintOptionsFor } from './analysisCache';
import type { FromWorker, HoverAnswer, SymbolsAnswer, ToWorker } from './backgroundProtocol';
import { zoneTimings } from './timings';

/** Default of `mailsec.zone.backgroundAnalysisLines` (measured: a 10,000-line zone analyses in about 45 ms). */
export const BACKGROUND_ANALYSIS_LINES = 10_000;
/** Lines of text read from the document and sent to the worker per task (about 0.5 MB). */
const SLICE_LINES = 10_000;
/** A change inserting more than this (about a slice) sends the document again instead. */
const LARGE_CHANGE_CHARS = 512 * 1024;

/** Whether the worker may read the document's text from its file: saved, UTF-8, LF line breaks. */
function readableAsFile(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' || document.isDirty || document.eol !== vscode.EndOfLine.LF) return false;
  const encoding = (document as { encoding?: string }).encoding ?? vscode.workspace.getConfiguration('files', document.uri).get<string>('encoding', 'utf8');
  return encoding === 'utf8' || encoding === 'utf8bom';
}

interface Entry {
  id: number;
  document: vscode.TextDocument;
  /** The document version the worker has (or is being sent). */
  version: number;
  /** Resolves once the whole text is on its way to the worker. */
  ready: Promise<boolean>;
  sending: boolean;
  closed: boolean;
  /** Outline and folding asked and not yet answered: asked again meanwhile, the same answer. */
  asking: Map<string, Promise<unknown>>;
}

/**
 * The zone documents too large to analyse on the extension host (at least
 * `mailsec.zone.backgroundAnalysisLines` lines): one worker thread (dist/zoneWorker.js,
 * started when the first such document opens, stopped when the last one closes) owns their
 * analysis. A saved UTF-8 file with LF line breaks the worker reads itself (checked against a
 * sample of the editor's lines); any other text goes to it in slices of lines, one slice
 * per task (allocating 45 MB of strings on the host invites long garbage collections into
 * our tasks, measured up to 97 ms); changes go as
 * VS Code reports them; diagnostics, hovers, the outline and folding come back placed.
 */
export class BackgroundZones implements vscode.Disposable {
  private worker: Worker | undefined;
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;
  private nextReq = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private log: vscode.LogOutputChannel | undefined;
  private onDiagnostics: (document: vscode.TextDocument, files: PlacedFile[], stale: boolean) => void = () => undefined;

  constructor(private readonly extensionPath: string) {}

  /** Who sets the diagnostics the worker sends (diagnostics.ts). */
  setListener(listener: (document: vscode.TextDocument, files: PlacedFile[], stale: boolean) => void): void {
    this.onDiagnostics = listener;
  }

  /** Whether the document is (to be) analysed in the worker. */
  isLarge(document: vscode.TextDocument): boolean {
    if (this.entries.has(document.uri.toString())) return true;
    const limit = vscode.workspace.getConfiguration('mailsec', document.uri).get<number>('zone.backgroundAnalysisLines', BACKGROUND_ANALYSIS_LINES);
    return limit > 0 && document.lineCount >= limit;
  }

  has(document: vscode.TextDocument): boolean {
    return this.entries.has(document.uri.toString());
  }

  private output(): vscode.LogOutputChannel {
    return (this.log ??= vscode.window.createOutputChannel('mailsec: Zone files', { log: true }));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(join(this.extensionPath, 'dist', 'zoneWorker.js'));
    w.on('message', (m: FromWorker) => zoneTimings.measure(`worker message: ${m.t}`, () => this.received(m)));
    w.on('error', (e) => this.output().error(`The zone worker failed: ${e.stack ?? e.message}`));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (code !== 0) this.output().error(`The zone worker stopped (exit code ${code}); large zone files are analysed again on their next change.`);
      for (const resolve of this.waiting.values()) resolve(undefined);
      this.waiting.clear();
      this.entries.clear();
    });
    // Never keeps the extension host alive on its own.
    w.unref();
    this.worker = w;
    return w;
  }

  private post(m: ToWorker): void {
    this.ensureWorker().postMessage(m);
  }

  private received(m: FromWorker): void {
    switch (m.t) {
      case 'log':
        this.output().warn(m.message);
        return;
      case 'need-text': {
        const entry = [...this.entries.values()].find((e) => e.id === m.id);
        if (!entry || entry.closed || entry.document.isClosed) return;
        this.output().info(`${entry.document.uri.fsPath} is sent to the zone worker from the editor: ${m.reason}`);
        this.open(entry.document, false);
        return;
      }
      case 'reply': {
        const resolve = this.waiting.get(m.req);
        this.waiting.delete(m.req);
        if (m.error) this.output().error(`The zone worker could not answer: ${m.error}`);
        resolve?.(m.result ?? undefined);
        return;
      }
      case 'diagnostics': {
        const entry = [...this.entries.values()].find((e) => e.id === m.id);
        if (!entry || entry.closed || entry.document.isClosed) return;
        if (entry.document.version !== m.version) {
          zoneTimings.record('diagnostics of an older version (dropped)', 0);
          // The worker has every change sent, yet not this version: out of step, so it gets the text again.
          if (m.version === entry.version && !entry.sending) this.open(entry.document);
          // Of a version typed over meanwhile: the worker is to send its next ones even if they are these.
          else this.post({ t: 'resend', id: m.id });
          return;
        }
        this.onDiagnostics(entry.document, m.files, m.stale);
        return;
      }
    }
  }

  /** Sends the whole document to the worker (again), a slice of lines per task. */
  open(document: vscode.TextDocument, fromFile = true): void {
    const key = document.uri.toString();
    const old = this.entries.get(key);
    if (old) old.closed = true;
    const id = this.nextId++;
    const entry: Entry = { id, document, version: document.version, ready: Promise.resolve(false), sending: true, closed: false, asking: new Map() };
    this.entries.set(key, entry);
    entry.ready = new Promise<boolean>((resolve) => {
      let line = -1;
      const step = (): void => {
        try {
          send();
        } catch (e) {
          // No worker (its file missing, threads refused…): said once per document, never thrown at VS Code.
          this.output().error(`The zone worker could not take ${document.uri.fsPath || document.uri.toString()}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          resolve(false);
        }
      };
      const send = (): void => {
        zoneTimings.measure(line === -1 ? 'start sending a document' : 'send text slice', () => {
          if (entry.closed || document.isClosed) return resolve(false);
          if (document.version !== entry.version) {
            // Changed while it was being sent: start again with the new text.
            resolve(false);
            this.open(document);
            return;
          }
          if (line === -1) {
            // The first task starts the worker (if it is not running) and says what the document is.
            if (old) this.post({ t: 'close', id: old.id });
            this.post(this.opening(document, id));
            if (fromFile && readableAsFile(document)) {
              // A saved file: the worker reads it (checked against the editor's lines), nothing large is made here.
              const n = document.lineCount;
              const samples: [number, string][] = [];
              for (let i = 0; i < 64; i++) {
                const l = Math.floor((i * (n - 1)) / 63);
                samples.push([l, document.lineAt(l).text]);
              }
              this.post({ t: 'file', id, path: document.uri.fsPath, lineCount: n, samples });
              entry.sending = false;
              resolve(true);
              return;
            }
            line = 0;
            setImmediate(step);
            return;
          }
          const end = Math.min(document.lineCount, line + SLICE_LINES);
          // Whole lines with their line breaks; the last slice to the end of the last line.
          const to = end >= document.lineCount ? document.lineAt(document.lineCount - 1).range.end : new vscode.Position(end, 0);
          this.post({ t: 'chunk', id, text: document.getText(new vscode.Range(new vscode.Position(line, 0), to)) });
          line = end;
          if (line >= document.lineCount) {
            this.post({ t: 'ready', id });
            entry.sending = false;
            resolve(true);
          } else setImmediate(step);
        });
      };
      setImmediate(step);
    });
  }

  /** The worker's 'open' message: the same LintOptions and include policy as the editor's own path (analysisCache.ts). */
  private opening(document: vscode.TextDocument, id: number): ToWorker {
    const { readInclude: _reader, ...lint } = lintOptionsFor(document);
    const includes =
      document.uri.scheme === 'file'
        ? {
            file: document.uri.fsPath,
            ...(vscode.workspace.isTrusted ? {} : { roots: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath) }),
            maxBytes: EDITOR_INCLUDE_LIMITS.maxFileBytes,
          }
        : undefined;
    const delay = Math.max(0, vscode.workspace.getConfiguration('mailsec', document.uri).get<number>('zone.diagnosticsDelay', 300));
    return { t: 'open', id, version: document.version, lint, ...(includes ? { includes } : {}), delay };
  }

  /** Records a change of a large document: sent to the worker as it is (it batches them). */
  change(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(e.document.uri.toString());
    if (!entry) {
      this.open(e.document);
      return;
    }
    if (entry.sending) return; // the sender starts again with the new text
    if (e.contentChanges.length === 0) {
      // A new version without changes (not seen from VS Code so far, but possible): the text again.
      // The same version is only the dirty state changing.
      if (e.document.version !== entry.version) this.open(e.document);
      return;
    }
    if (e.document.version !== entry.version + 1) {
      this.open(e.document);
      return;
    }
    let inserted = 0;
    for (const c of e.contentChanges) inserted += c.text.length;
    if (inserted > LARGE_CHANGE_CHARS) {
      // A change as large as a slice or more (a big paste; VS Code reports a new line-break style as
      // the whole text replaced): copying it to the worker in this task would be a long task; the
      // document goes again, from its file or in slices.
      this.open(e.document);
      return;
    }
    entry.version = e.document.version;
    const changes = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    this.post({ t: 'edit', id: entry.id, version: e.document.version, changes });
  }

  close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.closed = true;
    this.entries.delete(key);
    if (this.worker) this.worker.postMessage({ t: 'close', id: entry.id } satisfies ToWorker);
    if (this.entries.size === 0) this.stop();
  }

  private async ask(document: vscode.TextDocument, m: { what: 'hover'; offset: number } | { what: 'symbols' | 'folding' }): Promise<unknown> {
    let entry = this.entries.get(document.uri.toString());
    if (!entry) {
      this.open(document);
      entry = this.entries.get(document.uri.toString())!;
    }
    const e = entry;
    const asked = m.what === 'hover' ? undefined : e.asking.get(m.what);
    if (asked) return asked;
    const answer = (async () => {
      if (!(await e.ready) || e.closed) return undefined;
      const req = this.nextReq++;
      return new Promise((resolve) => {
        this.waiting.set(req, resolve);
        this.post({ t: 'ask', id: e.id, req, ...m });
      });
    })();
    if (m.what !== 'hover') {
      e.asking.set(m.what, answer);
      void answer.finally(() => e.asking.delete(m.what));
    }
    return answer;
  }

  hover(document: vscode.TextDocument, offset: number): Promise<HoverAnswer | undefined> {
    return this.ask(document, { what: 'hover', offset }) as Promise<HoverAnswer | undefined>;
  }

  symbols(document: vscode.TextDocument): Promise<SymbolsAnswer | undefined> {
    return this.ask(document, { what: 'symbols' }) as Promise<SymbolsAnswer | undefined>;
  }

  folding(document: vscode.TextDocument): Promise<FoldingRange[] | undefined> {
    return this.ask(document, { what: 'folding' }) as Promise<FoldingRange[] | undefined>;
  }

  /** Forgets every document (settings or trust changed): they are sent again when published. */
  clear(): void {
    for (const e of this.entries.values()) e.closed = true;
    this.entries.clear();
    this.stop();
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
    if (w) void w.terminate();
  }

  dispose(): void {
    this.clear();
    this.log?.dispose();
  }
}
