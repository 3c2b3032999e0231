#!/usr/bin/env node
// `npm run test:integration`: runs the mocha suites of test/integration/suite inside a real
// VS Code, by one of two routes (see docs/development.md, "Integration tests"):
//   electron  @vscode/test-electron downloads VS Code (where Microsoft's update service answers)
//   server    code-server's VS Code server on Node 24 + Debian's Chromium (offline machines, CI)
// Exit codes: 0 passed, 1 tests failed, 2 the run itself failed (timeout, crash, no results),
// 4 skipped because no route can run here (0 with MAILSEC_ALLOW_SKIP=1).
// Flags: --no-build, --grep <text> (MAILSEC_GREP), --suite <name[,name]> (MAILSEC_SUITES),
// --vscode current|minimum: the VS Code to run in (default current; minimum is the oldest that
// package.json's engines.vscode allows, see server-runtime.mjs RUNTIMES).
// Writes test-results/integration.json (integration-minimum.json), the workbench picture and logs
// (for minimum, in test-results/vscode-minimum/).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installCleanupHandlers } from './processes.mjs';
import { chooseRoute } from './route.mjs';
import { createSandbox } from './sandbox.mjs';
import { finalResults, readResults, skippedResults, summaryLine, writeResults } from './results.mjs';
import { RUNTIMES, RuntimeUnavailable } from './server-runtime.mjs';

const root = join(import.meta.dirname, '../..');
const resultsRoot = process.env.MAILSEC_RESULTS_DIR || join(root, 'test-results');
const testsPath = join(root, 'out/test/integration/index.js');

let flags;
try {
  flags = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      grep: { type: 'string' },
      suite: { type: 'string' },
      vscode: { type: 'string', default: 'current' },
    },
  }).values;
} catch (err) {
  console.error(`integration: ${err.message}\nusage: node scripts/integration/run.mjs [--no-build] [--grep <text>] [--suite <name,name>] [--vscode current|minimum]`);
  process.exit(2);
}
if (!(flags.vscode in RUNTIMES)) {
  console.error(`integration: --vscode must be current or minimum, not '${flags.vscode}'`);
  process.exit(2);
}
const target = RUNTIMES[flags.vscode];
const minimum = target.name === 'minimum';

const log = (line) => console.log(`integration${minimum ? ` (VS Code ${target.vscode})` : ''}: ${line}`);
const resultsDir = minimum ? join(resultsRoot, 'vscode-minimum') : resultsRoot;
const resultsFile = join(resultsRoot, minimum ? 'integration-minimum.json' : 'integration.json');
const cleanup = new Set();
// Stoppers run newest first (browser and server before the sandbox they use).
installCleanupHandlers(async () => { for (const stop of [...cleanup].reverse()) await stop(); });

/** The environment for VS Code: ours, without what would tie it to a VS Code we run inside. */
function vscodeEnv(sandbox) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(k)));
  env.MAILSEC_TEST_RESULTS = sandbox.results;
  // The extension times its zone tasks' CPU too (src/extension/zone/timings.ts), for the large-zone suite.
  env.MAILSEC_TASK_CPU = '1';
  env.MAILSEC_WORKSPACE = sandbox.workspace;
  if (flags.grep !== undefined) env.MAILSEC_GREP = flags.grep;
  if (flags.suite !== undefined) env.MAILSEC_SUITES = flags.suite;
  // The download route takes the same version (electron-route.mjs reads it).
  if (minimum) env.MAILSEC_VSCODE_VERSION = target.vscode;
  return env;
}

function skip(reason) {
  const allowed = process.env.MAILSEC_ALLOW_SKIP === '1';
  const exitCode = allowed ? 0 : 4;
  console.log(`\n${'!'.repeat(72)}\nskipped: no VS Code available (${reason})\n${'!'.repeat(72)}`);
  if (!allowed) console.log('integration: exit code 4 (set MAILSEC_ALLOW_SKIP=1 to accept a skip)');
  const results = skippedResults(reason, exitCode);
  writeResults(resultsFile, results);
  console.log(summaryLine(results));
  return exitCode;
}

async function runRoute(route, ctx) {
  if (route === 'electron') {
    const { runElectronRoute } = await import('./electron-route.mjs');
    return runElectronRoute(ctx);
  }
  const { runServerRoute } = await import('./server-route.mjs');
  return runServerRoute(ctx);
}

async function main() {
  const sandbox = createSandbox(root);
  const removeSandbox = async () => sandbox.remove();
  cleanup.add(removeSandbox);
  try {
    return await runOnce(sandbox);
  } finally {
    if (process.env.MAILSEC_KEEP_SANDBOX === '1') log(`sandbox kept: ${sandbox.dir}`);
    else sandbox.remove();
    cleanup.delete(removeSandbox);
  }
}

async function runOnce(sandbox) {
  const started = Date.now();
  mkdirSync(resultsDir, { recursive: true });
  // Until this run ends, the results file says so (an interrupted run leaves no stale pass behind).
  writeResults(resultsFile, finalResults({ route: null, routeExitCode: 2, error: 'the integration run did not finish' }));
  if (!flags['no-build']) {
    const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      const results = finalResults({ route: null, routeExitCode: 2, error: `build failed (exit ${build.status ?? build.signal})` });
      writeResults(resultsFile, results);
      console.log(summaryLine(results));
      return 2;
    }
  }

  let choice;
  try {
    choice = await chooseRoute(process.env);
  } catch (err) {
    const results = finalResults({ route: null, routeExitCode: 2, error: err.message });
    writeResults(resultsFile, results);
    console.log(summaryLine(results));
    return 2;
  }
  log(`route: ${choice.route === 'electron' ? '@vscode/test-electron' : 'code-server + Chromium'} (${choice.reason})`);

  const timeoutS = Number(process.env.MAILSEC_INTEGRATION_TIMEOUT ?? 600);
  const ctx = {
    root, sandbox, env: vscodeEnv(sandbox), testsPath, log, cleanup,
    timeoutMs: timeoutS * 1000,
    screenshotPath: join(resultsDir, 'integration-workbench.png'),
    logDir: resultsDir,
    target: target.name,
  };
  let route = choice.route === 'electron' ? 'electron' : 'code-server';
  let outcome;
  try {
    try {
      outcome = await runRoute(choice.route, ctx);
    } catch (err) {
      if (err?.constructor?.name === 'DownloadFailed' && !choice.forced) {
        log(`${err.message}; falling back to the code-server route`);
        route = 'code-server';
        outcome = await runRoute('server', ctx);
      } else {
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof RuntimeUnavailable) return skip(`${route}: ${err.message}`);
    outcome = { exitCode: 2, error: err.message };
    console.error(`integration: ${err.message}`);
  }

  const results = finalResults({ route, routeExitCode: outcome.exitCode, results: readResults(sandbox.results), error: outcome.error });
  writeResults(resultsFile, results);
  log(`results: ${resultsFile} (${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
  console.log(summaryLine(results));
  return results.exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`integration: ${err.stack ?? err.message}`);
    process.exit(2);
  },
);
