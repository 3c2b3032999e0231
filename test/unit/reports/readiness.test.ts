import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8 } from 'fflate';
import { readReports } from '../../../src/core/reports/read';
import { readiness } from '../../../src/core/reports/readiness';
import { parsedmarcRow } from '../../../src/core/reports/ndjson';
import { readAggregateXml } from '../../../src/core/reports/aggregateXml';
import { spfLookupOf, spfRecordEdit, spfRecordsInZone } from '../../../src/core/reports/zoneSpf';
import { applyEdits } from '../../../src/core/text/edits';
import { lintZone } from '../../../src/core/zone/lint';
import { aggregateXml, type Row } from './reportBuilder';

const zone = `$ORIGIN contoso.com.
$TTL 3600
@ SOA ns1 hostmaster 1 7200 3600 1209600 3600
@ NS ns1
ns1 A 192.0.2.53
@ TXT "v=spf1 include:_spf.google.com ip4:192.0.2.0/28 -all"
`;

const rows: Row[] = [
  // Your own mail server, aligned: passes
  { ip: '192.0.2.1', count: 900, dkim: 'pass', spf: 'pass', dkimAuth: [{ domain: 'contoso.com', selector: 's1', result: 'pass' }] },
  // Forwarded: DKIM aligned passes, SPF fails at the forwarder
  { ip: '203.0.113.7', count: 40, dkim: 'pass', spf: 'fail', dkimAuth: [{ domain: 'contoso.com', selector: 's1', result: 'pass' }], spfAuth: [{ domain: 'contoso.com', result: 'fail' }] },
  // SendGrid sending as contoso.com, SPF checked against contoso.com (fails), DKIM by sendgrid.net (not aligned)
  { ip: '167.89.0.10', count: 50, dkim: 'fail', spf: 'fail', dkimAuth: [{ domain: 'sendgrid.net', selector: 'smtpapi', result: 'pass' }], spfAuth: [{ domain: 'contoso.com', result: 'fail' }] },
  // A list that broke the signature: the receiver overrode as mailing_list
  { ip: '198.51.100.77', count: 5, dkim: 'fail', spf: 'fail', override: 'mailing_list', dkimAuth: [{ domain: 'contoso.com', result: 'fail' }] },
  // Spoofing: unknown, nothing passes
  { ip: '45.10.20.30', count: 5, dkim: 'fail', spf: 'fail', spfAuth: [{ domain: 'contoso.com', result: 'fail' }] },
];

async function analyse(extra: Row[] = [], legitimate?: (ip: string) => boolean) {
  const r = await readReports([{ name: 'r.xml', read: async () => strToU8(aggregateXml({ rows: [...rows, ...extra] })) }], { legitimate });
  return r.aggregate.summaries()[0]!;
}

void test('sources are classified: aligned, forwarded, a known service not aligned, mailing-list override, spoofing', async () => {
  const d = await analyse();
  const cat = Object.fromEntries(d.sources.map((s) => [s.ip, s.category]));
  assert.deepEqual(cat, { '192.0.2.1': 'aligned', '203.0.113.7': 'forwarded', '167.89.0.10': 'service-unaligned', '198.51.100.77': 'forwarded', '45.10.20.30': 'suspicious' });
  assert.equal(d.sources.find((s) => s.ip === '167.89.0.10')!.service, 'SendGrid');
  assert.equal(d.messages, 1000);
  assert.equal(d.dmarcPass, 940);
});

void test('readiness: p=quarantine would hit SendGrid (50 messages, 5%); the fix is its SPF include, checked against the lookup limit on the zone record, and DKIM', async () => {
  const d = await analyse();
  const spfOf = spfLookupOf(spfRecordsInZone(zone));
  const r = readiness(d, spfOf);
  assert.equal(r.ready, false);
  assert.deepEqual(r.next, { p: 'quarantine', pct: 100 });
  assert.equal(r.affectedMessages, 50);
  assert.equal(r.affectedShare, 0.05);
  assert.equal(r.forwardedFailing, 5);
  assert.equal(r.spoofedMessages, 5);
  assert.match(r.summary, /1 legitimate source\(s\) would be affected: 50 message\(s\), 5\.0%/);
  const [spf, dkim] = r.affected[0]!.fixes;
  assert.deepEqual(spf, { kind: 'spf', name: 'contoso.com', term: 'include:sendgrid.net', before: 'v=spf1 include:_spf.google.com ip4:192.0.2.0/28 -all', after: 'v=spf1 include:_spf.google.com ip4:192.0.2.0/28 include:sendgrid.net -all', lookupsAfter: 5, lookupsAtLeast: false, overLimit: false });
  assert.equal(dkim!.kind, 'dkim');
});

void test('the lookup limit is checked after the change: a record already at 10 goes over', async () => {
  const full = zone.replace('include:_spf.google.com', Array.from({ length: 10 }, (_, i) => `include:s${i}.example.net`).join(' '));
  const r = readiness(await analyse(), spfLookupOf(spfRecordsInZone(full)));
  const spf = r.affected[0]!.fixes[0]!;
  assert.equal(spf.kind, 'spf');
  assert.equal(spf.kind === 'spf' && spf.overLimit, true);
  assert.equal(spf.kind === 'spf' && spf.lookupsAfter, 11);
});

void test('a declared source of yours gets an ip4:/ip6: fix; once everything legitimate passes, the domain is ready and the next step after quarantine is reject', async () => {
  const own = '192.0.2.200';
  const d = await analyse([{ ip: own, count: 10, dkim: 'fail', spf: 'fail' }], (ip) => ip === own);
  const r = readiness(d);
  const mine = r.affected.find((a) => a.source.ip === own)!;
  assert.equal(mine.source.category, 'declared-unaligned');
  assert.deepEqual(mine.fixes.map((f) => f.kind === 'spf' && f.term), ['ip4:192.0.2.200']);

  const clean = await readReports([{ name: 'q.xml', read: async () => strToU8(aggregateXml({ p: 'quarantine', rows: [rows[0]!, rows[1]!, rows[4]!] })) }]);
  const q = readiness(clean.aggregate.summaries()[0]!);
  assert.equal(q.ready, true);
  assert.deepEqual(q.next, { p: 'reject', pct: 100 });
  const half = await readReports([{ name: 'h.xml', read: async () => strToU8(aggregateXml({ p: 'quarantine', pct: 50, rows: [rows[0]!] })) }]);
  assert.deepEqual(readiness(half.aggregate.summaries()[0]!).next, { p: 'quarantine', pct: 100 });
});

void test('--domain and --since filter reports; the newest report\'s policy is the one shown', async () => {
  const older = aggregateXml({ id: 'old', p: 'none', begin: 1764547200, rows: [rows[0]!] });
  const newer = aggregateXml({ id: 'new', p: 'quarantine', begin: 1764633600, rows: [rows[0]!] });
  const other = aggregateXml({ id: 'x', domain: 'fabrikam.com', rows: [rows[0]!] });
  const all = await readReports([newer, older, other].map((x, i) => ({ name: `${i}.xml`, read: async () => strToU8(x) })));
  assert.equal(all.aggregate.summaries().find((d) => d.domain === 'contoso.com')!.policy.p, 'quarantine');
  const some = await readReports([newer, older, other].map((x, i) => ({ name: `${i}.xml`, read: async () => strToU8(x) })), { domain: 'contoso.com', since: 1764633600 });
  assert.equal(some.aggregate.aggregateReports, 1);
  assert.equal(some.aggregate.filtered, 2);
});

void test('NDJSON rows use parsedmarc\'s aggregate field names', () => {
  const { head, records } = readAggregateXml(aggregateXml({ rows: [rows[2]!] }));
  const row = parsedmarcRow(head, records[0]!);
  for (const k of ['org_name', 'org_email', 'report_id', 'begin_date', 'end_date', 'published_policy', 'source_ip_address', 'message_count', 'disposition', 'spf_aligned', 'dkim_aligned', 'passed_dmarc', 'header_from', 'envelope_from', 'dkim_results', 'spf_results']) assert.ok(k in row, k);
  assert.equal(row.message_count, 50);
  assert.equal(row.passed_dmarc, false);
  assert.deepEqual(row.dkim_results, [{ domain: 'sendgrid.net', selector: 'smtpapi', result: 'pass' }]);
  assert.equal(row.begin_date, '2025-12-01 00:00:00');
});

void test('the SPF fix edits the zone record in place: the new value parses back, parentheses kept, the zone still lints clean', async () => {
  const split = zone.replace('@ TXT "v=spf1 include:_spf.google.com ip4:192.0.2.0/28 -all"', '@ TXT ( "v=spf1 include:_spf.google.com"\n         " ip4:192.0.2.0/28 -all" )');
  const rec = spfRecordsInZone(split)[0]!;
  assert.equal(rec.value, 'v=spf1 include:_spf.google.com ip4:192.0.2.0/28 -all');
  const fix = readiness(await analyse(), spfLookupOf([rec])).affected[0]!.fixes[0]!;
  assert.equal(fix.kind, 'spf');
  const after = applyEdits(split, [spfRecordEdit(rec, (fix as { after: string }).after)]);
  assert.match(after, /@ TXT \( "v=spf1 include:_spf.google.com ip4:192.0.2.0\/28 include:sendgrid.net -all" \)/);
  assert.equal(spfRecordsInZone(after)[0]!.value, 'v=spf1 include:_spf.google.com ip4:192.0.2.0/28 include:sendgrid.net -all');
  assert.deepEqual(lintZone(after).findings.filter((f) => f.severity === 'error'), []);
});
