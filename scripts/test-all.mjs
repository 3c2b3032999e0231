#!/usr/bin/env node
// Runs every test tier in order and prints one summary at the end:
//   static (tsc + eslint), build, unit, dns (real BIND named), differential (named-checkzone
//   against mailsec on other DNS projects' zone tests), browser (panels in headless
//   Chromium), grammar, fuzz (fast-check properties), integration (inside a real VS Code: the
//   current one and the oldest that engines.vscode allows), package (.vsix contents).
//   node scripts/test-all.mjs [tier...]          only these tiers
//   node scripts/test-all.mjs unit=test/unit/x   a tier on some of its files (its floor is not checked)
// Every tier that runs tests reports the tests it expected (its floor in test/tiers.json) and
// the tests it ran. Exit status is non-zero when any tier fails. With MAILSEC_REQUIRE_ALL=1
// (set by .ci/run) anything skipped — a test, a skipped describe, a tier, a VS Code run whose
// runtime is missing — or a tier that ran fewer tests than its floor also fails the run: CI
// must not pass on what it did not run. The verdict rules are in scripts/test-tiers.mjs.
// $MAILSEC_RESULTS_DIR (default test-results/) receives the TAP and JSON results.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { judgeTier, readFloors, readTap } from './test-tiers.mjs';

const root = join(import.meta.dirname, '..');
const results = process.env.MAILSEC_RESULTS_DIR || join(root, 'test-results');
mkdirSync(results, { recursive: true });
const requireAll = process.env.MAILSEC_REQUIRE_ALL === '1';
/** Tier name → the files to run (empty: the whole tier). */
const only = new Map(process.argv.slice(2).map((a) => { const [name, paths] = a.split('='); return [name, paths ? paths.split(',') : []]; }));
const floors = readFloors(root);

/** @type {{tier: string, status: 'pass'|'fail'|'skip', detail: string, seconds: number, passed?: number, failed?: number, skipped?: number, expected?: number}[]} */
const summary = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function tier(name, fn) {
  if (only.size && !only.has(name)) return;
  console.log(`\n━━━ ${name} ━━━`);
  const t0 = Date.now();
  const r = fn(only.get(name) ?? []);
  summary.push({ tier: name, seconds: (Date.now() - t0) / 1000, ...r });
}

/** A tier's counts judged against its floor: the summary row. */
function counted(name, { passed, failed, skips, skipped, exitCode, partial, extra = '' }) {
  const v = judgeTier({ ran: passed + failed, failed, skips, exitCode, floor: floors[name], partial, requireAll });
  // "ran N of at least F", or the verdict's "ran N, declares at least F" when N is short.
  const short = v.problems.find((p) => p.startsWith('ran '));
  const ran = short ?? `ran ${passed + failed}${partial ? ' (some files only)' : v.expected !== undefined ? ` of at least ${v.expected}` : ''}`;
  return { status: v.status, passed, failed, skipped: skipped ?? skips.length, expected: v.expected, detail: [ran, ...v.problems.filter((p) => p !== short), extra].filter(Boolean).join('; ') };
}

function nodeTestTier(name, dir, env = {}) {
  return (paths) => {
    if (!existsSync(join(root, dir))) return { status: requireAll ? 'fail' : 'skip', detail: `no ${dir}` };
    const tap = join(results, `${dir.replace(/\W+/g, '-')}.tap`);
    rmSync(tap, { force: true });
    const code = run(process.execPath, ['scripts/run-unit.mjs', ...(paths.length ? paths : [dir])], { MAILSEC_TAP: tap, ...env });
    const c = readTap(tap);
    if (!c || !c.complete) return { status: 'fail', detail: `runner exited ${code} without complete results` };
    return counted(name, { passed: c.passed, failed: c.failed, skips: c.skips, skipped: Math.max(c.skipped, c.skips.length), exitCode: code, partial: paths.length > 0 });
  };
}

tier('static', () => {
  const a = run('npx', ['tsc', '-p', '.', '--noEmit']);
  const b = existsSync(join(root, 'webview/tsconfig.json')) ? run('npx', ['tsc', '-p', 'webview', '--noEmit']) : 0;
  const c = run('npx', ['eslint', '.']);
  return { status: a || b || c ? 'fail' : 'pass', detail: `tsc ${a || b ? 'failed' : 'ok'}, eslint ${c ? 'failed' : 'ok'}` };
});
tier('build', () => (run(process.execPath, ['scripts/build.mjs']) ? { status: 'fail', detail: 'esbuild failed' } : { status: 'pass', detail: 'dist/ and out/ bundled' }));
tier('unit', nodeTestTier('unit', 'test/unit'));
tier('dns', nodeTestTier('dns', 'test/dns'));
// named-checkzone and mailsec on zone tests of other DNS projects (BIND, Knot, NSD): any unlisted disagreement fails
tier('differential', nodeTestTier('differential', 'test/differential'));
tier('browser', nodeTestTier('browser', 'test/browser'));
tier('grammar', () => {
  const file = join(results, 'grammar.json');
  rmSync(file, { force: true });
  const code = run(process.execPath, ['scripts/test-grammar.mjs'], { MAILSEC_GRAMMAR_RESULTS: file });
  if (!existsSync(file)) return { status: 'fail', detail: `grammar runner exited ${code} without results` };
  const g = JSON.parse(readFileSync(file, 'utf8'));
  return counted('grammar', { passed: g.passed, failed: g.failed + g.missing, skips: [], exitCode: code, extra: g.missing ? `${g.missing} fixture(s) without a result` : '' });
});
// fast-check properties with a fixed seed and a few thousand runs (npm run fuzz: many more).
tier('fuzz', nodeTestTier('fuzz', 'test/fuzz'));
// Inside a real VS Code: the current one, then the oldest that engines.vscode allows. Each run
// is held to the integration floor; a run skipped for want of a runtime counts as a skip.
tier('integration', () => {
  const runs = [
    { file: 'integration.json', args: [], label: 'current' },
    { file: 'integration-minimum.json', args: ['--vscode', 'minimum'], label: 'minimum' },
  ].map(({ file, args, label }) => {
    const path = join(results, file);
    rmSync(path, { force: true });
    const code = run(process.execPath, ['scripts/integration/run.mjs', '--no-build', ...args], { MAILSEC_RESULTS_DIR: results });
    if (!existsSync(path)) return { status: 'fail', passed: 0, failed: 0, skipped: 0, detail: `${label}: launcher exited ${code} without results` };
    const r = JSON.parse(readFileSync(path, 'utf8'));
    const skips = r.skipped ? [{ name: `VS Code ${label}`, reason: r.skipped }] : Array.from({ length: r.pending ?? 0 }, () => ({ name: `VS Code ${label}`, reason: 'pending test' }));
    const row = counted('integration', { passed: r.passed ?? 0, failed: r.failed ?? 0, skips, exitCode: r.skipped && !requireAll ? 0 : code });
    return { ...row, detail: `${label}${r.vscodeVersion ? ` (VS Code ${r.vscodeVersion})` : ''}: ${row.detail}` };
  });
  const sum = (k) => runs.reduce((n, r) => n + (r[k] ?? 0), 0);
  const status = runs.some((r) => r.status === 'fail') ? 'fail' : runs.some((r) => r.status === 'skip') ? 'skip' : 'pass';
  return { status, passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped'), expected: floors.integration === undefined ? undefined : floors.integration * runs.length, detail: runs.map((r) => r.detail).join(' | ') };
});
tier('package', () => {
  if (!existsSync(join(root, 'scripts/check-package.mjs'))) return { status: requireAll ? 'fail' : 'skip', detail: 'no scripts/check-package.mjs' };
  return run(process.execPath, ['scripts/check-package.mjs']) ? { status: 'fail', detail: 'vsix check failed' } : { status: 'pass', detail: 'vsix built and its contents checked' };
});

const pad = (s, n) => String(s).padEnd(n);
const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\n══════════ mailsec test summary ══════════');
for (const s of summary) {
  for (const k of ['passed', 'failed', 'skipped']) total[k] += s[k] ?? 0;
  const counts = s.passed !== undefined ? `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped` : '';
  console.log(`${pad(s.tier, 12)} ${pad(s.status.toUpperCase(), 5)} ${pad(counts, 36)} ${pad(s.seconds.toFixed(1) + ' s', 8)} ${s.detail}`);
}
const failedTiers = summary.filter((s) => s.status === 'fail');
const skippedTiers = summary.filter((s) => s.status === 'skip');
const ok = failedTiers.length === 0 && !(requireAll && skippedTiers.length > 0) && summary.length > 0;
const why = [
  failedTiers.length ? `failed: ${failedTiers.map((s) => s.tier).join(', ')}` : '',
  skippedTiers.length ? `incomplete: ${skippedTiers.map((s) => s.tier).join(', ')}${requireAll ? '' : ' (allowed: MAILSEC_REQUIRE_ALL is not set)'}` : '',
  summary.length ? '' : `no tier named ${[...only.keys()].join(', ')}`,
].filter(Boolean).join('; ');
console.log(`TOTAL: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped — ${ok ? 'PASS' : 'FAIL'}${why ? ` (${why})` : ''}`);
process.exit(ok ? 0 : 1);
