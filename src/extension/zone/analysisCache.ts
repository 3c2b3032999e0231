import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';
import { LineIndex } from '../../core/text/lineIndex';
import { originFromFileName } from '../../core/zone/fileName';
import { ZoneModel } from '../../core/zone/incremental';
import type { LintOptions, ZoneAnalysis } from '../../core/zone/lint';

export interface CachedAnalysis {
  version: number;
  analysis: ZoneAnalysis;
  lines: LineIndex;
  /** Findings that depend on the whole zone are from before the last edit. */
  stale: boolean;
}

/** Included files may be read only inside the workspace unless the workspace is trusted. */
function includeReader(document: vscode.TextDocument): LintOptions['readInclude'] {
  if (document.uri.scheme !== 'file') return undefined;
  return (path, from) => {
    const abs = resolve(dirname(from ?? document.uri.fsPath), path);
    if (!vscode.workspace.isTrusted) {
      const inside = (vscode.workspace.workspaceFolders ?? []).some((f) => abs.startsWith(f.uri.fsPath + '/') || abs.startsWith(f.uri.fsPath + '\\'));
      if (!inside) throw new Error('files outside the workspace are read only in a trusted workspace');
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === abs);
    return { path: abs, text: open ? open.getText() : readFileSync(abs, 'utf8') };
  };
}

export function lintOptionsFor(document: vscode.TextDocument): LintOptions {
  const config = vscode.workspace.getConfiguration('mailsec', document.uri);
  const options: LintOptions = { webFormWarning: config.get<boolean>('zone.webFormWarning', true) };
  const origin = config.get<string>('zone.defaultOrigin', '') || (document.uri.scheme === 'file' ? originFromFileName(basename(document.uri.fsPath)) : undefined);
  if (origin) options.origin = origin;
  if (document.uri.scheme === 'file') options.file = document.uri.fsPath;
  const reader = includeReader(document);
  if (reader) options.readInclude = reader;
  return options;
}

interface Slot {
  model: ZoneModel;
  version: number;
  lines: LineIndex;
}

/**
 * One ZoneModel per open zone document, shared by diagnostics, code actions, hovers,
 * symbols and folding. Edits are applied incrementally as VS Code reports them (only the
 * touched lines are re-read), so a keystroke in a 100k-line file costs a few
 * milliseconds; `refresh()` re-runs the checks that span the whole zone.
 */
export class ZoneAnalysisCache {
  private readonly slots = new Map<string, Slot>();

  private snapshot(slot: Slot): CachedAnalysis {
    return { version: slot.version, analysis: slot.model.analysis, lines: slot.lines, stale: slot.model.stale };
  }

  get(document: vscode.TextDocument): CachedAnalysis {
    const key = document.uri.toString();
    const slot = this.slots.get(key);
    if (slot && slot.version === document.version) return this.snapshot(slot);
    const text = document.getText();
    if (slot && slot.model.text === text) {
      slot.version = document.version;
      return this.snapshot(slot);
    }
    const fresh: Slot = { model: new ZoneModel(text, lintOptionsFor(document)), version: document.version, lines: new LineIndex(text) };
    this.slots.set(key, fresh);
    return this.snapshot(fresh);
  }

  /** Applies a change event to the document's model (one change incrementally, several by a full pass). */
  applyChange(e: vscode.TextDocumentChangeEvent): void {
    const slot = this.slots.get(e.document.uri.toString());
    if (!slot || e.contentChanges.length === 0) return;
    const text = e.document.getText();
    if (e.contentChanges.length === 1) {
      const c = e.contentChanges[0]!;
      slot.model.edit({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }, text);
    } else {
      slot.model.refresh(text);
    }
    slot.version = e.document.version;
    slot.lines = new LineIndex(text);
  }

  /** Re-runs the zone-wide checks; returns whether anything was stale. */
  refresh(document: vscode.TextDocument): boolean {
    const slot = this.slots.get(document.uri.toString());
    if (!slot || slot.version !== document.version || !slot.model.stale) return false;
    slot.model.refresh();
    return true;
  }

  forget(document: vscode.TextDocument): void {
    this.slots.delete(document.uri.toString());
  }

  clear(): void {
    this.slots.clear();
  }
}
