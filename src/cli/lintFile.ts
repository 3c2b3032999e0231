/**
 * One zone file of `mailsec lint`: read (bounded), linted or fixed (written atomically), and
 * returned as plain data — so the main thread or a worker thread can do it, and the command
 * prints every file's result in the order the files were named either way.
 */
import { basename, resolve } from 'node:path';
import type { Finding } from '../core/findings';
import { originFromFileName } from '../core/zone/fileName';
import { fixAll } from '../core/zone/fixes/fixAll';
import { resolveIncludePath } from '../core/zone/includePath';
import { lintZone, type LintOptions } from '../core/zone/lint';
import { LineIndex } from '../core/text/lineIndex';
import { positionTable, type PositionTable } from '../core/text/positionTable';
import { writeFileAtomicSync } from './atomicWrite';
import { readBoundedUtf8Sync, type InputFileError } from './inputFiles';
import { writeFailureReason } from './writeErrors';

export interface LintSettings {
  cwd: string;
  origin?: string;
  fix: boolean;
  webFormWarning: boolean;
  /** Absolute folder $INCLUDE paths are resolved from (BIND's way), else the including file's. */
  includeBase?: string;
}

export interface LintedFile {
  /** Absolute path, or '-' for standard input. */
  file: string;
  apex: string;
  records: number;
  fixed?: Record<string, number>;
  /** The text the findings' spans index (after --fix, the fixed text); '' once `positions` replace it. */
  text: string;
  /** Texts of the files it $INCLUDEs, by absolute path (empty once `positions` replace them). */
  includes: [string, string][];
  /**
   * Instead of the texts (from a worker thread): the line and character of every offset the
   * findings name, by file (this file's path, or an included file's).
   */
  positions?: [string, PositionTable][];
  findings: Finding[];
  /** Why the file was not checked (unreadable) or not fixed (unwritable): one line for stderr. */
  problem?: string;
}

function includeReader(base: string | undefined): LintOptions['readInclude'] {
  return (path, from) => {
    const abs = resolveIncludePath(path, from, base);
    try {
      return { path: abs, text: readBoundedUtf8Sync(abs) };
    } catch (e) {
      throw new Error((e as InputFileError).reason ?? (e as Error).message);
    }
  };
}

/** Lints (or fixes) one file; `stdinText` is the text of '-'. */
export function lintOneFile(file: string, s: LintSettings, stdinText?: string): LintedFile {
  const out: LintedFile = { file, apex: '', records: 0, text: '', includes: [], findings: [] };
  let text: string;
  try {
    text = file === '-' ? (stdinText ?? '') : readBoundedUtf8Sync(file, undefined, true);
  } catch (e) {
    out.problem = `cannot read: ${(e as InputFileError).reason ?? (e as Error).message}`;
    return out;
  }
  const origin = s.origin ?? (file === '-' ? undefined : originFromFileName(basename(file)));
  const options: LintOptions = { file: file === '-' ? resolve(s.cwd, 'stdin') : file, readInclude: includeReader(s.includeBase), webFormWarning: s.webFormWarning, ...(origin ? { origin } : {}) };
  if (s.fix) {
    let fixed: ReturnType<typeof fixAll>;
    try {
      fixed = fixAll(text, options);
      if (fixed.text !== text) writeFileAtomicSync(file, fixed.text);
    } catch (e) {
      // This file stays as it was; the other files still run.
      const why = (e as NodeJS.ErrnoException).code ? `cannot write it: ${writeFailureReason(e)}` : (e as Error).message;
      out.problem = `not fixed, the file is unchanged: ${why}`;
      return out;
    }
    out.text = fixed.text;
    out.fixed = fixed.applied;
    out.findings = fixed.analysis.findings;
    out.includes = fixed.analysis.includes.map((i) => [i.path, i.text]);
    out.apex = fixed.analysis.apex;
    out.records = fixed.analysis.recordCount;
  } else {
    const r = lintZone(text, options);
    out.text = text;
    out.findings = r.findings;
    out.includes = r.includes.map((i) => [i.path, i.text]);
    out.apex = r.apex;
    out.records = r.recordCount;
  }
  return out;
}

/**
 * The result without its texts: only the positions its findings name (the places every output
 * format prints), so a worker thread sends kilobytes instead of the file and the printing thread
 * indexes nothing.
 */
export function withPositionsOnly(r: LintedFile): LintedFile {
  if (r.problem) return r;
  const texts = new Map<string, string>([...r.includes, [r.file, r.text]]);
  const wanted = new Map<string, number[]>();
  const want = (file: string, ...offsets: number[]): void => {
    if (!texts.has(file)) return;
    let list = wanted.get(file);
    if (!list) wanted.set(file, (list = []));
    list.push(...offsets);
  };
  for (const f of r.findings) {
    const own = f.file ?? r.file;
    want(own, f.span.start, f.span.end, Math.max(f.span.start, f.span.end));
    for (const rel of f.related ?? []) want(rel.file ?? own, rel.span.start, rel.span.end, Math.max(rel.span.start, rel.span.end));
  }
  const positions: [string, PositionTable][] = [...wanted].map(([file, offsets]) => [file, positionTable(new LineIndex(texts.get(file)!), offsets)]);
  return { ...r, text: '', includes: [], positions };
}
