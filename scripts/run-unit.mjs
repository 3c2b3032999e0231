#!/usr/bin/env node
// Runs the node:test suites (*.test.ts) under the given folders with tsx, prints the
// spec reporter, and writes a TAP copy to $MAILSEC_TAP (if set) so test-all can total it.
//   node scripts/run-unit.mjs test/unit [more folders or files]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const targets = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));

function collect(path, out) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isFile()) { if (/\.test\.ts$/.test(path)) out.push(path); return; }
  for (const e of readdirSync(path)) { if (e !== 'node_modules' && e !== 'fixtures') collect(join(path, e), out); }
}
const files = [];
for (const t of targets.length ? targets : ['test/unit']) collect(join(root, t), files);
files.sort();
if (files.length === 0) { console.error(`no *.test.ts files under ${targets.join(', ')}`); process.exit(1); }

const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.MAILSEC_TAP) args.push('--test-reporter=tap', `--test-reporter-destination=${process.env.MAILSEC_TAP}`);
args.push(...passThrough, ...files.map((f) => relative(root, f)));
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
