import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSignins, reportSeverity } from '../../../src/core/signins/report';
import { classifyClientApp } from '../../../src/core/signins/clientApps';
import { scriptedAgentKind } from '../../../src/core/signins/userAgents';
import { minutesAfter, scenario, toGraphJson, toLogAnalyticsCsv, toPortalCsv, type FakeSignin } from './logBuilder';

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

void test('client apps: Browser and Mobile Apps and Desktop clients are modern, every other value is legacy', () => {
  assert.equal(classifyClientApp('Browser').category, 'modern');
  assert.equal(classifyClientApp('mobile apps and desktop clients').category, 'modern');
  for (const v of ['Exchange ActiveSync', 'IMAP4', 'POP3', 'Authenticated SMTP', 'Exchange Web Services', 'MAPI Over HTTP', 'Outlook Anywhere (RPC over HTTP)', 'Offline Address Book', 'Exchange Online PowerShell', 'AutoDiscover', 'Reporting Web Services', 'Universal Outlook', 'Other clients']) {
    const c = classifyClientApp(v);
    assert.deepEqual([c.category, c.recognised], ['legacy', true], v);
  }
  assert.deepEqual(classifyClientApp('Exchange  activesync'), { name: 'Exchange ActiveSync', category: 'legacy', recognised: true });
  assert.deepEqual(classifyClientApp('Quantum Mail 3000'), { name: 'Quantum Mail 3000', category: 'legacy', recognised: false });
  assert.equal(classifyClientApp('').category, 'none');
});

void test('scripted user agents', () => {
  assert.equal(scriptedAgentKind('python-requests/2.31.0'), 'python-requests');
  assert.equal(scriptedAgentKind('curl/8.4.0'), 'curl');
  assert.equal(scriptedAgentKind('Go-http-client/1.1'), 'Go-http-client');
  assert.equal(scriptedAgentKind('BAV2ROPC'), 'BAV2ROPC');
  assert.equal(scriptedAgentKind(''), 'empty');
  assert.equal(scriptedAgentKind('Mozilla/5.0 (Windows NT 10.0; Win64; x64) WindowsPowerShell/5.1.19041'), 'PowerShell');
  assert.equal(scriptedAgentKind('Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126)'), undefined);
});

void test('the scenario gives the same report from the admin-center CSV, a Graph page and a Log Analytics CSV', async () => {
  const rows = scenario();
  const reports = await Promise.all([toPortalCsv(rows), toGraphJson(rows), toLogAnalyticsCsv(rows)].map((t) => analyzeSignins([t])));
  const strip = (r: (typeof reports)[number]) => ({ ...r, source: undefined, totals: { ...r.totals, interactive: 0 } });
  assert.deepEqual(strip(reports[1]!), strip(reports[0]!));
  assert.deepEqual(strip(reports[2]!), strip(reports[0]!));
});

void test('users who still sign in successfully with legacy authentication, by client app and user agent', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  assert.equal(r.legacyUserCount, 2);
  assert.deepEqual(
    r.legacyUsers.map((u) => [u.user, u.displayName, u.signIns, u.first, u.last, u.clientApps, u.userAgents]),
    [
      ['old.phone@contoso.com', 'old.phone', 3, '2025-03-10T08:09:00.000Z', '2025-03-12T08:09:00.000Z', [{ value: 'IMAP4', count: 3 }], [{ value: 'iOS/12.5 (16H62) dataaccessd/1.0', count: 3 }]],
      ['printer@contoso.com', 'Scan, to mail', 3, '2025-03-10T08:05:00.000Z', '2025-03-12T08:05:00.000Z', [{ value: 'Authenticated SMTP', count: 3 }], [{ value: '', count: 3 }]],
    ],
  );
  // the brute-forced CEO never got in, so is not a legacy user
  assert.ok(!r.legacyUsers.some((u) => u.user === 'ceo@contoso.com'));
  assert.ok(codes(r).includes('signin-legacy-success'));
  assert.equal(reportSeverity(r), 2);
});

void test('password spraying: one address against many users, and the user whose password it got', async () => {
  const r = await analyzeSignins([toGraphJson(scenario())]);
  assert.equal(r.passwordSpray.length, 1);
  const s = r.passwordSpray[0]!;
  assert.deepEqual([s.ip, s.users, s.attempts, s.countries, s.userAgents, s.clientApps], ['203.0.113.66', 12, 12, ['RU'], ['BAV2ROPC'], ['Other clients']]);
  assert.deepEqual(s.passwordAccepted, [{ user: 'user3@contoso.com', how: 'password-accepted' }]);
  const accepted = r.findings.find((f) => f.code === 'signin-attack-password-accepted' && f.data!.ip === '203.0.113.66')!;
  assert.match(accepted.message, /user3@contoso\.com/);
  assert.equal(accepted.severity, 'error');
});

void test('the spray threshold is configurable', async () => {
  const text = toGraphJson(scenario());
  assert.equal((await analyzeSignins([text], { thresholds: { sprayMinUsers: 13 } })).passwordSpray.length, 0);
  assert.equal((await analyzeSignins([text], { thresholds: { sprayMinUsers: 12 } })).passwordSpray.length, 1);
  await assert.rejects(analyzeSignins([text], { thresholds: { sprayMinUsers: 0 } }), /sprayMinUsers must be a whole number/);
});

void test('brute force: failures against one user inside the window, with the busiest window reported', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  assert.equal(r.bruteForce.length, 1);
  const b = r.bruteForce[0]!;
  assert.deepEqual([b.user, b.failures, b.totalFailures, b.windowStart, b.ips], ['ceo@contoso.com', 25, 25, '2025-03-10T18:00:00.000Z', ['192.0.2.8', '192.0.2.7']]);
  assert.deepEqual(b.passwordAccepted, []);
  assert.deepEqual([b.rules, b.dailyFailures, b.day], [['burst', 'daily'], 25, '2025-03-10']);
  // the same 25 failures spread over 25 hours are not brute force by the hour (the daily rule is another test)
  const spread = scenario().map((row, i) => (row.upn === 'ceo@contoso.com' ? { ...row, time: minutesAfter('2025-03-10T00:00:00Z', i * 61) } : row));
  const noDaily = { bruteForceDailyMinFailures: 100 };
  assert.equal((await analyzeSignins([toPortalCsv(spread)], { thresholds: noDaily })).bruteForce.length, 0);
  assert.equal((await analyzeSignins([toPortalCsv(spread)], { thresholds: { ...noDaily, bruteForceWindowMinutes: 24 * 60 } })).bruteForce.length, 1);
  assert.equal((await analyzeSignins([toPortalCsv(scenario())], { thresholds: { ...noDaily, bruteForceMinFailures: 26 } })).bruteForce.length, 0);
});

void test('low and slow: 10 or more failures against one account in a day, whatever the spacing (issue 14)', async () => {
  // 30 failures from one address over five hours: never 20 within an hour
  const rows = scenario().filter((r) => r.upn !== 'ceo@contoso.com');
  for (let i = 0; i < 30; i++) rows.push({ time: minutesAfter('2025-03-11T09:00:00Z', i * 10), upn: 'cfo@contoso.com', clientApp: 'IMAP4', errorCode: 50126, ip: '192.0.2.50', country: 'CN', userAgent: 'python-requests/2.31.0' });
  // 9 failures a day for three days stays under the daily threshold
  for (let d = 0; d < 3; d++) for (let i = 0; i < 9; i++) rows.push({ time: minutesAfter('2025-03-10T01:00:00Z', d * 1440 + i * 30), upn: 'forgetful@contoso.com', clientApp: 'Browser', errorCode: 50126, ip: '198.51.100.10', country: 'FR' });
  const r = await analyzeSignins([toPortalCsv(rows)]);
  assert.deepEqual(r.bruteForce.map((b) => [b.user, b.rules, b.failures, b.dailyFailures, b.day]), [['cfo@contoso.com', ['daily'], 6, 30, '2025-03-11']]);
  const f = r.findings.find((x) => x.code === 'signin-brute-force')!;
  assert.match(f.message, /cfo@contoso\.com had 30 failed sign-ins on 2025-03-11 \(UTC\) from 192\.0\.2\.50, spread out \(at most 6 within 60 minutes\): low-and-slow brute force/);
  // the threshold is an option; the fast-burst rule still works on its own
  assert.equal((await analyzeSignins([toPortalCsv(rows)], { thresholds: { bruteForceDailyMinFailures: 31 } })).bruteForce.length, 0);
  assert.equal((await analyzeSignins([toPortalCsv(rows)], { thresholds: { bruteForceDailyMinFailures: 9 } })).bruteForce.length, 2);
});

void test('interrupted sign-ins (50074, 50140 …) are counted apart, never as failures (issue 14)', async () => {
  const rows = scenario().filter((r) => r.upn !== 'ceo@contoso.com');
  for (let i = 0; i < 12; i++) rows.push({ time: minutesAfter('2025-03-11T09:00:00Z', i), upn: 'busy@contoso.com', clientApp: 'Browser', errorCode: i % 2 ? 50074 : 50140, ip: '198.51.100.10', country: 'FR' });
  const base = await analyzeSignins([toPortalCsv(scenario().filter((r) => r.upn !== 'ceo@contoso.com'))]);
  const r = await analyzeSignins([toPortalCsv(rows)]);
  assert.equal(r.totals.interrupted, base.totals.interrupted + 12);
  assert.equal(r.totals.failure, base.totals.failure, 'no interruption counts as a failure');
  assert.equal(r.bruteForce.length, 0);
  const browser = r.clientApps.find((c) => c.clientApp === 'Browser')!;
  assert.equal(browser.failure, base.clientApps.find((c) => c.clientApp === 'Browser')!.failure);
  assert.equal(r.perDay.filter((d) => d.day === '2025-03-11' && d.clientApp === 'Browser').reduce((n, d) => n + d.other, 0), 12);
});

void test('brute force that ends in a successful sign-in from the guessing address is flagged', async () => {
  const rows = scenario();
  rows.push({ time: '2025-03-10T19:00:00Z', upn: 'ceo@contoso.com', clientApp: 'IMAP4', errorCode: 0, ip: '192.0.2.7', country: 'CN', userAgent: 'python-requests/2.31.0' });
  const r = await analyzeSignins([toPortalCsv(rows)]);
  assert.deepEqual(r.bruteForce[0]!.passwordAccepted, [{ ip: '192.0.2.7', how: 'success' }]);
  assert.ok(r.findings.some((f) => f.code === 'signin-attack-password-accepted' && f.data!.user === 'ceo@contoso.com'));
  assert.ok(r.legacyUsers.some((u) => u.user === 'ceo@contoso.com'));
});

void test('MFA interruptions from the office address are not password spraying', async () => {
  const rows: FakeSignin[] = [];
  for (let i = 0; i < 30; i++) {
    rows.push({ time: minutesAfter('2025-03-10T08:00:00Z', i), upn: `u${i}@contoso.com`, clientApp: 'Browser', errorCode: 50074, ip: '198.51.100.10', userAgent: 'Mozilla/5.0' });
    rows.push({ time: minutesAfter('2025-03-10T08:00:30Z', i), upn: `u${i}@contoso.com`, clientApp: 'Browser', errorCode: 0, ip: '198.51.100.10', userAgent: 'Mozilla/5.0' });
  }
  const r = await analyzeSignins([toGraphJson(rows)]);
  assert.deepEqual(r.passwordSpray, []);
  assert.equal(reportSeverity(r), 0);
  assert.ok(codes(r).includes('signin-no-legacy-success'));
});

void test('failed legacy attempts grouped by address, country and user agent', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  assert.deepEqual(r.failedLegacy.byIp.map((g) => [g.ip, g.attempts, g.users]), [['203.0.113.66', 13, 12], ['192.0.2.7', 12, 1], ['192.0.2.8', 13, 1]].sort((a, b) => (b[1] as number) - (a[1] as number) || (a[0]! < b[0]! ? -1 : 1)));
  assert.deepEqual(r.failedLegacy.byCountry.map((g) => [g.key, g.attempts, g.users, g.ips]), [['CN', 25, 1, 2], ['RU', 13, 12, 1]]);
  assert.deepEqual(r.failedLegacy.byUserAgent.map((g) => [g.key, g.attempts]), [['python-requests/2.31.0', 25], ['BAV2ROPC', 13]]);
});

void test('per-day counts by client app, error codes explained, scripted agents found', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  const imap = r.perDay.filter((d) => d.clientApp === 'IMAP4');
  assert.deepEqual(imap.map((d) => [d.day, d.success, d.failure]), [['2025-03-10', 1, 25], ['2025-03-11', 1, 0], ['2025-03-12', 1, 0]]);
  assert.deepEqual(r.errorCodes.map((e) => [e.code, e.count, e.legacyCount]), [[50126, 32, 32], [50053, 5, 5], [53003, 1, 1]]);
  assert.match(r.errorCodes.find((e) => e.code === 53003)!.meaning!, /Conditional Access/);
  assert.deepEqual(r.scriptedUserAgents.map((a) => [a.userAgent, a.kind, a.signIns]), [['python-requests/2.31.0', 'python-requests', 25], ['BAV2ROPC', 'BAV2ROPC', 13], ['', 'empty', 3]]);
});

void test('unknown client apps are shown and counted as legacy; the report points at Conditional Access', async () => {
  const rows: FakeSignin[] = [{ time: '2025-03-10T08:00:00Z', upn: 'a@contoso.com', clientApp: 'Quantum Mail 3000', errorCode: 0, ip: '198.51.100.1', userAgent: 'QM' }];
  const r = await analyzeSignins([toPortalCsv(rows)]);
  assert.deepEqual(r.clientApps.map((c) => [c.clientApp, c.category, c.recognised]), [['Quantum Mail 3000', 'legacy', false]]);
  assert.equal(r.legacyUserCount, 1);
  assert.ok(codes(r).includes('signin-unrecognised-client-app'));
  assert.match(r.recommendations[0]!, /Conditional Access policy that blocks it/);
  assert.equal(reportSeverity(r), 1);
});

void test('without a client app column the report says legacy cannot be told apart', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario(), { columns: ['Date (UTC)', 'Username', 'Sign-in error code', 'IP address'] })]);
  assert.equal(r.totals.noClientApp, r.totals.signIns);
  const missing = r.findings.find((f) => f.code === 'signin-missing-field' && f.data!.field === 'clientApp')!;
  assert.equal(missing.severity, 'warning');
  assert.ok(!codes(r).includes('signin-no-legacy-success'));
  // spraying is still found from the addresses
  assert.equal(r.passwordSpray.length, 1);
});

void test('the report survives JSON round-trip unchanged (a webview can take it as is)', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

void test('a PowerShell Export-Csv with type names for Status gives unknown outcomes, said plainly', async () => {
  const text = '"CreatedDateTime","UserPrincipalName","ClientAppUsed","IPAddress","Status"\r\n"3/10/2025 8:00:00 AM","a@contoso.com","IMAP4","198.51.100.1","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus"\r\n';
  const r = await analyzeSignins([text]);
  assert.equal(r.totals.unknown, 1);
  assert.equal(r.legacyUserCount, 0);
  const f = r.findings.find((x) => x.code === 'signin-unknown-outcome')!;
  assert.match(f.message, /^1 sign-in has no readable result/);
});

void test('memory stays bounded on a shared address: 300 users signing in from one NAT address, the brute-forcing address still found', async () => {
  const t0 = '2025-03-10T08:00:00Z';
  const rows: FakeSignin[] = [];
  for (let i = 0; i < 300; i++) rows.push({ time: minutesAfter(t0, i), upn: `u${i}@contoso.com`, clientApp: 'Browser', errorCode: 0, ip: '198.51.100.1', userAgent: 'Mozilla/5.0' });
  for (let i = 0; i < 21; i++) rows.push({ time: minutesAfter(t0, 400 + i), upn: 'u299@contoso.com', clientApp: 'IMAP4', errorCode: 50126, ip: '192.0.2.99', userAgent: 'python-requests/2.31.0' });
  rows.push({ time: minutesAfter(t0, 430), upn: 'u299@contoso.com', clientApp: 'IMAP4', errorCode: 0, ip: '192.0.2.99', userAgent: 'python-requests/2.31.0' });
  const r = await analyzeSignins([toPortalCsv(rows)]);
  assert.deepEqual(r.bruteForce.map((b) => [b.user, b.passwordAccepted]), [['u299@contoso.com', [{ ip: '192.0.2.99', how: 'success' }]]]);
});
