/**
 * The zone worker: a worker thread (bundled on its own as dist/zoneWorker.js, no `vscode` in
 * it) that owns the analysis of the zone documents too large to analyse on the extension host.
 * It takes a document's text in slices, then its changes, and answers with results placed for
 * the editor (core/zone/editor/background.ts) — the same core analysis, with the same
 * options, as the editor's own path and the CLI.
 */
import { dirname, resolve } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { BackgroundZoneDocument } from '../../core/zone/editor/background';
import { IncludeFileCache } from '../../core/zone/includeFiles';
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
}

const port = parentPort;
const docs = new Map<number, Doc>();
const send = (m: FromWorker): void => port?.postMessage(m);
const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

function publish(d: Doc): void {
  if (!d.doc) return;
  const t0 = performance.now();
  const files = d.doc.diagnostics();
  send({ t: 'diagnostics', id: d.id, version: d.doc.version, files, stale: d.doc.stale, ms: Math.round(performance.now() - t0) });
}

/** Takes the changes received so far, in one batch. */
function flush(d: Doc): void {
  if (!d.doc || !d.pending.length) return;
  const batch = d.pending.splice(0);
  d.doc.edit(batch.flatMap((b) => b.changes.changes), batch[batch.length - 1]!.version);
}

function scheduleRefresh(d: Doc): void {
  clearTimeout(d.refreshTimer);
  d.refreshTimer = setTimeout(() => {
    d.refreshTimer = undefined;
    if (!d.doc || !docs.has(d.id)) return;
    flush(d);
    if (d.pending.length === 0 && d.doc.stale) {
      d.doc.refresh();
      publish(d);
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
      if (!d.pending.length) continue;
      flush(d);
      publish(d);
      scheduleRefresh(d);
    }
  });
}

function lintOptions(m: ToWorker & { t: 'open' }, d: { asked: Set<string>; files: IncludeFileCache | undefined }): LintOptions {
  const options: LintOptions = { ...m.lint };
  const inc = m.includes;
  if (inc && d.files) {
    const files = d.files;
    options.readInclude = (path, from) => {
      const abs = resolve(dirname(from ?? inc.file), path);
      d.asked.add(abs);
      return { path: abs, text: files.read(abs) };
    };
  }
  return options;
}

function handle(m: ToWorker): void {
  switch (m.t) {
    case 'open': {
      const old = docs.get(m.id);
      if (old) clearTimeout(old.refreshTimer);
      const d: Doc = { id: m.id, version: m.version, lint: {}, delay: m.delay, parts: [], doc: undefined, asked: new Set(), files: undefined, pending: [], refreshTimer: undefined };
      if (m.includes) {
        const policy = { ...(m.includes.roots ? { roots: m.includes.roots } : {}), maxBytes: m.includes.maxBytes };
        d.files = new IncludeFileCache(() => policy, (path) => {
          if (docs.get(d.id) !== d || !d.doc || !d.asked.has(path)) return;
          flush(d);
          d.doc.refresh();
          publish(d);
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
      d.doc = new BackgroundZoneDocument(text, d.lint, d.version);
      publish(d);
      return;
    }
    case 'edit': {
      const d = docs.get(m.id);
      if (!d) return;
      d.pending.push({ version: m.version, changes: m });
      scheduleFlush();
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
