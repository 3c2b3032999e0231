import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isZoneFile } from '../core/zone/fileName';

/** The first bytes of a file, enough for its first line (an unreadable file gives none: lint reports it). */
function head(path: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(512);
    return buf.subarray(0, readSync(fd, buf, 0, 512, 0));
  } catch {
    return new Uint8Array();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Expands the arguments of `mailsec lint`: files are taken as given; folders are walked for
 * the files the editor opens as zone files (isZoneFile: name, name pattern, extension, else
 * the first line; never binary files), skipping dot-folders and node_modules. Missing paths
 * are returned separately.
 */
export function collectZoneFiles(args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(p);
      } else if (e.isFile()) {
        if (isZoneFile(p, head(p))) files.push(p);
      }
    }
  };
  for (const a of args) {
    const st = statSync(a, { throwIfNoEntry: false });
    if (!st) missing.push(a);
    else if (st.isDirectory()) walk(a);
    else files.push(a);
  }
  return { files, missing };
}
