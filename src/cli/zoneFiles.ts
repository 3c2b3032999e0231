import { openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isZoneFileName, looksLikeZone } from '../core/zone/fileName';

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(512);
    const n = readSync(fd, buf, 0, 512, 0);
    return buf.subarray(0, n).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

/**
 * Expands the arguments of `mailsec lint`: files are taken as given; folders are walked
 * for zone files (`*.zone`, `*.zonefile`, `db.*`, and `*.db` whose first line looks like a
 * zone), skipping dot-folders and node_modules. Missing paths are returned separately.
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
        const kind = isZoneFileName(e.name);
        if (kind === 'yes' || (kind === 'maybe' && looksLikeZone(firstLine(p)))) files.push(p);
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
