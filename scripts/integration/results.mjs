// The results of one run: what the test module wrote (MAILSEC_TEST_RESULTS), completed with
// what the launcher knows, saved to test-results/integration.json and summed up in one line.
//   { route, vscodeVersion, passed, failed, pending, failures: [{ title, error }],
//     skipped?: reason, error?: launcher error, exitCode }
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function readResults(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { passed: 0, failed: 0, pending: 0, failures: [], error: `results file unreadable: ${err.message}` };
  }
}

/**
 * Decides the exit code from the route's exit code and the results, so that nothing passes
 * silently: a zero exit with failures, with no results, or with no tests at all is a failure.
 */
export function finalResults({ route, routeExitCode, results, error, vscodeVersion }) {
  const r = {
    route,
    vscodeVersion: results?.vscodeVersion ?? vscodeVersion ?? null,
    passed: results?.passed ?? 0,
    failed: results?.failed ?? 0,
    pending: results?.pending ?? 0,
    failures: results?.failures ?? [],
  };
  const errors = [error, results?.error].filter(Boolean);
  if (!results && !error) errors.push('the test module wrote no results (did it run?)');
  let exitCode = routeExitCode ?? 2;
  if (exitCode === 0 && (errors.length || r.failed > 0 || r.passed + r.pending === 0)) {
    if (r.passed + r.failed + r.pending === 0 && !errors.length) errors.push('no tests ran');
    exitCode = r.failed > 0 ? 1 : 2;
  }
  if (exitCode !== 0 && r.failed === 0 && !errors.length) errors.push(`VS Code exited with ${exitCode}`);
  if (errors.length) r.error = errors.join('; ');
  r.exitCode = exitCode;
  return r;
}

export function skippedResults(reason, exitCode) {
  return { route: null, vscodeVersion: null, passed: 0, failed: 0, pending: 0, failures: [], skipped: reason, exitCode };
}

export function writeResults(path, results) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
}

export function summaryLine(r) {
  if (r.skipped) return `integration: skipped (${r.skipped})`;
  const where = [r.route, r.vscodeVersion ? `VS Code ${r.vscodeVersion}` : undefined].filter(Boolean).join(', ');
  const line = `integration: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending${where ? ` (${where})` : ''}`;
  return r.error ? `${line}\nintegration: ERROR ${r.error}` : line;
}
