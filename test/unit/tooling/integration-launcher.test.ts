// The pure parts of the integration-test launcher (scripts/integration/*.mjs): how it decides
// the exit code and the summary, which log entries it hides, and how it chooses the route.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Results {
  route: string | null;
  vscodeVersion: string | null;
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  skipped?: string;
  error?: string;
  exitCode: number;
}
interface ResultsModule {
  finalResults(a: { route: string | null; routeExitCode?: number; results?: Partial<Results>; error?: string }): Results;
  skippedResults(reason: string, exitCode: number): Results;
  summaryLine(r: Results): string;
}
interface FilterModule {
  isNoise(text: string, keep?: string[]): boolean;
  formatAutomationLog(type: unknown, args: unknown): { level: string; text: string };
}
interface RouteModule {
  updateServiceReachable(timeoutMs: number, url: string): Promise<boolean>;
  chooseRoute(env: Record<string, string | undefined>, probe: () => Promise<boolean>): Promise<{ route: string; reason: string; forced: boolean }>;
}

// Plain .mjs scripts without type declarations: imported by a computed path, typed above.
const load = <T>(name: string): Promise<T> => import(`../../../scripts/integration/${name}.mjs`) as Promise<T>;

const ran = (passed: number, failed = 0, pending = 0) => ({ vscodeVersion: '1.139.1', passed, failed, pending, failures: [] });

void describe('integration launcher: results', async () => {
  const { finalResults, skippedResults, summaryLine } = await load<ResultsModule>('results');

  void it('passes a run with passing tests and exit code 0', () => {
    const r = finalResults({ route: 'code-server', routeExitCode: 0, results: ran(12, 0, 1) });
    assert.equal(r.exitCode, 0);
    assert.equal(r.error, undefined);
    assert.equal(summaryLine(r), 'integration: 12 passed, 0 failed, 1 pending (code-server, VS Code 1.139.1)');
  });

  void it('keeps the failing exit code of VS Code', () => {
    const r = finalResults({ route: 'code-server', routeExitCode: 1, results: ran(3, 1) });
    assert.equal(r.exitCode, 1);
    assert.match(summaryLine(r), /^integration: 3 passed, 1 failed, 0 pending/);
  });

  void it('fails a zero exit code when tests failed, none ran, or no results came', () => {
    assert.equal(finalResults({ route: 'electron', routeExitCode: 0, results: ran(2, 1) }).exitCode, 1);
    const none = finalResults({ route: 'electron', routeExitCode: 0, results: ran(0) });
    assert.equal(none.exitCode, 2);
    assert.match(none.error ?? '', /no tests ran/);
    const missing = finalResults({ route: 'code-server', routeExitCode: 0 });
    assert.equal(missing.exitCode, 2);
    assert.match(missing.error ?? '', /wrote no results/);
  });

  void it('reports a launcher error such as a timeout with exit code 2', () => {
    const r = finalResults({ route: 'code-server', routeExitCode: 2, error: 'TIMEOUT: the tests did not finish within 600 s' });
    assert.equal(r.exitCode, 2);
    assert.match(summaryLine(r), /\nintegration: ERROR TIMEOUT/);
    const early = finalResults({ route: null, routeExitCode: 2, error: 'build failed (exit 1)' });
    assert.equal(summaryLine(early), 'integration: 0 passed, 0 failed, 0 pending\nintegration: ERROR build failed (exit 1)');
  });

  void it('shows a skip as skipped, never as passed', () => {
    const r = skippedResults('no Chromium at /usr/bin/chromium', 4);
    assert.equal(r.exitCode, 4);
    assert.equal(r.passed, 0);
    assert.equal(summaryLine(r), 'integration: skipped (no Chromium at /usr/bin/chromium)');
  });
});

void describe('integration launcher: log filter', async () => {
  const { isNoise, formatAutomationLog } = await load<FilterModule>('log-filter');

  void it('formats console-style arguments as the console would', () => {
    assert.deepEqual(formatAutomationLog('Info', ['    ✔ %s (%dms)', 'opens a zone', 42]), { level: 'info', text: '    ✔ opens a zone (42ms)' });
    assert.equal(formatAutomationLog('error', 'plain').text, 'plain');
  });

  void it('hides the workbench noise of an offline machine', () => {
    assert.equal(isNoise('[AgentHost] No signed-in session resolved for resource: https://api.github.com'), true);
    assert.equal(isNoise('getaddrinfo ENOTFOUND open-vsx.org: Failed\n    at egt.queryRawGalleryExtensions'), true);
    assert.equal(isNoise("Error: Cannot find module 'x' in /root/.cache/mailsec-test/node_modules/vsda"), true);
  });

  void it('keeps mocha output, our extension and test failures even when they mention a network error', () => {
    assert.equal(isNoise('    ✔ finds and activates the mailsec extension (119ms)'), false);
    assert.equal(isNoise('  1) live DNS\n       queries the resolver:\n     Error: getaddrinfo ENOTFOUND example.invalid'), false);
    assert.equal(isNoise("Activating extension 'mailsec.mailsec' failed: getaddrinfo ENOTFOUND"), false);
    assert.equal(isNoise('ECONNREFUSED at /repo/dist/extension.js:10', ['/repo']), false);
  });
});

void describe('integration launcher: route', async () => {
  const { chooseRoute, updateServiceReachable } = await load<RouteModule>('route');
  const yes = () => Promise.resolve(true);
  const no = () => Promise.resolve(false);

  void it('takes the download route only where the update service answers and a display exists', async () => {
    assert.equal((await chooseRoute({ DISPLAY: ':0' }, yes)).route, 'electron');
    assert.equal((await chooseRoute({ DISPLAY: ':0' }, no)).route, 'server');
    const headless = await chooseRoute({}, yes);
    assert.equal(headless.route, process.platform === 'linux' ? 'server' : 'electron');
  });

  void it('obeys MAILSEC_VSCODE_ROUTE and rejects an unknown value', async () => {
    assert.deepEqual(await chooseRoute({ MAILSEC_VSCODE_ROUTE: 'electron' }, no), { route: 'electron', reason: 'MAILSEC_VSCODE_ROUTE', forced: true });
    assert.equal((await chooseRoute({ MAILSEC_VSCODE_ROUTE: 'server', DISPLAY: ':0' }, yes)).route, 'server');
    await assert.rejects(chooseRoute({ MAILSEC_VSCODE_ROUTE: 'docker' }, yes), /electron or server/);
  });

  void describe('probe', () => {
    const servers: Server[] = [];
    after(() => { for (const s of servers) s.close(); });
    const listen = async (handler: Parameters<typeof createServer>[1]) => {
      const server = createServer(handler);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/releases/stable`;
    };

    void it('counts any answer below 500 as reachable', async () => {
      assert.equal(await updateServiceReachable(2000, await listen((_, res) => { res.writeHead(404).end(); })), true);
    });

    void it('counts a server error, a refused connection and silence as unreachable', async () => {
      assert.equal(await updateServiceReachable(2000, await listen((_, res) => { res.writeHead(503).end(); })), false);
      const closed = await listen(() => undefined);
      servers.pop()?.close();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(await updateServiceReachable(2000, closed), false);
      assert.equal(await updateServiceReachable(200, await listen(() => undefined)), false);
    });
  });
});
