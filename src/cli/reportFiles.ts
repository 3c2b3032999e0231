/**
 * The files `mailsec reports` reads: files as named, folders walked (dot-folders skipped), only
 * regular files, each read with a size cap so a device, a FIFO or a runaway file is refused with
 * a reason instead of read forever.
 */
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
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

/**
 * Reads a regular file of at most `max` bytes. Synchronous: a folder of 10,000 small reports is
 * read one file at a time anyway, and a thread-pool round trip per open/read/close costs more
 * than the read (measured by `npm run bench`).
 */
export function readBounded(path: string, max: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportInputError(code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReportInputError('not a regular file (a device, FIFO or socket is not read)');
    if (st.size > max) throw new ReportInputError(`${st.size} bytes, more than the ${max / 1024 / 1024} MiB a report file may have`);
    const buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
      if (n >= buf.length) throw new ReportInputError(`grew past ${st.size} bytes while being read`);
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function fileSources(files: { path: string; found: boolean }[], cwd: string, max: number): ReportSource[] {
  return files.map((f) => ({ name: f.path, found: f.found, read: async () => readBounded(resolve(cwd, f.path), max) }));
}
