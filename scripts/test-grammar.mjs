#!/usr/bin/env node
// Grammar tests: vscode-tmgrammar-test assertion fixtures and vscode-tmgrammar-snap snapshots.
//   node scripts/test-grammar.mjs            run everything, exit 1 on any failure
//   node scripts/test-grammar.mjs --update   rewrite the snapshots (review the diff before committing)
// Fixtures: test/grammar/<language>/*.<ext> carry '^^^' assertions; test/grammar/<language>/snapshots/*
// are whole realistic files whose committed .snap is the expected tokenization. A snapshot fixture
// without a committed .snap fails here (the snap tool alone would silently create one and pass).
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = join(import.meta.dirname, '..');
const toolDir = join(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json'), '..');
const update = process.argv.includes('--update');

const assertionGlobs = [
  'test/grammar/dns-zone/*.zone',
  'test/grammar/email-headers/*.eml',
  'test/grammar/banned-passwords/*.bannedpasswords',
];
const snapshotDirs = ['test/grammar/dns-zone/snapshots', 'test/grammar/email-headers/snapshots'];

function run(tool, args) {
  const r = spawnSync(process.execPath, [join(toolDir, 'dist', tool), ...args], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

let ok = true;
if (!update) ok = run('unit.js', assertionGlobs) && ok;

const snapshotFixtures = [];
for (const dir of snapshotDirs) {
  const files = readdirSync(join(root, dir));
  for (const f of files) {
    if (f.endsWith('.snap')) {
      if (!files.includes(f.slice(0, -'.snap'.length))) { console.error(`ERROR ${dir}/${f}: snapshot without its fixture`); ok = false; }
    } else {
      snapshotFixtures.push(join(dir, f));
      if (!update && !existsSync(join(root, dir, `${f}.snap`))) {
        console.error(`ERROR ${dir}/${f}: no committed ${f}.snap (run: npm run test:grammar -- --update, then review it)`);
        ok = false;
      }
    }
  }
}
if (ok || update) ok = run('snapshot.js', [...(update ? ['--updateSnapshot'] : []), ...snapshotFixtures.map((f) => relative(root, join(root, f)))]) && ok;

console.log(ok ? 'grammar tests passed' : 'grammar tests FAILED');
process.exit(ok ? 0 : 1);
