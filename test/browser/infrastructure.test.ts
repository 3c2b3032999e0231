// The shared webview infrastructure under its real CSP in headless Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { browserUnavailable, closeBrowser, openPanel } from './harness';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# SKIPPED browser tests: ${skip}`);

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> javascript:alert(1) \u202Eevil\u0000';

describe('webview infrastructure (headless Chromium, real CSP)', { skip }, () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailsec-probe-'));
    await esbuild.build({ entryPoints: { probe: join(__dirname, 'fixtures/probe/main.ts') }, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', outdir: dir, loader: { '.css': 'css' }, logLevel: 'warning' });
  });
  after(closeBrowser);

  test('renders hostile text as text, with @vscode-elements, and nothing runs', async () => {
    const p = await openPanel('probe', { dir });
    try {
      await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
      await p.send({ type: 'render', text: HOSTILE });
      const r = await p.waitForPosted<{ text: string; tableText: string }>((m) => (m as { type: string }).type === 'rendered');
      assert.equal(r.tableText, HOSTILE, 'the table cell holds the text verbatim');
      assert.match(r.text, /⟨U\+202E⟩evil⟨U\+0000⟩/, 'bidi override and NUL made visible');
      assert.equal(await p.page.evaluate('window.__pwned'), undefined);
      assert.equal(await p.page.locator('img').count(), 0);
      assert.equal(await p.page.evaluate("customElements.get('vscode-table') !== undefined"), true, 'vscode-elements registered');
      assert.deepEqual(p.dialogs, []);
      assert.deepEqual(p.errors, []);
      assert.deepEqual(await p.cspViolations(), [], 'our own page needs nothing the CSP forbids');
      assert.ok(p.requests.every((u) => u.startsWith('https://webview.mailsec.test/')), p.requests.join(', '));
    } finally {
      await p.close();
    }
  });

  test('the CSP blocks inline event handlers even if HTML were ever inserted', async () => {
    const p = await openPanel('probe', { dir });
    try {
      await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
      await p.send({ type: 'attack', html: '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__pwned=3"><script>window.__pwned=4</script>' });
      await p.page.waitForFunction('window.__cspViolations.length > 0');
      assert.equal(await p.page.evaluate('window.__pwned'), undefined);
      assert.ok((await p.cspViolations()).some((v) => v.startsWith('script-src')), 'the inline handler was blocked by script-src');
    } finally {
      await p.close();
    }
  });

  test('the DOM builder refuses attributes that can run or load something', async () => {
    const p = await openPanel('probe', { dir });
    try {
      for (const name of ['onclick', 'ONERROR', 'href', 'src', 'style', 'srcdoc', 'formaction']) {
        await p.send({ type: 'badAttr', name });
        const r = await p.waitForPosted<{ error: string }>((m) => (m as { type: string; error?: string }).type === 'refused' && (m as { error: string }).error.includes(name));
        assert.match(r.error, /is not allowed/);
      }
    } finally {
      await p.close();
    }
  });

  test('state is restored when the panel comes back', async () => {
    const p = await openPanel('probe', { dir, state: { last: 'restored value' } });
    try {
      const r = await p.waitForPosted<{ tableText: string }>((m) => (m as { type: string }).type === 'rendered');
      assert.equal(r.tableText, 'restored value');
    } finally {
      await p.close();
    }
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`looks right in the ${theme} theme (screenshot)`, async () => {
      const p = await openPanel('probe', { dir, theme, width: 600, height: 300 });
      try {
        await p.send({ type: 'render', text: 'v=DKIM1; k=rsa; p=MIIBIjAN…' });
        await p.waitForPosted((m) => (m as { type: string }).type === 'rendered');
        const colors = await p.page.evaluate<string[]>('[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]');
        assert.notEqual(colors[0], colors[1], 'text and background differ');
        const expected = { light: 'rgb(255, 255, 255)', dark: 'rgb(31, 31, 31)', 'high-contrast': 'rgb(0, 0, 0)' }[theme];
        assert.equal(colors[1], expected, 'the theme variables reach the page');
        const file = await p.screenshot(`probe-${theme}`);
        assert.ok(file.endsWith('.png'));
      } finally {
        await p.close();
      }
    });
  }
});
