/**
 * Messages between the extension host and the zone worker (zoneWorker.ts), which analyses
 * the zone documents too large to analyse on the extension host (background.ts). Types only.
 */
import type { FoldingRange } from '../../core/zone/editor/folding';
import type { PlacedFile, PlacedRange, PlacedSymbol } from '../../core/zone/editor/background';
import type { TextChange } from '../../core/zone/incremental';
import type { LintOptions } from '../../core/zone/lint';

/** What the worker needs to read $INCLUDEs as the editor does (analysisCache.ts includePolicy). */
export interface WorkerIncludes {
  /** The including document's path. */
  file: string;
  /** Folders included files must lie in (untrusted workspace); undefined: anywhere. */
  roots?: string[];
  maxBytes: number;
}

export type ToWorker =
  | { t: 'open'; id: number; version: number; lint: Omit<LintOptions, 'readInclude'>; includes?: WorkerIncludes; delay: number }
  | { t: 'chunk'; id: number; text: string }
  /**
   * Instead of chunks: read the text from the file (a saved UTF-8 document with LF line
   * breaks), if it has `lineCount` lines and these lines (a sample) as the editor has them.
   */
  | { t: 'file'; id: number; path: string; lineCount: number; samples: [number, string][] }
  | { t: 'ready'; id: number }
  | { t: 'edit'; id: number; version: number; changes: TextChange[] }
  | { t: 'close'; id: number }
  /** The last diagnostics were of a version the document no longer has: send the current ones. */
  | { t: 'resend'; id: number }
  | { t: 'ask'; id: number; req: number; what: 'hover'; offset: number }
  | { t: 'ask'; id: number; req: number; what: 'symbols' | 'folding' };

export interface HoverAnswer {
  markdown: string;
  range: PlacedRange;
}

export interface SymbolsAnswer {
  symbols: PlacedSymbol[];
  /** False: the zone has more owners than were sent. */
  complete: boolean;
}

export type FromWorker =
  | { t: 'diagnostics'; id: number; version: number; files: PlacedFile[]; stale: boolean; ms: number }
  | { t: 'reply'; req: number; result?: HoverAnswer | SymbolsAnswer | FoldingRange[] | null; error?: string }
  | { t: 'log'; message: string }
  /** The file is not the document's text (changed on disk, another encoding…): send the text. */
  | { t: 'need-text'; id: number; reason: string };
