#!/usr/bin/env node
// Runs every test tier in order and prints one summary at the end:
//   static (tsc + eslint), build, unit, dns (real BIND named), browser (panels in headless
//   Chromium), grammar, integration (inside a real VS Code: the current one and the oldest that
//   engines.vscode allows), package (.vsix contents).
// Exit status is non-zero when any tier fails. With MAILSEC_REQUIRE_ALL=1 (set by .ci/run)
// a skipped tier or skipped test also fails the run: CI must not pass on what it did not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const requireAll = process.env.MAILSEC_REQUIRE_ALL === '1';
const only = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** @type {{tier: string, status: 'pass'|'fail'|'skip', detail: string, seconds: number, passed?: number, failed?: number, skipped?: number}[]} */
const summary = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function tapCounts(file) {
  if (!existsSync(file)) return undefined;
  const tap = readFileSync(file, 'utf8');
  const get = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap) ?? [])[1] ?? 0);
  const skippedReasons = [...tap.matchAll(/# SKIP ?(.*)$/gm)].map((m) => m[1]).filter(Boolean);
  return { tests: get('tests'), passed: get('pass'), failed: get('fail') + get('cancelled'), skipped: get('skipped') + get('todo'), skippedReasons };
}

function tier(name, fn) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n━━━ ${name} ━━━`);
  const t0 = Date.now();
  const r = fn();
  summary.push({ tier: name, seconds: (Date.now() - t0) / 1000, ...r });
}

function nodeTestTier(dir) {
  return () => {
    if (!existsSync(join(root, dir))) return { status: 'skip', detail: `no ${dir}` };
    const tap = join(results, `${dir.replace(/\W+/g, '-')}.tap`);
    rmSync(tap, { force: true });
    const code = run(process.execPath, ['scripts/run-unit.mjs', dir], { MAILSEC_TAP: tap });
    const c = tapCounts(tap);
    if (!c) return { status: 'fail', detail: `runner exited ${code} without results` };
    const status = code !== 0 || c.failed > 0 ? 'fail' : c.skipped > 0 && c.passed === 0 ? 'skip' : 'pass';
    const reasons = [...new Set(c.skippedReasons)].slice(0, 3).join('; ');
    return { status, passed: c.passed, failed: c.failed, skipped: c.skipped, detail: reasons ? `skipped: ${reasons}` : '' };
  };
}

tier('static', () => {
  const a = run('npx', ['tsc', '-p', '.', '--noEmit']);
  const b = existsSync(join(root, 'webview/tsconfig.json')) ? run('npx', ['tsc', '-p', 'webview', '--noEmit']) : 0;
  const c = run('npx', ['eslint', '.']);
  return { status: a || b || c ? 'fail' : 'pass', detail: `tsc ${a || b ? 'failed' : 'ok'}, eslint ${c ? 'failed' : 'ok'}` };
});
tier('build', () => (run(process.execPath, ['scripts/build.mjs']) ? { status: 'fail', detail: 'esbuild failed' } : { status: 'pass', detail: 'dist/ and out/ bundled' }));
tier('unit', nodeTestTier('test/unit'));
tier('dns', nodeTestTier('test/dns'));
tier('browser', nodeTestTier('test/browser'));
tier('grammar', () => {
  if (!pkg.scripts?.['test:grammar']) return { status: 'skip', detail: 'no test:grammar script' };
  return run('npm', ['run', '--silent', 'test:grammar']) ? { status: 'fail', detail: 'grammar tests failed' } : { status: 'pass', detail: 'vscode-tmgrammar-test' };
});
// Inside a real VS Code: the current one, then the oldest that engines.vscode allows.
tier('integration', () => {
  const runs = [
    { file: 'integration.json', args: [] },
    { file: 'integration-minimum.json', args: ['--vscode', 'minimum'] },
  ].map(({ file, args }) => {
    const path = join(results, file);
    rmSync(path, { force: true });
    const code = run(process.execPath, ['scripts/integration/run.mjs', '--no-build', ...args]);
    if (!existsSync(path)) return { status: 'fail', detail: `launcher ${args.join(' ') || '(current)'} exited ${code} without results` };
    const r = JSON.parse(readFileSync(path, 'utf8'));
    if (r.skipped) return { status: 'skip', detail: `skipped: ${r.skipped}` };
    const status = code !== 0 || r.failed > 0 ? 'fail' : 'pass';
    return { status, passed: r.passed, failed: r.failed, skipped: r.pending ?? 0, detail: `${r.route ?? ''}${r.vscodeVersion ? ` VS Code ${r.vscodeVersion}` : ''}` };
  });
  const sum = (k) => runs.reduce((n, r) => n + (r[k] ?? 0), 0);
  const status = runs.some((r) => r.status === 'fail') ? 'fail' : runs.some((r) => r.status === 'skip') ? 'skip' : 'pass';
  return { status, passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') + runs.filter((r) => r.status === 'skip').length, detail: runs.map((r) => r.detail).join('; ') };
});
tier('package', () => {
  if (!existsSync(join(root, 'scripts/check-package.mjs'))) return { status: 'skip', detail: 'no scripts/check-package.mjs' };
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
const skippedTiers = summary.filter((s) => s.status === 'skip' || (s.skipped ?? 0) > 0);
const ok = failedTiers.length === 0 && !(requireAll && skippedTiers.length > 0);
console.log(`TOTAL: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped — ${ok ? 'PASS' : 'FAIL'}${requireAll && skippedTiers.length ? ` (MAILSEC_REQUIRE_ALL: ${skippedTiers.map((s) => s.tier).join(', ')} skipped something)` : ''}`);
process.exit(ok ? 0 : 1);
