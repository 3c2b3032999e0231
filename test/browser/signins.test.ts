// The sign-in report panel (webview/signins) under its real CSP in headless Chromium: what it
// renders from a report, that hostile log values stay text, selection, export, and themes.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSignins, type SigninReport } from '../../src/core/signins/index';
import type { SigninsRendered } from '../../src/shared/signinsPanel';
import { minutesAfter, scenario, toPortalCsv } from '../unit/signins/logBuilder';
import { browserUnavailable, closeBrowser, openPanel, type PanelPage } from './harness';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# SKIPPED browser tests: ${skip}`);

const EVIL_UA = '<img src=x onerror="window.__pwned=1">\u202Egnp.exe';
const EVIL_USER = 'evil<script>window.__pwned=2</script>@contoso.com';
const GUIDE = 'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication';

async function report(): Promise<SigninReport> {
  const rows = scenario();
  rows.push({ time: minutesAfter('2025-03-11T08:00:00Z', 1), upn: EVIL_USER, clientApp: 'POP3', errorCode: 0, ip: '198.51.100.99', country: 'FR', userAgent: EVIL_UA });
  return analyzeSignins([toPortalCsv(rows)]);
}

const type = (t: string) => (m: unknown) => (m as { type: string }).type === t;

async function shown(p: PanelPage, r: SigninReport): Promise<SigninsRendered> {
  await p.waitForPosted(type('ready'));
  await p.send({ type: 'report', file: 'logs/signins.csv', report: r, guideUrl: GUIDE });
  return (await p.waitForPosted<{ rendered: SigninsRendered }>(type('rendered'))).rendered;
}

describe('sign-in report panel (headless Chromium, real CSP)', { skip }, () => {
  after(closeBrowser);

  test('renders the report: counts, legacy users, spraying address, brute-forced account, chart, advice', async () => {
    const r = await report();
    const p = await openPanel('signins');
    try {
      const rendered = await shown(p, r);
      assert.equal(rendered.file, 'logs/signins.csv');
      assert.equal(rendered.signIns, r.totals.signIns);
      assert.equal(rendered.legacySignIns, r.totals.legacy);
      assert.deepEqual(rendered.legacyUsers, r.legacyUsers.map((u) => u.user));
      assert.ok(rendered.legacyUsers.includes('printer@contoso.com') && rendered.legacyUsers.includes('old.phone@contoso.com'));
      assert.deepEqual(rendered.sprayIps, ['203.0.113.66']);
      assert.deepEqual(rendered.bruteForceUsers, ['ceo@contoso.com']);
      assert.ok(rendered.failedIps.includes('203.0.113.66'));
      assert.ok(rendered.scriptedAgents.includes('python-requests/2.31.0'));
      assert.equal(rendered.chartDays, 3, '10, 11 and 12 March');
      assert.deepEqual(rendered.chartSeries.slice(0, 2), ['IMAP4', 'Other clients']);
      assert.ok(rendered.findings.includes('signin-password-spray'));
      assert.equal(rendered.mentionsConditionalAccess, true);
      assert.deepEqual(p.errors, []);
      assert.deepEqual(await p.cspViolations(), []);
    } finally {
      await p.close();
    }
  });

  test('hostile user names and user agents are text: nothing runs, controls are made visible', async () => {
    const p = await openPanel('signins');
    try {
      const rendered = await shown(p, await report());
      assert.ok(rendered.legacyUsers.includes(EVIL_USER), rendered.legacyUsers.join(', '));
      assert.equal(await p.page.evaluate('window.__pwned'), undefined);
      assert.equal(await p.page.locator('img').count(), 0);
      assert.equal(await p.page.locator('script').count(), 1, 'only the panel script');
      const body = await p.page.evaluate<string>('document.body.textContent');
      assert.ok(body.includes('<img src=x onerror="window.__pwned=1">⟨U+202E⟩gnp.exe'), 'the user agent is shown as written, the bidi override made visible');
      assert.deepEqual(p.dialogs, []);
      assert.deepEqual(await p.cspViolations(), []);
    } finally {
      await p.close();
    }
  });

  test('choosing users posts them for the authentication policy script; export and guide buttons post requests', async () => {
    const p = await openPanel('signins');
    try {
      await shown(p, await report());
      await p.page.locator('#legacy-users vscode-checkbox[data-user="printer@contoso.com"]').click();
      await p.page.locator('#auth-policy').click();
      const m = await p.waitForPosted<{ users: string[] }>(type('authPolicy'));
      assert.deepEqual(m.users, ['printer@contoso.com']);
      await p.page.locator('#select-all').click();
      await p.page.locator('#auth-policy').click();
      await p.waitForPosted<{ users: string[] }>((x) => type('authPolicy')(x) && (x as { users: string[] }).users.length > 1);
      await p.page.locator('#export-csv').click();
      await p.page.locator('#export-md').click();
      await p.page.locator('#open-guide').click();
      assert.deepEqual(p.posted.filter((x) => type('export')(x)).map((x) => (x as { format: string }).format), ['csv', 'markdown']);
      assert.ok(p.posted.some(type('openGuide')));
      assert.ok(p.requests.every((u) => u.startsWith('https://webview.mailsec.test/')), 'nothing remote');
    } finally {
      await p.close();
    }
  });

  test('accounts under attack can be chosen for the policy too, from the brute-force table (issue 14)', async () => {
    const p = await openPanel('signins');
    try {
      await shown(p, await report());
      await p.page.locator('#brute-force vscode-checkbox[data-user="ceo@contoso.com"]').click();
      await p.page.locator('#auth-policy').click();
      assert.deepEqual((await p.waitForPosted<{ users: string[] }>(type('authPolicy'))).users, ['ceo@contoso.com']);
    } finally {
      await p.close();
    }
  });

  test('the selection survives the panel being hidden and shown again (webview state)', async () => {
    const p = await openPanel('signins', { state: { selected: ['old.phone@contoso.com', 'not-in-this-report@x'] } });
    try {
      await shown(p, await report());
      assert.equal(await p.page.locator('#auth-policy').textContent(), 'Generate Authentication Policy Script (1)');
      await p.page.locator('#auth-policy').click();
      assert.deepEqual((await p.waitForPosted<{ users: string[] }>(type('authPolicy'))).users, ['old.phone@contoso.com']);
    } finally {
      await p.close();
    }
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`screenshot in the ${theme} theme`, async () => {
      const p = await openPanel('signins', { theme, width: 1100, height: 1400 });
      try {
        await shown(p, await report());
        const bars = await p.page.evaluate<number>("[...document.querySelectorAll('.segment')].filter((e) => e.getBoundingClientRect().height > 0).length");
        assert.ok(bars > 3, `${bars} visible chart segments`);
        await p.screenshot(`signins-${theme}`);
      } finally {
        await p.close();
      }
    });
  }
});
