#!/usr/bin/env node
// Grammar tests: vscode-tmgrammar-test assertion fixtures and vscode-tmgrammar-snap snapshots.
//   node scripts/test-grammar.mjs            run everything, exit 1 on any failure
//   node scripts/test-grammar.mjs --update   rewrite the snapshots (review the diff before committing)
// Fixtures: test/grammar/<language>/*.<ext> carry '^^^' assertions; test/grammar/<language>/snapshots/*
// are whole realistic files whose committed .snap is the expected tokenization. A snapshot fixture
// without a committed .snap fails here (the snap tool alone would silently create one and pass).
// Prints how many fixtures it expected and how many passed; $MAILSEC_GRAMMAR_RESULTS (set by
// test-all) receives { expected, passed, failed, missing } as JSON.
import { readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = join(import.meta.dirname, '..');
const toolDir = join(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json'), '..');
const update = process.argv.includes('--update');

/** Assertion fixtures: folder and file extension. */
const assertionSets = [
  ['test/grammar/dns-zone', '.zone'],
  ['test/grammar/email-headers', '.eml'],
  ['test/grammar/banned-passwords', '.bannedpasswords'],
];
const assertionFixtures = assertionSets.flatMap(([dir, ext]) => readdirSync(join(root, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => `${dir}/${f}`));
const snapshotDirs = ['test/grammar/dns-zone/snapshots', 'test/grammar/email-headers/snapshots'];

const passedFixtures = new Set();
const failedFixtures = new Set();
/** Runs one of the tool's programs, echoing its output and noting which fixtures it passed or failed. */
function run(tool, args) {
  const r = spawnSync(process.execPath, [join(toolDir, 'dist', tool), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  for (const line of `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n')) {
    const m = /^\s*(✓|✖|✗|×)\s+(\S+)\s/u.exec(line);
    if (m) (m[1] === '✓' ? passedFixtures : failedFixtures).add(m[2]);
  }
  return r.status === 0;
}

let ok = true;
if (!update) ok = run('unit.js', assertionFixtures) && ok;

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

const expected = [...assertionFixtures, ...snapshotFixtures.map((f) => relative(root, join(root, f)))];
const passed = expected.filter((f) => passedFixtures.has(f) && !failedFixtures.has(f)).length;
const failed = expected.filter((f) => failedFixtures.has(f)).length;
const missing = expected.length - passed - failed;
if (!update && missing > 0) ok = false;
console.log(`grammar: ${passed} of ${expected.length} fixtures passed, ${failed} failed${missing ? `, ${missing} without a result` : ''} — ${ok ? 'passed' : 'FAILED'}`);
if (process.env.MAILSEC_GRAMMAR_RESULTS) writeFileSync(process.env.MAILSEC_GRAMMAR_RESULTS, JSON.stringify({ expected: expected.length, passed, failed, missing }) + '\n');
process.exit(ok ? 0 : 1);
