// The live-check results panel (webview/live) under its real CSP in headless Chromium,
// fed with real check results computed over a table of DNS answers.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkDkim } from '../../src/core/checks/dkim';
import { checkDomain } from '../../src/core/checks/domain';
import { checkSpf } from '../../src/core/checks/spf';
import type { LiveView, RenderedReport } from '../../src/shared/liveChecks';
import { fakeResolver, rr, txt } from '../unit/dns/fakeResolver';
import type { Resolver } from '../../src/core/dns/resolver';
import { DnsError } from '../../src/core/dns/types';
import type { VerifyResult } from '../../src/core/checks/verifyMessage';
import { analyzeHeaders } from '../../src/core/headers/analyze';
import { buildHeaderView } from '../../src/core/headers/view';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserUnavailable, closeBrowser, openPanel, type PanelPage } from './harness';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# SKIPPED live panel browser tests: ${skip}`);

const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoHQUjJudjoqtRjLRuSDVS7Bcr2DUlgVtKcv7xv2skTyfeay+GJbF/8i705rpoPXtam7CYAVT4zm04MmdwzVKrBk7b2YEAlDQS1URL6HYy3Wpth8/F1hMy/cVYcErICWn/mwdrgp3YEvT3DRbAhLtSurgSL0ACrrGA1M1e/mnw3g+5PYqF0l4s5skVRyOHlOR0P+3ue/VnyzJNklyTmr3YxTY7L06TFFoHH3ANU4atsMX07pjMAzISXL4kii3CfwZheG6Ms6k8g6S4W4pvGRoa2tQg06R6ftkfYp80jaCaKmXDYfUJl7nHj1ZbwjrCqK31p1e4Mtch3XMjFs2MLSilwIDAQAB';
const HOSTILE = 'v=spf1 <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> include:\u202Eevil.example -all';
const resolverInfo = { servers: ['127.0.0.1:5353'], origin: 'the mailsec.dns.servers setting' };

const dkimResolver = () => fakeResolver({
  'safemail._domainkey.example.com TXT': { answers: [rr('safemail._domainkey.example.com', 'CNAME', 'safemailhop.example.net', 3600)] },
  'safemailhop.example.net TXT': { answers: [{ ...txt('safemailhop.example.net', 'v=DKIM1; k=rsa; ', `p=${KEY}`), ttl: 1800 }] },
});

async function shown(p: PanelPage, seq: number, view: LiveView): Promise<RenderedReport> {
  await p.send({ type: 'show', seq, view });
  return (await p.waitForPosted<{ report: RenderedReport }>((m) => (m as { type: string; seq?: number }).type === 'rendered' && (m as { seq: number }).seq === seq)).report;
}

describe('live-check results panel (headless Chromium, real CSP)', { skip }, () => {
  after(closeBrowser);

  test('shows a DKIM key behind a CNAME: verdict, the chain with TTLs and the server, the key size', async () => {
    const p = await openPanel('live');
    try {
      await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
      const result = await checkDkim(dkimResolver(), 'example.com', 'safemail');
      const r = await shown(p, 1, { state: 'done', title: 'DKIM safemail._domainkey.example.com', resolver: resolverInfo, result: { kind: 'check', result } });
      assert.equal(r.verdict, 'PASS');
      assert.deepEqual(r.answers, [
        'safemail._domainkey.example.com | CNAME | safemailhop.example.net | 3600 | 192.0.2.53:53',
        `safemailhop.example.net | TXT | v=DKIM1; k=rsa; p=${KEY} | 1800 | 192.0.2.53:53 (udp)`,
      ]);
      assert.deepEqual(r.sections, ['Record', 'Problems and fixes', 'DNS answers']);
      assert.equal(r.status, 'Answered by 127.0.0.1:5353 (from the mailsec.dns.servers setting).');
      assert.match(await p.page.locator('.kv').innerText(), /Key size\s+2048 bits/);
      assert.deepEqual(p.errors, []);
      assert.deepEqual(await p.cspViolations(), []);
      await p.page.locator('[data-role="copy"]').click();
      await p.waitForPosted((m) => (m as { type: string }).type === 'copyMarkdown');
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        const q = await openPanel('live', { theme, state: { seq: 1, view: { state: 'done', title: 'DKIM safemail._domainkey.example.com', resolver: resolverInfo, result: { kind: 'check', result } } } });
        await q.waitForPosted((m) => (m as { type: string }).type === 'rendered');
        await q.screenshot(`live-dkim-${theme}`);
        await q.close();
      }
    } finally {
      await p.close();
    }
  });

  test('renders a hostile SPF record as text: nothing runs, controls are visible, fixes are shown', async () => {
    const p = await openPanel('live');
    try {
      await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
      const result = await checkSpf(fakeResolver({ 'example.com TXT': { answers: [txt('example.com', HOSTILE)] } }), 'example.com');
      const r = await shown(p, 7, { state: 'done', title: 'SPF example.com', resolver: resolverInfo, result: { kind: 'check', result } });
      assert.equal(r.verdict, 'FAIL');
      assert.ok(r.findings.length > 0);
      assert.ok(r.answers[0]!.includes('<script>window.__pwned=1</script>'), 'the record is shown verbatim');
      assert.ok(r.answers[0]!.includes('⟨U+202E⟩'), 'the bidi override is made visible');
      assert.equal(await p.page.evaluate('window.__pwned'), undefined);
      assert.equal(await p.page.locator('img, script:not([nonce])').count(), 0);
      assert.equal(await p.page.locator('.finding-fix').count(), r.findings.length, 'every problem has its fix');
      assert.deepEqual(await p.cspViolations(), []);
      assert.deepEqual(p.dialogs, []);
    } finally {
      await p.close();
    }
  });

  test('a mail-domain check shows one collapsible per check, open when not passing', async () => {
    const p = await openPanel('live');
    try {
      await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
      const result = await checkDomain(fakeResolver({ 'example.com TXT': { answers: [txt('example.com', 'v=spf1 -all')] }, 'example.com MX': { answers: [rr('example.com', 'MX', { preference: 0, exchange: '.' })] } }), 'example.com', { selectors: ['s1'] });
      const r = await shown(p, 2, { state: 'done', title: 'Mail domain example.com', resolver: resolverInfo, result: { kind: 'domain', result } });
      assert.equal(r.verdict, 'FAIL');
      const headings = await p.page.locator('vscode-collapsible').evaluateAll((els) => els.map((e) => `${e.getAttribute('heading')}|${e.hasAttribute('open')}`));
      assert.deepEqual(headings, ['SPF — PASS|false', 'DKIM — FAIL|true', 'DMARC — FAIL|true', 'MX — PASS|false', 'MTA-STS — PASS|false', 'TLS-RPT — PASS|false']);
      await p.screenshot('live-domain-dark');
    } finally {
      await p.close();
    }
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`${theme}: a mail-domain check no server answered shows one explanation worded for the editor (issue 15)`, async () => {
      const silent: Resolver = { servers: ['192.0.2.1:53'], query: async (name, type) => { throw new DnsError('ETIMEOUT', `192.0.2.1:53 did not answer ${name} ${type} within 2000 ms (2 attempts).`); } };
      const result = await checkDomain(silent, 'contoso.com', { discoverSelectors: ['selector1', 'selector2'] });
      const p = await openPanel('live', { theme, width: 670, height: 900 });
      try {
        await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
        const r = await shown(p, 3, { state: 'done', title: 'Mail domain contoso.com', resolver: { servers: ['192.0.2.1:53'], origin: 'the mailsec.dns.servers setting' }, result: { kind: 'domain', result } });
        await p.screenshot(`live-domain-unanswered-${theme}`);
        assert.deepEqual(r.findings, ['dns-no-answer'], 'one explanation');
        assert.equal(r.status, 'Asked 192.0.2.1:53 (from the mailsec.dns.servers setting): none answered.');
        assert.match(r.fixes[0]!, /set mailsec\.dns\.servers; to wait longer, raise mailsec\.dns\.timeout/);
        const text = await p.page.evaluate<string>('document.body.innerText');
        assert.doesNotMatch(text, /--server|--timeout|Answered by|refus|No key found/i);
        assert.equal(await p.page.locator('vscode-collapsible[open]').count(), 0, 'the stopped checks stay folded');
        assert.deepEqual(p.errors, []);
      } finally {
        await p.close();
      }
    });
  }

  test('Verify Message Authentication in the header panel\'s layout and words: the same Authentication tables (issue 15)', async () => {
    const result: VerifyResult = {
      verdict: 'warn', input: 'message', summary: 'DKIM fail (contoso.com); SPF pass (192.0.2.55); DMARC pass', from: ['alice@contoso.com'],
      dkim: [
        { domain: 'contoso.com', selector: 'selector1', algorithm: 'rsa-sha256', result: 'fail', comment: 'body hash did not verify', aligned: true, keyBits: 2048, bodyHashMatches: false },
        { domain: 'mail.example.net', selector: 's2048', algorithm: 'rsa-sha256', result: 'pass', aligned: false, keyBits: 2048 },
      ],
      spf: { result: 'pass', clientIp: '192.0.2.55', clientIpSource: 'received', domain: 'contoso.com', sender: 'alice@contoso.com', lookups: { count: 2, limit: 10, void: 0 } },
      dmarc: { result: 'pass', domain: 'contoso.com', policy: 'reject', alignment: { dkim: false, spf: 'contoso.com' } },
      authenticationResults: 'Authentication-Results: mailsec;\n dkim=fail header.d=contoso.com', findings: [], dns: [],
    };
    const headerColumns = async (): Promise<string[]> => {
      const hp = await openPanel('headerAnalysis', { theme: 'dark' });
      try {
        await hp.waitForPosted((m) => (m as { type: string }).type === 'ready');
        const text = readFileSync(join(__dirname, '../integration/fixtures/workspace/headers/phishing.eml'), 'utf8');
        await hp.send({ type: 'show', state: { analysisId: 1, view: buildHeaderView(analyzeHeaders(text, { org: { domains: [], displayNames: [], authservIds: [] } })), source: { label: 'x', uri: 'file:///x', base: 0, text, selection: null }, organization: { domains: [], displayNames: 0, authservIds: [], configFile: null, problem: null } } });
        await hp.waitForPosted((m) => (m as { type: string }).type === 'rendered');
        return await hp.page.locator('#authentication .auth-table th').allTextContents();
      } finally {
        await hp.close();
      }
    };
    const expected = await headerColumns();
    for (const theme of ['dark', 'light'] as const) {
      const p = await openPanel('live', { theme, width: 900, height: 900 });
      try {
        await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
        const r = await shown(p, 4, { state: 'done', title: 'Message signed.eml', resolver: resolverInfo, result: { kind: 'verify', file: 'signed.eml', result } });
        await p.screenshot(`live-verify-${theme}`);
        assert.deepEqual(r.sections, ['Authentication', 'Problems and fixes', 'Authentication-Results']);
        assert.deepEqual(await p.page.locator('.auth-table th').allTextContents(), expected, 'the same columns as the header panel');
        assert.deepEqual(await p.page.locator('.auth-table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((c) => (c.textContent ?? '').trim()).join(' | '))), [
          'SPF | pass | aligned with From (contoso.com)',
          'DKIM | fail | aligned with From',
          'DKIM | pass | not aligned with From',
          'DMARC | pass | ',
        ]);
        assert.equal(await p.page.locator('.pill', { hasText: 'sender validated' }).count(), 1);
        assert.equal(await p.page.locator('.dkim-table tbody tr').count(), 2);
        assert.doesNotMatch(await p.page.evaluate<string>('document.body.innerText'), /undefined/);
        assert.deepEqual(p.errors, []);
      } finally {
        await p.close();
      }
    }
  });

  test('running, cancelled and failed views, and Cancel posts a cancel request', async () => {
    const p = await openPanel('live');
    try {
      await p.waitForPosted((m) => (m as { type: string }).type === 'ready');
      const running = await shown(p, 1, { state: 'running', title: 'DMARC example.com', resolver: resolverInfo });
      assert.equal(running.verdict, undefined);
      await p.page.locator('[data-role="cancel"]').click();
      await p.waitForPosted((m) => (m as { type: string }).type === 'cancel');
      const cancelled = await shown(p, 2, { state: 'cancelled', title: 'DMARC example.com' });
      assert.deepEqual([cancelled.state, cancelled.verdict, cancelled.answers, cancelled.findings], ['cancelled', undefined, [], []]);
      assert.match(cancelled.status!, /^Cancelled\./);
      const failed = await shown(p, 3, { state: 'failed', title: 'MX example.com', message: "mailsec.dns.servers: 'dns.example' is not a DNS server address" });
      assert.match(failed.status!, /is not a DNS server address/);
    } finally {
      await p.close();
    }
  });
});

describe('live panel tables at side-panel widths (issue 15)', { skip }, () => {
  after(closeBrowser);
  for (const width of [360, 480, 670, 1400]) {
    test(`${width} px: DNS answers keep types and TTLs whole and every cell a few characters wide`, async () => {
      const result = await checkDkim(dkimResolver(), 'example.com', 'safemail');
      const p = await openPanel('live', { theme: 'dark', width, height: 900, state: { seq: 1, view: { state: 'done', title: 'DKIM safemail._domainkey.example.com', resolver: resolverInfo, result: { kind: 'check', result } } } });
      try {
        await p.waitForPosted((m) => (m as { type: string }).type === 'rendered');
        await p.screenshot(`live-dkim-${width}`);
        const cells = await p.page.evaluate<{ label: string; width: number; height: number; text: string }[]>(`[...document.querySelectorAll('table.data td > .v')].map((v) => { const r = v.getBoundingClientRect(); return { label: v.parentElement.dataset.label, width: r.width, height: r.height, text: v.textContent.trim() }; })`);
        const lineHeight = await p.page.evaluate<number>(`parseFloat(getComputedStyle(document.body).lineHeight) || 19`);
        assert.ok(cells.length >= 10);
        for (const c of cells) {
          if (c.label === 'Type' || c.label === 'TTL') assert.ok(c.height <= lineHeight * 1.6, `${width} px: ${c.label} "${c.text}" stays on one line (${c.height} px)`);
          assert.ok(c.width >= Math.min(c.text.length, 6) * 6, `${width} px: ${c.label} "${c.text.slice(0, 30)}" is ${c.width} px wide`);
        }
        assert.ok(await p.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth') <= 1, 'nothing sticks out sideways');
      } finally {
        await p.close();
      }
    });
  }
});
