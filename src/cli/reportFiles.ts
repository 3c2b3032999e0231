/**
 * The files `mailsec reports` reads: files as named, folders walked (dot-folders skipped), only
 * regular files, each read with a size cap so a device, a FIFO or a runaway file is refused with
 * a reason instead of read forever.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportSource } from '../core/reports/index';
import { ReportInputError } from '../core/reports/types';
import { readBoundedSync, type InputFileError } from './inputFiles';

const MAX_DEPTH = 16;

/** Files named on the command line, and those found in the folders named (`found`). */
export function collectReportFiles(args: string[], cwd: string): { files: { path: string; found: boolean }[]; missing: string[] } {
  const files: { path: string; found: boolean }[] = [];
  const missing: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const e of readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile()) files.push({ path: p, found: true });
    }
  };
  for (const a of args) {
    const full = resolve(cwd, a);
    const st = statSync(full, { throwIfNoEntry: false });
    if (!st) missing.push(a);
    else if (st.isDirectory()) walk(a, 0);
    else files.push({ path: a, found: false });
  }
  return { files, missing };
}

/** Reads a regular file of at most `max` bytes, as every input of the CLI is read (inputFiles.ts). */
export function readBounded(path: string, max: number): Uint8Array {
  try {
    return readBoundedSync(path, max);
  } catch (e) {
    throw new ReportInputError((e as InputFileError).reason ?? (e as Error).message);
  }
}

export function fileSources(files: { path: string; found: boolean }[], cwd: string, max: number): ReportSource[] {
  return files.map((f) => ({ name: f.path, found: f.found, read: async () => readBounded(resolve(cwd, f.path), max) }));
}
