import * as vscode from 'vscode';
import { basename } from 'node:path';
import { LineIndex } from '../../core/text/lineIndex';
import { originFromFileName } from '../../core/zone/fileName';
import type { Finding } from '../../core/findings';
import { cachedIncludeReader, IncludeFileCache, type IncludePolicy } from '../../core/zone/includeFiles';
import { ZoneModel, type TextChange } from '../../core/zone/incremental';
import type { LintOptions, ZoneAnalysis } from '../../core/zone/lint';

export interface CachedAnalysis {
  version: number;
  analysis: ZoneAnalysis;
  lines: LineIndex;
  /** Findings that depend on the whole zone are from before the last edit. */
  stale: boolean;
}

/** Bounds on what one zone open in the editor may include (the CLI's are larger). */
export const EDITOR_INCLUDE_LIMITS = { maxIncludeFiles: 200, maxIncludeBytes: 32 * 1024 * 1024, maxFileBytes: 16 * 1024 * 1024 };

/**
 * Included files are read in the background (never synchronously on the extension host),
 * regular files only, and in an untrusted workspace only inside the workspace folders,
 * symbolic links resolved.
 */
function includePolicy(): IncludePolicy {
  const roots = vscode.workspace.isTrusted ? undefined : (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return { ...(roots ? { roots } : {}), maxBytes: EDITOR_INCLUDE_LIMITS.maxFileBytes };
}

function includeReader(document: vscode.TextDocument, files: IncludeFileCache, asked: Set<string>): LintOptions['readInclude'] {
  if (document.uri.scheme !== 'file') return undefined;
  // Checked (and read) in the background first: its place, its kind, its size; an open editor's text wins.
  return cachedIncludeReader(document.uri.fsPath, files, asked, (abs) => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === abs)?.getText());
}

export function lintOptionsFor(document: vscode.TextDocument, files?: IncludeFileCache, asked = new Set<string>()): LintOptions {
  const config = vscode.workspace.getConfiguration('mailsec', document.uri);
  const options: LintOptions = { webFormWarning: config.get<boolean>('zone.webFormWarning', true), maxIncludeFiles: EDITOR_INCLUDE_LIMITS.maxIncludeFiles, maxIncludeBytes: EDITOR_INCLUDE_LIMITS.maxIncludeBytes };
  // The external half of "Move DKIM key behind a CNAME" (moveDkim.ts): a fragment for another host.
  if (document.uri.scheme === 'mailsec-fragment') options.fragment = true;
  const origin = config.get<string>('zone.defaultOrigin', '') || (document.uri.scheme === 'file' ? originFromFileName(basename(document.uri.fsPath)) : undefined);
  if (origin) options.origin = origin;
  if (document.uri.scheme === 'file') options.file = document.uri.fsPath;
  const reader = files ? includeReader(document, files, asked) : undefined;
  if (reader) options.readInclude = reader;
  return options;
}

interface Slot {
  model: ZoneModel;
  /** Included files the model's analyses asked for (absolute paths). */
  asked: Set<string>;
  /** The document version the model reflects. */
  version: number;
  /** Built when first asked for (hovers, code actions), not on every keystroke. */
  lines: LineIndex | undefined;
  /** A change the model has not taken yet (its diagnostics were published from a preview). */
  pending?: { change: TextChange; version: number };
  syncScheduled?: boolean;
}

/**
 * One ZoneModel per open zone document, shared by diagnostics, code actions, hovers,
 * symbols and folding. Edits are applied incrementally as VS Code reports them (only the
 * touched lines are re-read), so a keystroke in a 100k-line file costs a few
 * milliseconds; `refresh()` re-runs the checks that span the whole zone.
 */
export class ZoneAnalysisCache {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners: ((keys: string[]) => void)[] = [];
  /** Included files, read in the background; when one arrives or changes, the zones that asked for it are analysed again. */
  readonly includeFiles = new IncludeFileCache(includePolicy, (path) => this.includeArrived(path));

  /** Calls `listener` with the document keys (URI strings) whose analyses changed because an included file arrived. */
  onDidReanalyze(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  private includeArrived(path: string): void {
    const keys: string[] = [];
    for (const [key, slot] of this.slots) {
      if (!slot.asked.has(path)) continue;
      slot.model.refresh();
      slot.lines = undefined;
      keys.push(key);
    }
    if (keys.length) for (const l of this.listeners) l(keys);
  }

  private snapshot(slot: Slot): CachedAnalysis {
    const version = slot.version;
    const analysis = slot.model.analysis;
    return {
      version,
      analysis,
      // The index of this version's text, built on first use and shared by later snapshots of it.
      get lines(): LineIndex {
        if (slot.version !== version) return new LineIndex(analysis.text);
        return (slot.lines ??= new LineIndex(analysis.text));
      },
      stale: slot.model.stale,
    };
  }

  get(document: vscode.TextDocument): CachedAnalysis {
    const key = document.uri.toString();
    const slot = this.slots.get(key);
    if (slot?.pending && slot.pending.version === document.version) this.sync(slot, document);
    if (slot && slot.version === document.version) return this.snapshot(slot);
    const text = document.getText();
    if (slot && slot.model.text === text) {
      slot.version = document.version;
      return this.snapshot(slot);
    }
    const asked = new Set<string>();
    const fresh: Slot = { model: new ZoneModel(text, lintOptionsFor(document, this.includeFiles, asked)), asked, version: document.version, lines: undefined };
    this.slots.set(key, fresh);
    return this.snapshot(fresh);
  }

  /** Takes a previewed change into the model (reading the whole text once). */
  private sync(slot: Slot, document: vscode.TextDocument): void {
    const p = slot.pending;
    if (!p) return;
    slot.pending = undefined;
    // The text right after the pending change: the document's if nothing came since,
    // else rebuilt from the model's text.
    const text = document.version === p.version ? document.getText() : slot.model.text.slice(0, p.change.start) + p.change.text + slot.model.text.slice(p.change.end);
    slot.model.edit(p.change, text);
    slot.version = p.version;
    slot.lines = undefined;
  }

  /**
   * Applies a change event and returns the document's findings for its new version. The
   * keystroke path reads only the touched lines (ZoneModel.preview) — not the whole text,
   * which for a 100k-line document costs more than everything else — and brings the model
   * up to date right after, off that path. Several changes at once, or one that needs a
   * full pass, are applied at once.
   */
  applyChange(e: vscode.TextDocumentChangeEvent): Finding[] | undefined {
    const slot = this.slots.get(e.document.uri.toString());
    if (!slot || e.contentChanges.length === 0) return undefined;
    const document = e.document;
    if (slot.pending) this.sync(slot, document);
    if (e.contentChanges.length === 1 && slot.version === document.version - 1) {
      const c = e.contentChanges[0]!;
      const change: TextChange = { start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text };
      const findings = slot.model.preview(change, (from, to) => document.getText(new vscode.Range(document.positionAt(from), document.positionAt(to))));
      if (findings) {
        slot.pending = { change, version: document.version };
        if (!slot.syncScheduled) {
          slot.syncScheduled = true;
          setImmediate(() => {
            slot.syncScheduled = false;
            if (!document.isClosed && slot.pending) this.sync(slot, document);
          });
        }
        return findings;
      }
    }
    const text = document.getText();
    if (e.contentChanges.length === 1 && slot.version === document.version - 1) {
      const c = e.contentChanges[0]!;
      slot.model.edit({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }, text);
    } else {
      slot.model.refresh(text);
    }
    slot.version = document.version;
    slot.lines = undefined;
    return slot.model.analysis.findings;
  }

  /** Re-runs the zone-wide checks; returns whether anything was stale. */
  refresh(document: vscode.TextDocument): boolean {
    const slot = this.slots.get(document.uri.toString());
    if (slot?.pending) this.sync(slot, document);
    if (!slot || slot.version !== document.version || !slot.model.stale) return false;
    slot.model.refresh();
    return true;
  }

  forget(document: vscode.TextDocument): void {
    this.slots.delete(document.uri.toString());
  }

  clear(): void {
    this.slots.clear();
    this.includeFiles.clear();
  }
}
