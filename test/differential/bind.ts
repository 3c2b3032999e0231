/** Runs BIND 9's named-checkzone on a zone text (in a temporary folder, which is its working directory). */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHECKZONE = ['/usr/bin/named-checkzone', '/usr/sbin/named-checkzone'].find((p) => spawnSync(p, ['-v']).status === 0);
export const CHECKZONE_VERSION = CHECKZONE ? spawnSync(CHECKZONE, ['-v'], { encoding: 'utf8' }).stdout.trim() : '';

export interface BindVerdict {
  ok: boolean;
  /** Messages (warnings and errors), without the zone dump. */
  messages: string;
  /** The loaded zone in BIND's canonical text (-D), when it loaded. */
  dump: string;
}

/** named-checkzone -D: checks the zone and, when it loads, prints it in canonical form. */
export function checkzone(zone: string, text: string, dir: string): Promise<BindVerdict> {
  const file = join(dir, 'zone.db');
  writeFileSync(file, text);
  return new Promise((resolve) => {
    execFile(CHECKZONE!, ['-D', '-o', join(dir, 'dump.db'), zone, file], { encoding: 'utf8', cwd: dir, timeout: 30_000 }, (error, stdout, stderr) => {
      let dump = '';
      if (!error) dump = readFileSync(join(dir, 'dump.db'), 'utf8');
      resolve({ ok: !error, messages: (stdout + stderr).trim(), dump });
    });
  });
}

/** Runs jobs with at most `width` at a time, each in a fresh temporary folder. */
export async function pool<T>(jobs: ((dir: string) => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const base = mkdtempSync(join(tmpdir(), 'mailsec-diff-'));
  await Promise.all(
    Array.from({ length: width }, async (_, w) => {
      while (next < jobs.length) {
        const i = next++;
        const dir = join(base, String(w), String(i));
        mkdirSync(dir, { recursive: true });
        out[i] = await jobs[i]!(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
  rmSync(base, { recursive: true, force: true });
  return out;
}
