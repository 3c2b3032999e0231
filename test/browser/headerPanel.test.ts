// The header-analysis panel (the real bundle, dist/webview/headerAnalysis.js, under the real
// CSP) in headless Chromium: a hostile header goes through every field the panel shows, and
// nothing runs, loads or navigates; the hostile text is shown as text. Screenshots in light,
// dark and high-contrast themes are checked (not blank, the verdict banner on screen in its
// colour). Also: restore from saved state, click-to-reveal, filter, the buttons.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeHeaders } from '../../src/core/headers/analyze';
import { buildHeaderView } from '../../src/core/headers/view';
import type { HeaderView } from '../../src/core/headers/viewTypes';
import type { HeaderPanelState, RenderedReport } from '../../src/shared/headerPanelMessages';
import { browserUnavailable, closeBrowser, openPanel, ORIGIN, type PanelPage } from './harness';
import { hostileHeader, PAYLOADS } from './hostileHeaders';
import { decodePng, distinctColours } from './png';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# SKIPPED browser tests: ${skip}`);

const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] };
const NOW = Date.parse('2024-03-06T00:00:00Z');
const root = join(__dirname, '..', '..');

function stateOf(text: string, label: string, view?: HeaderView): Omit<HeaderPanelState, 'filter'> {
  return {
    analysisId: 7,
    view: view ?? buildHeaderView(analyzeHeaders(text, { org: ORG, now: NOW })),
    source: { label, uri: 'file:///w/hostile.eml', base: 0, text, selection: null },
    organization: { domains: ORG.domains, displayNames: 1, authservIds: ORG.authservIds, configFile: '.mailsecrc.json', problem: null },
  };
}

/** Enumerations the panel turns into class names; the analysis writes them, never the message. */
const ENUM_KEYS = new Set(['verdict', 'severity', 'tone', 'trust']);

/** The view with every text field replaced by a numbered payload: proves every field is shown as text. */
function everyFieldHostile(view: HeaderView): { view: HeaderView; strings: string[] } {
  const strings: string[] = [];
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') {
      if (ENUM_KEYS.has(key)) return v;
      const s = `${PAYLOADS[strings.length % PAYLOADS.length]}#${strings.length}`;
      strings.push(s);
      return s;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return { view: walk(view, '') as HeaderView, strings };
}

const isType = (t: string) => (m: unknown) => (m as { type?: string }).type === t;

async function show(p: PanelPage, state: Omit<HeaderPanelState, 'filter'>): Promise<RenderedReport> {
  await p.waitForPosted(isType('ready'));
  const before = p.posted.length;
  await p.send({ type: 'show', state });
  const r = await p.waitForPosted<{ report: RenderedReport }>((m) => isType('rendered')(m) && p.posted.indexOf(m) >= before);
  return r.report;
}

/** Everything that would show an attack worked, or that the page did more than draw text. */
async function assertInert(p: PanelPage): Promise<void> {
  await p.page.waitForLoadState('networkidle');
  assert.equal(await p.page.evaluate('window.__pwned'), undefined, 'the canary was never set');
  assert.deepEqual(p.dialogs, [], 'no dialog opened');
  assert.deepEqual(p.errors, [], 'no page errors');
  assert.deepEqual(await p.cspViolations(), [], 'nothing even tried what the CSP forbids');
  assert.equal(p.page.url(), `${ORIGIN}/index.html`, 'no navigation');
  const own = new Set(['/index.html', '/dist/headerAnalysis.js', '/dist/headerAnalysis.css', '/codicons/codicon.css', '/codicons/codicon.ttf']);
  for (const u of p.requests) {
    const path = u.startsWith(ORIGIN) ? new URL(u).pathname : u;
    assert.ok(own.has(path) || path.startsWith('/__theme/'), `unexpected request ${u}`);
  }
  // Every element, inside the components' shadow roots too.
  const dom = await p.page.evaluate<{ light: string[]; shadow: string[]; onAttrs: string[]; jsAttrs: string[]; scripts: number; links: string[] }>(`(() => {
    const light = [...document.body.querySelectorAll('*')];
    const all = [...document.querySelectorAll('*')];
    const shadow = [];
    const visit = (root) => {
      for (const e of root.querySelectorAll('*')) {
        shadow.push(e);
        if (e.shadowRoot) visit(e.shadowRoot);
      }
    };
    for (const e of all) if (e.shadowRoot) visit(e.shadowRoot);
    const every = [...all, ...shadow];
    return {
      light: [...new Set(light.map((e) => e.localName))],
      shadow: [...new Set(shadow.map((e) => e.localName))],
      onAttrs: every.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.localName + ' ' + a.name)),
      jsAttrs: every.flatMap((e) => [...e.attributes].filter((a) => /javascript:|expression\\(|url\\(|@import/i.test(a.value)).map((a) => e.localName + ' ' + a.name + '=' + a.value)),
      scripts: every.filter((e) => e.localName === 'script').length,
      links: every.filter((e) => e.localName === 'link').map((e) => e.href),
    };
  })()`);
  assert.deepEqual(dom.onAttrs, [], 'no on* attribute anywhere');
  assert.deepEqual(dom.jsAttrs, [], 'no javascript:, expression(), url() or @import in any attribute');
  assert.equal(dom.scripts, 1, 'only the panel script');
  const dangerous = ['img', 'svg', 'iframe', 'frame', 'a', 'object', 'embed', 'form', 'base', 'style', 'link', 'meta', 'video', 'audio', 'source', 'picture', 'script'];
  assert.deepEqual(dom.light.filter((t) => dangerous.includes(t) && t !== 'script'), [], 'the body holds no element the message could have asked for');
  assert.deepEqual(dom.shadow.filter((t) => ['img', 'iframe', 'frame', 'a', 'object', 'embed', 'form', 'base', 'script'].includes(t)), [], 'nor do the components');
  assert.deepEqual([...new Set(dom.links)].filter((h) => !h.startsWith(ORIGIN + '/')), [], 'stylesheets only from the panel origin');
}

describe('header panel (headless Chromium, real CSP)', { skip }, () => {
  after(closeBrowser);

  test('a hostile header: every payload shown as text, nothing executes, loads or navigates', async () => {
    const text = hostileHeader();
    const p = await openPanel('headerAnalysis', { theme: 'dark' });
    try {
      const report = await show(p, stateOf(text, 'hostile.eml'));
      assert.equal(report.verdict, 'fail');
      const shown = await p.page.evaluate<string>('document.body.textContent');
      // Plain payloads and the decoded RFC 2047 variants are on the page, as text.
      for (const payload of [`<script>window.__pwned='script'</script>`, `javascript:window.__pwned='js'`, `<svg onload="window.__pwned='svg'"><script>alert(1)</script></svg>`, `url(javascript:window.__pwned='url')`, `@import url(https://evil.example/x.css);`]) {
        assert.ok(shown.includes(payload), `shows ${payload}`);
      }
      assert.ok(shown.includes(`X-<svg/onload=window.__pwned='name'>`), 'a hostile field name is shown as text');
      assert.ok(shown.includes('=?UTF-8?B?'), 'the encoded form is shown too ("as written")');
      await assertInert(p);
    } finally {
      await p.close();
    }
  });

  test('every text field of the view is rendered, as text, and stays inert', async () => {
    const base = stateOf(hostileHeader(), 'hostile.eml');
    const { view, strings } = everyFieldHostile(base.view);
    const org = { domains: [`${PAYLOADS[0]}#org`], displayNames: 1, authservIds: [`${PAYLOADS[1]}#asid`], configFile: `${PAYLOADS[2]}#rc`, problem: null };
    const p = await openPanel('headerAnalysis', { theme: 'light' });
    try {
      await show(p, { ...base, view, source: { ...base.source, label: `${PAYLOADS[3]}#label` }, organization: org });
      const shown = await p.page.evaluate<string>('document.body.textContent');
      const missing = [...strings, `${PAYLOADS[0]}#org`, `${PAYLOADS[1]}#asid`, `${PAYLOADS[2]}#rc`, `${PAYLOADS[3]}#label`].filter((s) => !shown.includes(s));
      assert.deepEqual(missing, [], 'every field of the view is shown');
      assert.ok(strings.length > 150, `the corpus reaches many fields (${strings.length})`);
      await assertInert(p);
    } finally {
      await p.close();
    }
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`screenshot in the ${theme} theme: not blank, the verdict banner on screen in its colour`, async () => {
      const text = readFileSync(join(root, 'test/integration/fixtures/workspace/headers/phishing.eml'), 'utf8');
      const p = await openPanel('headerAnalysis', { theme, width: 1000, height: 800 });
      try {
        const report = await show(p, stateOf(text, 'headers/phishing.eml'));
        assert.equal(report.bannerInView, true);
        mkdirSync(join(root, 'test-results'), { recursive: true });
        const file = join(root, 'test-results', `browser-header-panel-${theme}.png`);
        const png = decodePng(await p.page.screenshot({ path: file }));
        assert.ok(distinctColours(png) > 40, 'the picture is not blank');
        const box = (await p.page.locator('#verdict').boundingBox())!;
        assert.ok(box.y >= 0 && box.y + 40 < png.height, 'the banner is in the picture');
        const bg = png.at(png.width - 3, png.height - 3);
        // The banner's error stripe (left border) is red, whatever the theme.
        const [r, g, b] = png.at(Math.round(box.x) + 1, Math.round(box.y + box.height / 2));
        assert.ok(r > 150 && r > g + 60 && r > b + 60, `the fail banner's stripe is red (got ${r},${g},${b})`);
        if (theme !== 'high-contrast') {
          const inside = png.at(Math.round(box.x + box.width - 20), Math.round(box.y + 8));
          assert.notDeepEqual(inside, bg, 'the banner is tinted, not the page background');
        }
        const colours = await p.page.evaluate<string[]>("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]");
        assert.notEqual(colours[0], colours[1]);
        await assertInert(p);
      } finally {
        await p.close();
      }
    });
  }

  test('restores from the saved state without waiting for the extension', async () => {
    const text = readFileSync(join(root, 'test/integration/fixtures/workspace/headers/phishing.eml'), 'utf8');
    const state: HeaderPanelState = { ...stateOf(text, 'headers/phishing.eml'), filter: 'received' };
    const p = await openPanel('headerAnalysis', { state });
    try {
      const ready = await p.waitForPosted<{ analysisId: number | null }>(isType('ready'));
      assert.equal(ready.analysisId, 7);
      const { report } = await p.waitForPosted<{ report: RenderedReport }>(isType('rendered'));
      assert.equal(report.restored, true);
      assert.equal(report.filter, 'received');
      assert.equal(report.counts.headersShown, state.view.headers.filter((h) => /received/i.test(`${h.name}: ${h.value}`)).length);
    } finally {
      await p.close();
    }
  });

  test('clicks and keys: a row posts its span, the filter narrows the table, the buttons ask the extension', async () => {
    const text = readFileSync(join(root, 'test/integration/fixtures/workspace/headers/phishing.eml'), 'utf8');
    const state = stateOf(text, 'headers/phishing.eml');
    const p = await openPanel('headerAnalysis');
    try {
      await show(p, state);
      const subject = state.view.headers.find((h) => h.name === 'Subject')!;
      await p.page.locator(`[data-header-index="${subject.index}"]`).click();
      const reveal = await p.waitForPosted<{ analysisId: number; span: unknown }>(isType('reveal'));
      assert.deepEqual(reveal, { type: 'reveal', analysisId: 7, span: subject.span });
      await p.page.locator('[data-reason="0"]').focus();
      await p.page.keyboard.press('Enter');
      await p.waitForPosted((m) => isType('reveal')(m) && JSON.stringify((m as { span: unknown }).span) === JSON.stringify(state.view.reasons[0]!.span));
      await p.page.locator('vscode-textfield.filter').click();
      await p.page.keyboard.type('x-ms-exchange');
      const { report } = await p.waitForPosted<{ report: RenderedReport }>((m) => isType('rendered')(m) && (m as { report: RenderedReport }).report.filter === 'x-ms-exchange');
      assert.equal(report.counts.headersShown, state.view.headers.filter((h) => h.name.toLowerCase().includes('x-ms-exchange') || h.value.toLowerCase().includes('x-ms-exchange')).length);
      assert.ok(report.counts.headersShown > 0 && report.counts.headersShown < report.counts.headers);
      await p.page.locator('#copyMarkdown').click();
      await p.waitForPosted(isType('copyMarkdown'));
      await p.page.locator('#exportJson').click();
      await p.waitForPosted(isType('exportJson'));
      await p.send({ type: 'notice', text: `${PAYLOADS[0]} saved`, tone: 'info' });
      await p.page.waitForFunction(`document.getElementById('notice').textContent.includes('saved')`);
      await assertInert(p);
    } finally {
      await p.close();
    }
  });
});
