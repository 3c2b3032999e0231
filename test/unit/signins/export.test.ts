import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { analyzeSignins } from '../../../src/core/signins/report';
import { csvCell, mdCell, reportToCsv, reportToMarkdown } from '../../../src/core/signins/export';
import { scenario, toPortalCsv, type FakeSignin } from './logBuilder';

void test('CSV export parses back: one row per legacy user, attack and group', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  const rows = parse(reportToCsv(r), { columns: true }) as Record<string, string>[];
  const section = (s: string) => rows.filter((x) => x['Section'] === s);
  assert.deepEqual(section('legacy-user').map((x) => [x['Subject'], x['Count'], x['Client apps']]), [['old.phone@contoso.com', '3', 'IMAP4'], ['printer@contoso.com', '3', 'Authenticated SMTP']]);
  assert.deepEqual(section('password-spray').map((x) => [x['Subject'], x['Users'], x['Details']]), [['203.0.113.66', '12', 'password accepted for: user3@contoso.com (password-accepted)']]);
  assert.deepEqual(section('brute-force').map((x) => [x['Subject'], x['Count']]), [['ceo@contoso.com', '25']]);
  assert.equal(section('failed-legacy-ip').length, r.failedLegacy.byIp.length);
  assert.equal(section('client-app').length, r.clientApps.length);
});

void test('CSV cells that a spreadsheet would run as a formula are defused', () => {
  assert.equal(csvCell('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
  assert.equal(csvCell('+cmd'), "'+cmd");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('plain, with comma'), '"plain, with comma"');
  assert.equal(csvCell(42), '42');
});

void test('hostile user agents cannot break the Markdown table or inject HTML', async () => {
  const rows: FakeSignin[] = [{ time: '2025-03-10T08:00:00Z', upn: 'a@contoso.com', clientApp: 'IMAP4', errorCode: 0, ip: '198.51.100.1', userAgent: 'x | <img src=x onerror=alert(1)>\n# heading' }];
  const md = reportToMarkdown(await analyzeSignins([toPortalCsv(rows)]));
  assert.ok(!md.includes('<img'));
  assert.ok(md.includes('x \\| &lt;img src=x onerror=alert(1)&gt; \\# heading'));
  assert.equal(mdCell('a|b\r\nc'), 'a\\|b c');
});

void test('Markdown export has the sections and the Conditional Access advice', async () => {
  const md = reportToMarkdown(await analyzeSignins([toPortalCsv(scenario())]));
  for (const h of ['# Legacy authentication sign-in report', '## Users still signing in with legacy authentication (2)', '## Password spraying', '## Brute force', '## What to do']) assert.ok(md.includes(h), h);
  assert.match(md, /\| 203\.0\.113\.66 \| 12 \| 12 \| RU \| BAV2ROPC \| user3@contoso\.com \|/);
  assert.match(md, /Conditional Access policy that blocks it/);
});
