// The test runner itself (scripts/test-all.mjs, scripts/test-tiers.mjs): a required run
// (MAILSEC_REQUIRE_ALL=1, as .ci/run) must fail when a tool is missing, a suite is skipped, or a
// tier ran fewer tests than test/tiers.json declares. The end-to-end cases point each tool
// variable at a binary that does not exist and run the real runner on that tier; they run the
// tiers that do not contain this file (dns, browser, grammar) whole, and the unit tier on the
// BIND cross-check file only (`unit=<file>`), so the runner never starts itself.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface Skip { name: string; kind: string; reason: string }
interface Tap { complete: boolean; tests: number; passed: number; failed: number; skipped: number; skips: Skip[] }
interface Verdict { status: 'pass' | 'fail' | 'skip'; problems: string[]; expected?: number }
interface TiersModule {
  parseTap(tap: string): Tap;
  readFloors(root: string, env?: Record<string, string | undefined>): Record<string, number>;
  judgeTier(a: { ran: number; failed?: number; skips?: Skip[]; exitCode?: number; floor?: number; partial?: boolean; requireAll?: boolean }): Verdict;
}
const tiers = import(join(root, 'scripts/test-tiers.mjs')) as Promise<TiersModule>;

/** What node:test writes for a file whose describe is skipped, and which prints its own "# SKIPPED" note. */
const SKIPPED_SUITE_TAP = `TAP version 13
# \\# SKIPPED browser tests: no Chromium at /nonexistent/chromium (apt-get install chromium)
# Subtest: header panel (headless Chromium, real CSP)
ok 1 - header panel (headless Chromium, real CSP) # SKIP no Chromium at /nonexistent/chromium (apt-get install chromium)
  ---
  duration_ms: 1.2
  type: 'suite'
  ...
# Subtest: loopback only
    # Subtest: answers
    ok 1 - answers
      ---
      duration_ms: 3.1
      ...
    # Subtest: a todo
    not ok 2 - a todo # TODO not written yet
      ---
      duration_ms: 0.1
      ...
ok 2 - loopback only
1..2
# tests 2
# suites 2
# pass 1
# fail 0
# cancelled 0
# skipped 0
# todo 1
# duration_ms 10
`;

describe('TAP and floors (scripts/test-tiers.mjs)', () => {
  test('a skipped describe counts as skipped, with its whole reason (not "PED …" from a "# SKIPPED" note)', async () => {
    const { parseTap } = await tiers;
    const t = parseTap(SKIPPED_SUITE_TAP);
    assert.equal(t.complete, true);
    assert.deepEqual([t.passed, t.failed, t.skipped], [1, 0, 1]);
    assert.deepEqual(t.skips, [
      { name: 'header panel (headless Chromium, real CSP)', kind: 'SKIP', reason: 'no Chromium at /nonexistent/chromium (apt-get install chromium)' },
      { name: 'a todo', kind: 'TODO', reason: 'not written yet' },
    ]);
    assert.ok(!t.skips.some((s) => s.reason.startsWith('PED')));
  });

  test('a truncated TAP file is not complete', async () => {
    const { parseTap } = await tiers;
    assert.equal(parseTap('TAP version 13\nok 1 - a\n').complete, false);
  });

  test('verdicts: skips and short counts fail a required run, warn otherwise; failures always fail', async () => {
    const { judgeTier } = await tiers;
    const skip = [{ name: 'VS Code current', kind: 'SKIP', reason: 'no runtime' }];
    assert.equal(judgeTier({ ran: 57, floor: 57, requireAll: true }).status, 'pass');
    assert.deepEqual(judgeTier({ ran: 40, floor: 57, requireAll: true }), { status: 'fail', problems: ['ran 40, declares at least 57'], expected: 57 });
    assert.equal(judgeTier({ ran: 40, floor: 57 }).status, 'skip');
    assert.equal(judgeTier({ ran: 57, floor: 57, skips: skip, requireAll: true }).status, 'fail');
    assert.match(judgeTier({ ran: 0, skips: skip, floor: 41, requireAll: true }).problems.join(), /skipped 1: VS Code current \(no runtime\)/);
    assert.equal(judgeTier({ ran: 57, floor: 57, skips: skip }).status, 'skip');
    assert.equal(judgeTier({ ran: 57, failed: 1, floor: 57 }).status, 'fail');
    assert.equal(judgeTier({ ran: 57, floor: 57, exitCode: 1 }).status, 'fail');
    assert.equal(judgeTier({ ran: 0, floor: 0 }).status, 'fail', 'no tests at all is never a pass');
    assert.equal(judgeTier({ ran: 3, floor: 57, partial: true, requireAll: true }).status, 'pass', 'a run of some files is not held to the floor');
    assert.equal(judgeTier({ ran: 3, requireAll: true }).status, 'fail', 'a required tier must declare a floor');
  });

  test('test/tiers.json declares a floor for every tier that counts tests', async () => {
    const { readFloors } = await tiers;
    const floors = readFloors(root, {});
    for (const t of ['unit', 'dns', 'browser', 'grammar', 'fuzz', 'integration']) assert.ok(Number.isInteger(floors[t]) && floors[t]! > 0, `${t}: ${floors[t]}`);
  });
});

/** Runs scripts/test-all.mjs with the given tiers and environment; resolves with its exit status and output. */
function testAll(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const results = mkdtempSync(join(tmpdir(), 'mailsec-test-all-'));
  // Without node:test's own context variable: the runner's `node --test` must not report to us.
  const { NODE_TEST_CONTEXT: _context, ...outer } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/test-all.mjs', ...args], {
      cwd: root,
      env: { ...outer, MAILSEC_RESULTS_DIR: results, MAILSEC_REQUIRE_ALL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The summary row of a tier and the TOTAL line. */
function summary(out: string, tier: string): { row: string; total: string } {
  const rows = out.slice(out.lastIndexOf('mailsec test summary'));
  return { row: rows.split('\n').find((l) => l.startsWith(`${tier} `)) ?? '', total: rows.split('\n').find((l) => l.startsWith('TOTAL:')) ?? '' };
}

describe('a required run fails on a missing tool (scripts/test-all.mjs, end to end)', { concurrency: true }, () => {
  test('MAILSEC_NAMED at a missing binary: the dns tier fails, naming the skipped BIND suite', async () => {
    const r = await testAll(['dns'], { MAILSEC_REQUIRE_ALL: '1', MAILSEC_NAMED: '/nonexistent/named' });
    const { row, total } = summary(r.out, 'dns');
    assert.equal(r.code, 1, r.out.slice(-2000));
    assert.match(row, /^dns\s+FAIL\s/);
    assert.match(row, /named not found at MAILSEC_NAMED=\/nonexistent\/named/);
    assert.match(row, /declares at least \d+/);
    assert.match(total, /FAIL/);
  });

  test('MAILSEC_CHROMIUM at a missing binary: the browser tier fails (it used to say "PASS 0 passed")', async () => {
    const r = await testAll(['browser'], { MAILSEC_REQUIRE_ALL: '1', MAILSEC_CHROMIUM: '/nonexistent/chromium' });
    const { row } = summary(r.out, 'browser');
    assert.equal(r.code, 1, r.out.slice(-2000));
    assert.match(row, /^browser\s+FAIL\s/);
    // at least one skipped suite per browser test file, each naming the missing Chromium
    const files = readdirSync(join(root, 'test/browser')).filter((f) => f.endsWith('.test.ts')).length;
    const skipped = /skipped (\d+): .*no Chromium at \/nonexistent\/chromium \(apt-get install chromium\)/.exec(row);
    assert.ok(skipped && Number(skipped[1]) >= files, row);
    assert.doesNotMatch(row, /PED /);
  });

  test('MAILSEC_NAMED_CHECKZONE at a missing binary: the unit tier\'s BIND cross-check fails the run', async () => {
    const r = await testAll(['unit=test/unit/zone/bindCrossCheck.test.ts'], { MAILSEC_REQUIRE_ALL: '1', MAILSEC_NAMED_CHECKZONE: '/nonexistent/named-checkzone' });
    const { row } = summary(r.out, 'unit');
    assert.equal(r.code, 1, r.out.slice(-2000));
    assert.match(row, /^unit\s+FAIL\s/);
    assert.match(row, /BIND cross-check \(named-checkzone\) \(named-checkzone not found at MAILSEC_NAMED_CHECKZONE=\/nonexistent\/named-checkzone\)/);
  });

  test('a tier that runs fewer tests than its floor fails a required run, and reports both numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailsec-tiers-'));
    const floors = JSON.parse(readFileSync(join(root, 'test/tiers.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'tiers.json'), JSON.stringify({ ...floors, grammar: 100000 }));
    const r = await testAll(['grammar'], { MAILSEC_REQUIRE_ALL: '1', MAILSEC_TIERS_FILE: join(dir, 'tiers.json') });
    const { row } = summary(r.out, 'grammar');
    assert.equal(r.code, 1, r.out.slice(-2000));
    assert.match(row, /^grammar\s+FAIL\s+(\d+) passed, 0 failed, 0 skipped\s.*\bran \1, declares at least 100000$/);
  });

  test('without MAILSEC_REQUIRE_ALL a missing tool is reported as incomplete, and the run passes', async () => {
    const r = await testAll(['dns'], { MAILSEC_NAMED: '/nonexistent/named' });
    const { row, total } = summary(r.out, 'dns');
    assert.equal(r.code, 0, r.out.slice(-2000));
    assert.match(row, /^dns\s+SKIP\s.*named not found at MAILSEC_NAMED/);
    assert.match(total, /PASS \(incomplete: dns \(allowed: MAILSEC_REQUIRE_ALL is not set\)\)/);
  });
});
