// The code-server route: VS Code's server (from the npm package code-server, on its Node) serves
// the workbench to Debian's Chromium, driven by playwright-core; the extension under development
// and the test module come in through the development payload.
import { existsSync, createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { spawnGroup, stopGroup, stopGroupByPid, trackGroup } from './processes.mjs';
import { RUNTIMES, ensureServerRuntime, RuntimeUnavailable } from './server-runtime.mjs';
import { formatAutomationLog, isNoise } from './log-filter.mjs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const VIEWPORT = { width: 1400, height: 900 };

/** Debian's Chromium, or the browser named by MAILSEC_CHROMIUM (never a downloaded one). */
function chromiumPath(env) {
  const candidates = env.MAILSEC_CHROMIUM ? [env.MAILSEC_CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => existsSync(p));
}

/** Checks what the route needs before anything is installed; returns a reason or undefined. */
export function serverRouteMissing(env = process.env) {
  if (!chromiumPath(env)) {
    return env.MAILSEC_CHROMIUM
      ? `MAILSEC_CHROMIUM=${env.MAILSEC_CHROMIUM} does not exist`
      : 'no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set MAILSEC_CHROMIUM)';
  }
  return undefined;
}

/**
 * Starts the server on a free loopback port; resolves { child, port } once it listens.
 * `smokeTestDriver`: how this code-server takes VS Code's enable-smoke-test-driver (RUNTIMES).
 */
function startServer(runtime, smokeTestDriver, sandbox, env, serverLog, timeoutMs = 60_000) {
  const args = [
    runtime.entry, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--config', join(sandbox.dir, 'code-server.yaml'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', ...smokeTestDriver,
    '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, sandbox.workspace,
  ];
  const child = spawnGroup(runtime.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }, 'code-server');
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs / 1000} s:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk) => {
      if (!serverLog.writableEnded) serverLog.write(chunk); // output can trail the stop
      if (timer === undefined) return;
      seen += chunk;
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) { clearTimeout(timer); resolve({ child, port: Number(m[1]) }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`code-server exited with ${code ?? signal} before listening:\n${seen.slice(-2000)}`)); });
  });
}

/**
 * A suite asks for a picture of the workbench by logging `mailsec-screenshot:<file name>`
 * (util.ts screenshot()); the file is written to MAILSEC_SCREENSHOT_DIR under a temporary name
 * and renamed, so the suite, watching for it, never sees half a file.
 */
function screenshotRequest(text, dir) {
  const m = /^mailsec-screenshot:([a-z0-9][a-z0-9-]*\.png)$/.exec(text.trim());
  return m && dir ? join(dir, m[1]) : undefined;
}

function takeScreenshot(page, file, log) {
  const partial = file.replace(/\.png$/, '.partial.png');
  const t0 = Date.now();
  page.screenshot({ path: partial, type: 'png' }).then(
    () => { renameSync(partial, file); log(`screenshot: ${file} (${Date.now() - t0} ms)`); },
    (err) => log(`screenshot ${file} failed: ${err.message}`),
  );
}

/**
 * The workbench URL with the development payload. The extension host inherits the server's
 * environment; the MAILSEC_* variables also travel in `extensionEnvironment`, the workbench's
 * own channel for the test environment, so they arrive even if that inheritance changes.
 */
function workbenchUrl(port, sandbox, root, testsPath, env) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const mailsecEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('MAILSEC_')));
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(testsPath)],
    ['extensionEnvironment', JSON.stringify(mailsecEnv)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(sandbox.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Runs the tests; resolves { exitCode } (the test module's, through codeAutomationExit).
 * Throws RuntimeUnavailable when the route cannot run here, Error on a failure of the run.
 * `cleanup` collects async stoppers so a signal handler can stop everything.
 */
export async function runServerRoute({ root, sandbox, env, testsPath, timeoutMs, screenshotPath, logDir, log, cleanup, target = 'current' }) {
  const missing = serverRouteMissing(env);
  if (missing) throw new RuntimeUnavailable(missing);
  const versions = RUNTIMES[target];
  const runtime = await ensureServerRuntime({ runtime: versions, log, logFile: join(logDir, 'integration-cache-fill.log'), env });
  log(`runtime: code-server ${versions.codeServer} (VS Code ${versions.vscode}) on Node ${versions.node} in ${runtime.dir}${runtime.cached ? ' (cached)' : ''}`);

  const serverLog = createWriteStream(join(logDir, 'integration-server.log'));
  const hostLog = createWriteStream(join(logDir, 'integration-host.log'));
  let server;
  let browserServer;
  let browser;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    if (browserServer) {
      const pid = browserServer.process()?.pid;
      await browserServer.close().catch(() => undefined);
      if (pid) stopGroupByPid(pid);
    }
    if (server) await stopGroup(server.child);
    browser = browserServer = server = undefined;
  };
  cleanup.add(stop);
  try {
    // TMPDIR and XDG_DATA_HOME inside the sandbox: the server's IPC sockets, its heartbeat and
    // logs (~/.local/share/code-server otherwise) and the tests' temp files go with it.
    const tmp = join(sandbox.dir, 'tmp');
    const data = join(sandbox.dir, 'xdg-data');
    mkdirSync(tmp);
    mkdirSync(data);
    const serverEnv = { ...env, MAILSEC_ROUTE: 'code-server', TMPDIR: tmp, XDG_DATA_HOME: data, MAILSEC_SCREENSHOT_DIR: logDir };
    server = await startServer(runtime, versions.smokeTestDriver, sandbox, serverEnv, serverLog);
    log(`code-server listening on 127.0.0.1:${server.port} (pid ${server.child.pid})`);
    const serverExited = new Promise((_, reject) => server.child.once('exit', (code, signal) => reject(new Error(`code-server exited with ${code ?? signal} during the run`))));
    serverExited.catch(() => undefined);

    browserServer = await chromium.launchServer({
      executablePath: chromiumPath(env),
      headless: true,
      args: CHROMIUM_FLAGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const browserPid = browserServer.process()?.pid;
    if (browserPid) trackGroup(browserPid, 'chromium');
    browser = await chromium.connect(browserServer.wsEndpoint());
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();

    let resolveExit;
    const exited = new Promise((resolve) => { resolveExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const { level, text } = formatAutomationLog(type, args);
      if (!hostLog.writableEnded) hostLog.write(`[${level}] ${text}\n`);
      const shot = screenshotRequest(text, logDir);
      if (shot) takeScreenshot(page, shot, log);
      else if (!isNoise(text, [root])) (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => { resolveExit(Number(code)); });
    const note = (line) => { if (!hostLog.writableEnded) hostLog.write(`${line}\n`); };
    page.on('pageerror', (err) => note(`[pageerror] ${err.stack ?? err.message}`));
    page.on('console', (msg) => note(`[console.${msg.type()}] ${msg.text()}`));
    page.on('crash', () => resolveExit(Promise.reject(new Error('the workbench page crashed'))));

    const url = workbenchUrl(server.port, sandbox, root, testsPath, serverEnv);
    hostLog.write(`[launcher] ${url}\n`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`TIMEOUT: the tests did not finish within ${Math.round(timeoutMs / 1000)} s (MAILSEC_INTEGRATION_TIMEOUT)`)), timeoutMs);
    });
    try {
      const exitCode = await Promise.race([exited, timedOut, serverExited]);
      return { exitCode };
    } finally {
      clearTimeout(timer);
      const t0 = Date.now();
      await page.screenshot({ path: screenshotPath }).then(
        () => log(`screenshot: ${screenshotPath} (${Date.now() - t0} ms)`),
        (err) => log(`screenshot failed: ${err.message}`),
      );
    }
  } finally {
    await stop();
    cleanup.delete(stop);
    serverLog.end();
    hostLog.end();
  }
}
