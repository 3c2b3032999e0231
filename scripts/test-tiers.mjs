// What test-all.mjs decides about a tier, kept apart from the running so it can be tested:
// reading node:test TAP files, the committed per-tier floors (test/tiers.json), and the verdict.
//
// A tier reports the tests it expected and the tests it ran. A required run
// (MAILSEC_REQUIRE_ALL=1, as .ci/run sets) fails a tier that
//   - skipped anything: a skipped test, a skipped `describe` (node:test counts that as a suite,
//     not in `# skipped`: its only trace is an `ok N - name # SKIP reason` line), a todo, a
//     skipped tier or VS Code run;
//   - ran fewer tests than its floor in test/tiers.json (a tool that vanished may take its tests
//     with it without any skip line: the floor still notices).
// A run that is not required prints the same facts and passes on skips (a developer's machine
// may lack BIND or Chromium), but never on failures.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Counts of a node:test TAP file (the `# pass` … summary lines) and every skipped test or suite
 * with its reason, taken from the `ok N - name # SKIP reason` lines only (the `# SKIPPED …`
 * diagnostics that tests print themselves are not skip markers).
 */
export function parseTap(tap) {
  const get = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap) ?? [])[1] ?? 0);
  const skips = [];
  for (const m of tap.matchAll(/^\s*(?:not )?ok \d+ - (.*?) # (SKIP|TODO)(?:\s+(.*))?$/gm)) {
    skips.push({ name: m[1].replace(/\\#/g, '#'), kind: m[2], reason: (m[3] ?? '').trim() });
  }
  return {
    complete: /^# tests \d+$/m.test(tap),
    tests: get('tests'),
    passed: get('pass'),
    failed: get('fail') + get('cancelled'),
    skipped: get('skipped') + get('todo'),
    skips,
  };
}

export function readTap(file) {
  return existsSync(file) ? parseTap(readFileSync(file, 'utf8')) : undefined;
}

/** The floors: `{ tier: minimum tests run }` from test/tiers.json, or $MAILSEC_TIERS_FILE. */
export function readFloors(root, env = process.env) {
  const file = env.MAILSEC_TIERS_FILE || join(root, 'test/tiers.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const floors = {};
  for (const [k, v] of Object.entries(json)) if (!k.startsWith('$') && typeof v === 'number') floors[k] = v;
  return floors;
}

/**
 * The verdict of one tier.
 *   ran: tests that ran (passed + failed); failed; skips: [{ name, reason }] (skipped tests,
 *   suites, todos, runs); exitCode of the tier's process; floor (undefined: none declared);
 *   partial: only some files of the tier ran (the floor does not apply); requireAll.
 * Returns { status: 'pass'|'fail'|'skip', problems: string[], expected }.
 */
export function judgeTier({ ran, failed = 0, skips = [], exitCode = 0, floor, partial = false, requireAll = false }) {
  const problems = [];
  const hard = [];
  if (exitCode !== 0) hard.push(`exited ${exitCode}`);
  if (failed > 0) hard.push(`${failed} failed`);
  if (skips.length) problems.push(`skipped ${skips.length}: ${[...new Set(skips.map((s) => `${s.name}${s.reason ? ` (${s.reason})` : ''}`))].join('; ')}`);
  if (!partial && floor !== undefined && ran < floor) problems.push(`ran ${ran}, declares at least ${floor}`);
  if (!partial && floor === undefined && requireAll) problems.push('no floor declared in test/tiers.json');
  if (ran === 0 && !skips.length) hard.push('no tests ran');
  const status = hard.length ? 'fail' : problems.length ? (requireAll ? 'fail' : 'skip') : 'pass';
  return { status, problems: [...hard, ...problems], expected: floor };
}
