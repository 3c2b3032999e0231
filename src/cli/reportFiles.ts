/**
 * The files `mailsec reports` reads: files as named, folders walked (dot-folders skipped), only
 * regular files, each read with a size cap so a device, a FIFO or a runaway file is refused with
 * a reason instead of read forever.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReportSource } from '../core/reports/index';
import { ReportInputError } from '../core/reports/types';

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

/** Reads a regular file of at most `max` bytes. */
export async function readBounded(path: string, max: number): Promise<Uint8Array> {
  const st = lstatSync(path, { throwIfNoEntry: false }) ?? statSync(path, { throwIfNoEntry: false });
  if (!st) throw new ReportInputError(`there is no such file`);
  const real = st.isSymbolicLink() ? statSync(path) : st;
  if (!real.isFile()) throw new ReportInputError(`not a regular file (a device, FIFO or socket is not read)`);
  if (real.size > max) throw new ReportInputError(`${real.size} bytes, more than the ${max / 1024 / 1024} MiB a report file may have`);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(real.size, max) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n >= buf.length) throw new ReportInputError(`grew past ${max / 1024 / 1024} MiB while being read`);
    }
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof ReportInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportInputError(`${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message}`);
  } finally {
    await fh.close();
  }
}

export function fileSources(files: { path: string; found: boolean }[], cwd: string, max: number): ReportSource[] {
  return files.map((f) => ({ name: f.path, found: f.found, read: () => readBounded(resolve(cwd, f.path), max) }));
}
