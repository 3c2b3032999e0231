// The DMARC reports panel (webview/reports) under its real CSP in headless Chromium: what it
// renders, that hostile report values stay text, sorting, filtering, drill-down, the fix button,
// and that it reads at 360, 670 and 1,400 px in dark and light themes.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8 } from 'fflate';
import { readReports } from '../../src/core/reports/read';
import { buildView } from '../../src/core/reports/view';
import { spfLookupOf, spfRecordsInZone } from '../../src/core/reports/zoneSpf';
import type { ReportsPanelData, ReportsRendered } from '../../src/shared/reportsPanel';
import { aggregateXml } from '../unit/reports/reportBuilder';
import { browserUnavailable, closeBrowser, openPanel, type PanelPage } from './harness';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# SKIPPED browser tests: ${skip}`);

const EVIL_ORG = '<img src=x onerror="window.__pwned=1">\u202Eevil';
const EVIL_DOMAIN = '"><script>window.__pwned=2</script>.example';

async function data(): Promise<ReportsPanelData> {
  const rows = [
    { ip: '192.0.2.1', count: 900, dkim: 'pass' as const, spf: 'pass' as const, dkimAuth: [{ domain: 'contoso.com', selector: 's1', result: 'pass' }] },
    { ip: '167.89.0.10', count: 60, dkim: 'fail' as const, spf: 'fail' as const, dkimAuth: [{ domain: 'sendgrid.net', selector: 'smtpapi', result: 'pass' }], spfAuth: [{ domain: 'contoso.com', result: 'fail' }] },
    { ip: '45.10.20.30', count: 12, dkim: 'fail' as const, spf: 'fail' as const, dkimAuth: [{ domain: EVIL_DOMAIN, selector: '<b>x</b>', result: 'fail' }] },
    ...Array.from({ length: 20 }, (_, i) => ({ ip: `203.0.113.${i + 1}`, count: i + 1, dkim: 'fail' as const, spf: 'fail' as const })),
  ];
  const files = [0, 1, 2].map((d) => ({ name: `r${d}.xml`, read: async () => strToU8(aggregateXml({ org: d === 2 ? EVIL_ORG : 'google.com', id: `r${d}`, begin: 1764547200 + 86400 * d, rows })) }));
  const result = await readReports(files);
  const zone = spfRecordsInZone('$ORIGIN contoso.com.\n@ 3600 IN SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n@ TXT "v=spf1 ip4:192.0.2.0/28 -all"\n');
  const view = buildView(result, spfLookupOf(zone));
  return { title: 'DMARC reports: inbox', view, applicable: [{ domain: 'contoso.com', source: '167.89.0.10', fix: 0, file: 'zones/contoso.com.zone' }] };
}

const type = (t: string) => (m: unknown) => (m as { type: string }).type === t;

async function shown(p: PanelPage, d: ReportsPanelData): Promise<ReportsRendered> {
  await p.waitForPosted(type('ready'));
  await p.send({ type: 'view', data: d });
  return (await p.waitForPosted<{ rendered: ReportsRendered }>(type('rendered'))).rendered;
}

describe('DMARC reports panel (headless Chromium, real CSP)', { skip }, () => {
  after(closeBrowser);

  test('renders readiness, chart, affected source with its fix button; hostile values stay text', async () => {
    const p = await openPanel('reports');
    try {
      const r = await shown(p, await data());
      assert.deepEqual(r.domains, ['contoso.com']);
      assert.match(r.verdicts[0]!, /Not yet/);
      assert.deepEqual(r.affectedSources, ['167.89.0.10']);
      assert.equal(r.sourceRows, 23);
      assert.equal(r.chartDays, 3);
      assert.equal(r.fixButtons, 1);
      assert.equal(await p.page.evaluate('window.__pwned'), undefined);
      const body = await p.page.evaluate<string>('document.body.textContent');
      assert.ok(body.includes('<img src=x onerror="window.__pwned=1">⟨U+202E⟩evil'), 'the reporter name is shown as written, the bidi override made visible');
      await p.page.click('button.apply-fix, vscode-button.apply-fix');
      const fix = await p.waitForPosted<{ target: unknown }>(type('applyFix'));
      assert.deepEqual(fix.target, { domain: 'contoso.com', source: '167.89.0.10', fix: 0 });
      assert.deepEqual(p.errors, []);
      assert.deepEqual(await p.cspViolations(), []);
      assert.ok(p.requests.every((u) => u.startsWith('https://webview.mailsec.test/')), 'nothing loads from elsewhere');
    } finally {
      await p.close();
    }
  });

  test('sorting, filtering and drill-down', async () => {
    const p = await openPanel('reports');
    try {
      await shown(p, await data());
      const ips = () => p.page.evaluate<string[]>("[...document.querySelectorAll('tr.source')].map((e) => e.dataset.ip)");
      assert.equal((await ips())[0], '192.0.2.1', 'busiest first');
      await p.page.click('button.sort[data-key="ip"]');
      assert.equal((await ips())[0], '167.89.0.10', 'by address, ascending');
      // the filter is a vscode-textfield: set its value and send the input event it sends when typed in
      await p.page.evaluate("(() => { const f = document.getElementById('filter'); f.value = 'sendgrid'; f.dispatchEvent(new Event('input')); })()");
      assert.deepEqual(await ips(), ['167.89.0.10']);
      await p.page.click('tr.source[data-ip="167.89.0.10"]');
      const details = await p.page.evaluate<string>("document.querySelector('.details').textContent");
      assert.match(details, /sendgrid\.net \(s=smtpapi\): 180 pass, 0 fail/);
      assert.match(details, /Reported by/);
    } finally {
      await p.close();
    }
  });

  for (const width of [360, 670, 1400]) {
    for (const theme of ['dark', 'light'] as const) {
      test(`reads at ${width} px (${theme}): no cell narrower than a few characters, no row taller than a few lines`, async () => {
        const p = await openPanel('reports', { theme, width, height: 1600 });
        try {
          await shown(p, await data());
          const cells = await p.page.evaluate<{ w: number; h: number; text: string }[]>(
            "[...document.querySelectorAll('tr.source td')].map((c) => { const r = c.getBoundingClientRect(); return { w: r.width, h: r.height, text: c.textContent }; })",
          );
          const charWidth = await p.page.evaluate<number>("(() => { const s = document.createElement('span'); s.textContent = 'mmmmmmmmmm'; document.body.appendChild(s); const w = s.getBoundingClientRect().width / 10; s.remove(); return w; })()");
          const lineHeight = await p.page.evaluate<number>("parseFloat(getComputedStyle(document.body).lineHeight) || 18");
          for (const c of cells) {
            assert.ok(c.w >= 4 * charWidth, `cell "${c.text}" is ${c.w.toFixed(0)} px wide at ${width} px`);
            assert.ok(c.h <= 4 * lineHeight, `cell "${c.text}" is ${c.h.toFixed(0)} px tall at ${width} px`);
          }
          const overflow = await p.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
          assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px at ${width} px`);
          await p.screenshot(`reports-${width}-${theme}`);
        } finally {
          await p.close();
        }
      });
    }
  }
});
