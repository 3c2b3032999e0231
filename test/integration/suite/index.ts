// The test module VS Code loads (extensionTestsPath): runs every *.test.js bundled beside it
// with mocha in the extension host, prints mocha's spec reporter (the launcher relays it), and
// writes a JSON summary to $MAILSEC_TEST_RESULTS for the launcher.
//   MAILSEC_GREP    only tests whose full title contains this text
//   MAILSEC_SUITES  only these suites (comma-separated file names without .test.js)
//   MAILSEC_TEST_TIMEOUT_MS  mocha's timeout per test (default 30 s)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
// mocha stays outside the bundle (its reporters load by name), loaded with import(), which takes
// CommonJS and ES modules alike. It stays on the 11 line: mocha 12 needs Node >= 20.19, and the
// extension host of VS Code 1.96, the oldest we support, runs Node 20.18.
import type MochaType from 'mocha';

export interface IntegrationResults {
  route: string | null;
  vscodeVersion: string;
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

async function mochaClass(): Promise<typeof MochaType> {
  const mod = (await import('mocha')) as unknown as { default: typeof MochaType } | typeof MochaType;
  return typeof mod === 'function' ? mod : mod.default;
}

function suiteFiles(dir: string, only: string | undefined): string[] {
  const wanted = only?.split(',').map((s) => s.trim()).filter(Boolean);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !wanted?.length || wanted.includes(f.replace(/\.test\.js$/, '')))
    .sort()
    .map((f) => path.join(dir, f));
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const stack = err.stack?.split('\n').slice(0, 8).join('\n');
    return stack ?? `${err.name}: ${err.message}`;
  }
  return String(err);
}

export async function run(): Promise<void> {
  const Mocha = await mochaClass();
  const timeout = Number(process.env.MAILSEC_TEST_TIMEOUT_MS) || 30_000;
  const mocha = new Mocha({ ui: 'bdd', timeout, color: false, reporter: 'spec' });
  if (process.env.MAILSEC_GREP) mocha.grep(process.env.MAILSEC_GREP);
  const files = suiteFiles(__dirname, process.env.MAILSEC_SUITES);
  for (const f of files) mocha.addFile(f);

  const results: IntegrationResults = {
    route: process.env.MAILSEC_ROUTE ?? null,
    vscodeVersion: vscode.version,
    passed: 0,
    failed: 0,
    pending: 0,
    failures: [],
  };
  console.log(`mailsec integration tests: ${files.length} suite file(s) in VS Code ${vscode.version} (${results.route ?? 'unknown route'})`);

  let runError: unknown;
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => { results.passed++; });
      runner.on('pending', () => { results.pending++; });
      runner.on('fail', (test, err) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: describeError(err) });
      });
    });
  } catch (err) {
    runError = err; // a suite file that throws while loading
    results.failed++;
    results.failures.push({ title: 'loading the suites', error: describeError(err) });
  }

  if (process.env.MAILSEC_TEST_RESULTS) {
    fs.writeFileSync(process.env.MAILSEC_TEST_RESULTS, JSON.stringify(results, null, 2) + '\n');
  }
  if (runError) throw runError instanceof Error ? runError : new Error(String(runError));
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
  if (results.passed + results.pending === 0) throw new Error('no integration tests ran (check MAILSEC_GREP / MAILSEC_SUITES)');
}
