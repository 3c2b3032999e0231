import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';
import { LineIndex } from '../../core/text/lineIndex';
import { originFromFileName } from '../../core/zone/fileName';
import { analyzeZone, type LintOptions, type ZoneAnalysis } from '../../core/zone/lint';

export interface CachedAnalysis {
  version: number;
  analysis: ZoneAnalysis;
  lines: LineIndex;
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

/**
 * One analysis per document version, shared by diagnostics, code actions, hovers,
 * symbols and folding, so a keystroke costs one parse however many providers ask.
 */
export class ZoneAnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();

  get(document: vscode.TextDocument): CachedAnalysis {
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit;
    const text = document.getText();
    const analysis = analyzeZone(text, lintOptionsFor(document));
    const entry = { version: document.version, analysis, lines: new LineIndex(text) };
    this.entries.set(key, entry);
    return entry;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
