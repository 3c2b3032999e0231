/**
 * Browser-level tests of mailsec panels: the real bundled panel script under the real
 * Content-Security-Policy (src/shared/webviewHtml.ts), in Debian's headless Chromium
 * driven by playwright-core (never a downloaded browser). The page is served from a fake
 * origin by request interception, `acquireVsCodeApi` is provided by an init script, and
 * VS Code's theme variables and body class are applied, so panels can be pictured in
 * light, dark and high-contrast themes. Everything the page does is recorded: messages
 * it posts, requests, dialogs, page errors and CSP violations.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webviewHtml } from '../../src/shared/webviewHtml';
import { THEMES, type ThemeName } from './themes';

const root = join(__dirname, '..', '..');
export const ORIGIN = 'https://webview.mailsec.test';
const CHROMIUM = process.env.MAILSEC_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  return undefined;
}

export interface PanelPage {
  page: Page;
  posted: unknown[];
  requests: string[];
  dialogs: string[];
  errors: string[];
  /** Sends a message to the page as the extension would (window 'message' event). */
  send(message: unknown): Promise<void>;
  /** Resolves with the first posted message (past or future) that satisfies `predicate`. */
  waitForPosted<T = unknown>(predicate: (m: unknown) => boolean, timeoutMs?: number): Promise<T>;
  /** CSP violations reported by the page. */
  cspViolations(): Promise<string[]>;
  /** Saves a PNG into test-results/ and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.map': 'application/json' };

let browserPromise: Promise<Browser> | undefined;
function browser(): Promise<Browser> {
  browserPromise ??= chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return browserPromise;
}

/** Closes the shared browser (call from an `after` hook). */
export async function closeBrowser(): Promise<void> {
  if (browserPromise) await (await browserPromise).close();
  browserPromise = undefined;
}

export interface OpenOptions {
  theme?: ThemeName;
  title?: string;
  /** Folder holding `<script>.js`/`.css` (default dist/webview, built by `npm run build`). */
  dir?: string;
  /** State returned by the fake getState() at start (to test restore). */
  state?: unknown;
  width?: number;
  height?: number;
}

export async function openPanel(script: string, options: OpenOptions = {}): Promise<PanelPage> {
  const dir = options.dir ?? join(root, 'dist', 'webview');
  const scriptFile = join(dir, `${script}.js`);
  if (!existsSync(scriptFile)) throw new Error(`${scriptFile} does not exist: run npm run build first`);
  const theme = options.theme ?? 'dark';
  const context = await (await browser()).newContext({ viewport: { width: options.width ?? 1100, height: options.height ?? 900 }, colorScheme: theme === 'light' ? 'light' : 'dark' });
  const page = await context.newPage();
  const posted: unknown[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  const waiters: { pred: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  await page.exposeFunction('__mailsecPost', (m: unknown) => {
    posted.push(m);
    for (const w of waiters.splice(0)) {
      if (w.pred(m)) w.resolve(m);
      else waiters.push(w);
    }
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const html = webviewHtml({
    cspSource: ORIGIN,
    nonce: 'bWFpbHNlYy10ZXN0LW5vbmNl' + Math.floor(Math.random() * 1e6).toString(36).padStart(4, '0'),
    title: options.title ?? script,
    scriptUri: `${ORIGIN}/dist/${script}.js`,
    styleUris: [`${ORIGIN}/dist/${script}.css`, `${ORIGIN}/__theme/${theme}.css`],
    codiconUri: `${ORIGIN}/codicons/codicon.css`,
  });
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (!url.startsWith(ORIGIN + '/')) return route.abort();
    const path = url.slice(ORIGIN.length).split('?')[0]!;
    if (path === '/index.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    if (path.startsWith('/__theme/')) return route.fulfill({ status: 200, contentType: 'text/css', body: THEMES[theme] });
    const base = path.startsWith('/dist/') ? dir : path.startsWith('/codicons/') ? join(root, 'node_modules/@vscode/codicons/dist') : undefined;
    const rel = path.replace(/^\/(dist|codicons)\//, '');
    const file = base ? normalize(join(base, rel)) : undefined;
    if (!file || !file.startsWith(base!) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  // A string, not a function: the test runner's transpiler would add helpers a serialised
  // function cannot see in the page.
  const bodyClass = theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast';
  await page.addInitScript(`(() => {
    let current = ${JSON.stringify(options.state ?? null)};
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__mailsecPost(JSON.parse(JSON.stringify(m))),
      getState: () => current,
      setState: (s) => { current = s; },
    });
    document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(bodyClass)}, 'vscode-body'));
  })();`);
  await page.goto(`${ORIGIN}/index.html`);
  return {
    page,
    posted,
    requests,
    dialogs,
    errors,
    send: async (message) => {
      await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`);
    },
    waitForPosted: (pred, timeoutMs = 10_000) => {
      const hit = posted.find(pred);
      if (hit) return Promise.resolve(hit as never);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; posted: ${JSON.stringify(posted).slice(0, 500)}`)), timeoutMs);
        waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m as never); } });
      });
    },
    cspViolations: () => page.evaluate<string[]>('window.__cspViolations.slice()'),
    screenshot: async (name) => {
      const out = join(root, 'test-results');
      mkdirSync(out, { recursive: true });
      const file = join(out, `browser-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: () => context.close(),
  };
}
