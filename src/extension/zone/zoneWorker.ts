/**
 * The zone worker: a worker thread (bundled on its own as dist/zoneWorker.js, no `vscode` in
 * it) that owns the analysis of the zone documents too large to analyse on the extension host.
 * It takes a document's text in slices, then its changes, and answers with results placed for
 * the editor (core/zone/editor/background.ts) — the same core analysis, with the same
 * options, as the editor's own path and the CLI.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { BackgroundZoneDocument } from '../../core/zone/editor/background';
import { cachedIncludeReader, IncludeFileCache } from '../../core/zone/includeFiles';
import type { LintOptions } from '../../core/zone/lint';
import type { FromWorker, ToWorker } from './backgroundProtocol';

interface Doc {
  id: number;
  version: number;
  lint: LintOptions;
  delay: number;
  /** Slices of the text until 'ready'. */
  parts: string[] | undefined;
  doc: BackgroundZoneDocument | undefined;
  asked: Set<string>;
  files: IncludeFileCache | undefined;
  /** Changes received and not yet taken by the model. */
  pending: { version: number; changes: ToWorker & { t: 'edit' } }[];
  refreshTimer: NodeJS.Timeout | undefined;
  /** The diagnostics sent last (JSON). */
  lastSent?: string;
  /** Questions asked while the text was being read from the file. */
  asks: (ToWorker & { t: 'ask' })[];
  /** Changes were taken (by the batch, or early for a question) and not yet published. */
  changed: boolean;
}

const port = parentPort;
const docs = new Map<number, Doc>();
const send = (m: FromWorker): void => port?.postMessage(m);
const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/**
 * Sends the document's diagnostics — unless they are the ones sent last, place for place (typing
 * inside a line mostly moves nothing): setting 1000 diagnostics costs the extension host 10–30 ms,
 * and the ones it has are still right.
 */
function publish(d: Doc): void {
  if (!d.doc) return;
  const t0 = performance.now();
  const files = d.doc.diagnostics();
  const key = JSON.stringify(files);
  if (key === d.lastSent) return;
  d.lastSent = key;
  send({ t: 'diagnostics', id: d.id, version: d.doc.version, files, stale: d.doc.stale, ms: Math.round(performance.now() - t0) });
}

/** Takes the changes received so far, in one batch. */
function flush(d: Doc): void {
  if (!d.doc || !d.pending.length) return;
  const batch = d.pending.splice(0);
  d.doc.edit(batch.flatMap((b) => b.changes.changes), batch[batch.length - 1]!.version);
  d.changed = true;
}

function scheduleRefresh(d: Doc): void {
  clearTimeout(d.refreshTimer);
  d.refreshTimer = setTimeout(() => {
    d.refreshTimer = undefined;
    if (!d.doc || docs.get(d.id) !== d) return;
    try {
      flush(d);
      const stale = d.doc.stale;
      if (stale) d.doc.refresh();
      if (stale || d.changed) {
        d.changed = false;
        publish(d);
      }
    } catch (e) {
      send({ t: 'log', message: `zone worker: re-checking the zone failed: ${describe(e)}` });
    }
  }, d.delay);
}

let flushScheduled = false;
function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  // After the messages already waiting: a burst of keystrokes is one edit of the model.
  setImmediate(() => {
    flushScheduled = false;
    for (const d of docs.values()) {
      try {
        flush(d);
        if (!d.changed) continue;
        d.changed = false;
        publish(d);
        scheduleRefresh(d);
      } catch (e) {
        send({ t: 'log', message: `zone worker: taking changes failed: ${describe(e)}` });
      }
    }
  });
}

function lintOptions(m: ToWorker & { t: 'open' }, d: { asked: Set<string>; files: IncludeFileCache | undefined }): LintOptions {
  const options: LintOptions = { ...m.lint };
  const inc = m.includes;
  if (inc && d.files) options.readInclude = cachedIncludeReader(inc.file, d.files, d.asked);
  return options;
}

/** The document's analysis from its text; then the changes and questions that waited for it. */
function start(d: Doc, text: string): void {
  d.doc = new BackgroundZoneDocument(text, d.lint, d.version);
  publish(d);
  if (d.pending.length) scheduleFlush();
  for (const a of d.asks.splice(0)) handle(a);
}

/** The file's text, if it is the document's (see the 'file' message), else why not. */
async function fromFile(m: ToWorker & { t: 'file' }): Promise<{ text: string } | string> {
  let text: string;
  try {
    text = (await readFile(m.path)).toString('utf8');
  } catch (e) {
    return `cannot read it: ${(e as Error).message}`;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A lone CR is a line break to the editor, a CRLF two characters: only LF files are taken as they are.
  if (text.includes('\r')) return 'it has CR characters';
  if (text.includes('\ufffd')) return 'it is not UTF-8';
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  if (lines !== m.lineCount) return `it has ${lines} lines, the editor ${m.lineCount}`;
  const wanted = new Map(m.samples);
  let line = 0;
  for (let at = 0; at <= text.length && wanted.size; line++) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    const sample = wanted.get(line);
    if (sample !== undefined) {
      if (text.slice(at, stop) !== sample) return `line ${line + 1} differs from the editor's`;
      wanted.delete(line);
    }
    if (end === -1) break;
    at = end + 1;
  }
  return { text };
}

function handle(m: ToWorker): void {
  switch (m.t) {
    case 'open': {
      const old = docs.get(m.id);
      if (old) clearTimeout(old.refreshTimer);
      const d: Doc = { id: m.id, version: m.version, lint: {}, delay: m.delay, parts: [], doc: undefined, asked: new Set(), files: undefined, pending: [], refreshTimer: undefined, changed: false, asks: [] };
      if (m.includes) {
        const policy = { ...(m.includes.roots ? { roots: m.includes.roots } : {}), maxBytes: m.includes.maxBytes };
        d.files = new IncludeFileCache(() => policy, (path) => {
          if (docs.get(d.id) !== d || !d.doc || !d.asked.has(path)) return;
          try {
            flush(d);
            d.doc.refresh();
            d.changed = false;
            publish(d);
          } catch (e) {
            send({ t: 'log', message: `zone worker: re-checking the zone failed: ${describe(e)}` });
          }
        });
      }
      d.lint = lintOptions(m, d);
      docs.set(m.id, d);
      return;
    }
    case 'chunk':
      docs.get(m.id)?.parts?.push(m.text);
      return;
    case 'ready': {
      const d = docs.get(m.id);
      if (!d?.parts) return;
      const text = d.parts.join('');
      d.parts = undefined;
      start(d, text);
      return;
    }
    case 'file': {
      const d = docs.get(m.id);
      if (!d?.parts) return;
      d.parts = undefined;
      void fromFile(m).then((r) => {
        if (docs.get(d.id) !== d) return;
        if (typeof r === 'string') {
          send({ t: 'need-text', id: d.id, reason: r });
          return;
        }
        try {
          start(d, r.text);
        } catch (e) {
          send({ t: 'log', message: `zone worker: analysing failed: ${describe(e)}` });
        }
      });
      return;
    }
    case 'edit': {
      const d = docs.get(m.id);
      if (!d) return;
      d.pending.push({ version: m.version, changes: m });
      scheduleFlush();
      return;
    }
    case 'resend': {
      const d = docs.get(m.id);
      if (!d) return;
      d.lastSent = undefined;
      // With changes waiting, the batch publishes; else now.
      if (d.doc && !d.pending.length) publish(d);
      return;
    }
    case 'close': {
      const d = docs.get(m.id);
      if (d) clearTimeout(d.refreshTimer);
      docs.delete(m.id);
      return;
    }
    case 'ask': {
      const d = docs.get(m.id);
      if (d && !d.doc && !d.parts) {
        d.asks.push(m); // the file is being read
        return;
      }
      if (!d?.doc) {
        send({ t: 'reply', req: m.req, result: null });
        return;
      }
      flush(d);
      try {
        const result = m.what === 'hover' ? (d.doc.hover(m.offset) ?? null) : m.what === 'symbols' ? d.doc.symbols() : d.doc.folding();
        send({ t: 'reply', req: m.req, result });
      } catch (e) {
        send({ t: 'reply', req: m.req, error: describe(e) });
      }
      return;
    }
  }
}

port?.on('message', (m: ToWorker) => {
  try {
    handle(m);
  } catch (e) {
    send({ t: 'log', message: `zone worker: ${m.t} failed: ${describe(e)}` });
    if (m.t === 'ask') send({ t: 'reply', req: m.req, error: describe(e) });
  }
});
