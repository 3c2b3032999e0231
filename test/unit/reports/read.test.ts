import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { readAggregateXml } from '../../../src/core/reports/aggregateXml';
import { readReports, type ReportSource } from '../../../src/core/reports/read';
import { readTlsRpt } from '../../../src/core/reports/tlsRpt';
import type { ReportLimits } from '../../../src/core/reports/types';
import { aggregateXml } from './reportBuilder';

const samples = join(__dirname, 'fixtures/parsedmarc');
const sample = (name: string) => new Uint8Array(readFileSync(join(samples, name)));
const src = (name: string, bytes: Uint8Array | string): ReportSource => ({ name, read: async () => (typeof bytes === 'string' ? strToU8(bytes) : bytes) });

/** An independent count: the <count> values of a report's XML, summed with a regular expression. */
function xmlCountSum(xml: string): number {
  return [...xml.matchAll(/<count>\s*(\d+)\s*<\/count>/g)].reduce((n, m) => n + Number(m[1]), 0);
}

void test('real reports from Google, Microsoft (Outlook.com), Fastmail, Mimecast and others are read; totals match an independent count', async () => {
  for (const f of readdirSync(samples).filter((n) => n.endsWith('.xml') && !n.startsWith('invalid'))) {
    const xml = readFileSync(join(samples, f), 'latin1');
    const r = await readReports([src(f, sample(f))]);
    assert.deepEqual(r.problems, [], f);
    const total = r.aggregate.summaries().reduce((n, d) => n + d.messages, 0);
    assert.equal(total, xmlCountSum(xml), `${f}: messages`);
  }
});

void test('Outlook.com (RFC 7489) report: head and rows', () => {
  const { head, records } = readAggregateXml(readFileSync(join(samples, 'outlook.com.xml'), 'utf8'));
  assert.equal(head.schema, 'rfc7489');
  assert.equal(head.metadata.orgName, 'Outlook.com');
  assert.equal(head.metadata.reportId, 'cfeafefe4129445e8c81018bd9177197');
  assert.equal(head.policy.domain, 'example.com');
  assert.equal(head.policy.p, 'none');
  assert.equal(records.length, 1);
  assert.deepEqual(records[0]!.spfResults, [{ domain: 'example.com', scope: 'mfrom', result: 'fail' }]);
  assert.equal(records[0]!.envelopeTo, 'hotmail.com');
});

void test('RFC 9990 report: namespace, np, testing, discovery_method, generator', () => {
  const { head, records } = readAggregateXml(aggregateXml({ rfc9990: true, rows: [{ ip: '192.0.2.1', count: 3, dkim: 'pass', spf: 'fail', dkimAuth: [{ domain: 'contoso.com', selector: 's1', result: 'pass' }] }] }));
  assert.equal(head.schema, 'rfc9990');
  assert.equal(head.policy.np, 'reject');
  assert.equal(head.policy.testing, 'n');
  assert.equal(head.policy.discoveryMethod, 'treewalk');
  assert.equal(head.metadata.generator, 'test 1.0');
  assert.equal(records[0]!.dkimResults[0]!.selector, 's1');
  const sample9990 = readAggregateXml(readFileSync(join(samples, 'rfc9990-sample.xml'), 'utf8'));
  assert.equal(sample9990.head.schema, 'rfc9990');
});

void test('gzip, zip with several reports, .eml (Google, Mimecast) and .mbox are unwrapped', async () => {
  const a = aggregateXml({ id: 'a', rows: [{ ip: '192.0.2.1', count: 2, dkim: 'pass', spf: 'pass' }] });
  const b = aggregateXml({ id: 'b', org: 'Yahoo', rows: [{ ip: '192.0.2.2', count: 5, dkim: 'fail', spf: 'fail' }] });
  const zip = zipSync({ 'a.xml': strToU8(a), 'b.xml.gz': gzipSync(b), 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
  const r = await readReports([src('two.zip', zip)]);
  assert.deepEqual(r.problems, []);
  assert.equal(r.aggregate.aggregateReports, 2);
  assert.equal(r.aggregate.summaries()[0]!.messages, 7);
  assert.equal(r.skipped.length, 1, 'the PNG inside the archive is skipped, not an error');

  const eml = await readReports([src('google.com.eml', sample('google.com.eml')), src('mimecast.eml', sample('mimecast-weird-gzip.eml')), src('fastmail.xml.gz', sample('fastmail.com.xml.gz')), src('infonacot.zip', sample('infonacot.gob.mx.xml.zip'))]);
  assert.deepEqual(eml.problems, []);
  assert.equal(eml.aggregate.aggregateReports, 4);
  assert.deepEqual(eml.aggregate.summaries().map((d) => d.domain).sort(), ['ab.id.au', 'borschow.com', 'example.com', 'indemed.com']);

  const message = (id: string, xml: string) => `From: dmarc@example.net\r\nTo: rua@contoso.com\r\nSubject: Report ${id}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nreport\r\n--b\r\nContent-Type: application/gzip\r\nContent-Disposition: attachment; filename="${id}.xml.gz"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(gzipSync(xml)).toString('base64')}\r\n--b--\r\n`;
  const mbox = `From dmarc@example.net Mon Dec  1 00:00:00 2025\n${message('m1', aggregateXml({ id: 'm1', rows: [{ ip: '192.0.2.9', count: 4, dkim: 'pass', spf: 'pass' }] }))}\nFrom dmarc@example.net Tue Dec  2 00:00:00 2025\n${message('m2', aggregateXml({ id: 'm2', rows: [{ ip: '192.0.2.9', count: 6, dkim: 'pass', spf: 'pass' }] }))}`;
  const m = await readReports([src('reports.mbox', mbox)]);
  assert.deepEqual(m.problems, []);
  assert.equal(m.aggregate.aggregateReports, 2);
  assert.equal(m.aggregate.summaries()[0]!.messages, 10);
});

void test('the same report twice (same reporter and id) is counted once', async () => {
  const xml = aggregateXml({ id: 'dup', rows: [{ ip: '192.0.2.1', count: 10, dkim: 'pass', spf: 'pass' }] });
  const r = await readReports([src('a.xml', xml), src('copy.xml', xml), src('copy.xml.gz', gzipSync(xml))]);
  assert.equal(r.aggregate.duplicates, 2);
  assert.equal(r.aggregate.summaries()[0]!.messages, 10);
});

void test('TLS-RPT (RFC 8460) JSON, plain and in a Google message: failures by type per MX', async () => {
  const rfc = readTlsRpt(readFileSync(join(samples, 'rfc8460.json'), 'utf8'));
  assert.equal(rfc.policies[0]!.policyType, 'sts');
  const r = await readReports([src('rfc8460.json', sample('rfc8460.json')), src('google-tls.eml', sample('google.com_smtp_tls_report.eml'))]);
  assert.deepEqual(r.problems, []);
  assert.equal(r.tls.reports, 2);
  const company = r.tls.summaries().find((d) => d.domain === 'company-y.example')!;
  assert.equal(company.failedSessions, 303);
  assert.deepEqual(company.byMx[0], { mx: 'mx2.mail.company-y.example', failedSessions: 200, failures: { 'starttls-not-supported': 200 } });
});

const small: ReportLimits = { maxReportBytes: 1024 * 1024, maxContainerBytes: 1024 * 1024, maxArchiveFiles: 5, maxRecords: 1000 };

void test('hostile input: XXE, entity bombs, zip and gzip bombs, too many files, too deep, too many records — each a clear error, the other files still read', async () => {
  const good = src('good.xml', aggregateXml({ id: 'ok', rows: [{ ip: '192.0.2.1', count: 1, dkim: 'pass', spf: 'pass' }] }));
  const xxe = `<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY x SYSTEM "file:///etc/passwd">]><feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>`;
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><feedback><report_metadata><org_name>&lol2;</org_name></report_metadata></feedback>`;
  const undeclared = `<feedback><report_metadata><org_name>&ext;</org_name></report_metadata></feedback>`;
  const zeros = new Uint8Array(8 * 1024 * 1024);
  const zipBomb = zipSync({ 'report.xml': zeros });
  const gzBomb = gzipSync(zeros);
  const many = zipSync(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`r${i}.xml`, strToU8('<feedback/>')])));
  let nested: Uint8Array = strToU8(aggregateXml({ id: 'deep', rows: [] }));
  for (let i = 0; i < 6; i++) nested = gzipSync(nested);
  const rows = aggregateXml({ id: 'rows', rows: Array.from({ length: 1001 }, (_, i) => ({ ip: `192.0.2.${i % 250}`, count: 1, dkim: 'pass' as const, spf: 'pass' as const })) });
  const t0 = Date.now();
  const r = await readReports([src('xxe.xml', xxe), src('laughs.xml', laughs), src('undeclared.xml', undeclared), src('bomb.zip', zipBomb), src('bomb.gz', gzBomb), src('many.zip', many), src('nested.gz', nested), src('rows.xml', rows), good], { limits: small });
  assert.ok(Date.now() - t0 < 5000);
  const why = Object.fromEntries(r.problems.map((p) => [p.name.split('/')[0], p.message]));
  assert.match(why['xxe.xml']!, /DOCTYPE/);
  assert.match(why['laughs.xml']!, /DOCTYPE/);
  assert.match(why['undeclared.xml']!, /not well-formed/);
  assert.match(why['bomb.zip']!, /compression bomb/);
  assert.match(why['bomb.gz']!, /compression bomb/);
  assert.match(why['many.zip']!, /more than 5 files/);
  assert.match(why['nested.gz']!, /wrapped more than/);
  assert.match(why['rows.xml']!, /more than 1000 records/);
  assert.equal(r.aggregate.aggregateReports, 1, 'the good report is still read');
});

void test('damaged input is named, never thrown: bad XML, not a report, empty file, truncated gzip', async () => {
  const r = await readReports([src('invalid.xml', sample('invalid_xml.xml')), src('notes.txt', 'hello'), src('empty.xml', ''), src('cut.gz', gzipSync(aggregateXml({ rows: [] })).subarray(0, 30))]);
  assert.deepEqual(r.problems.map((p) => p.name), ['invalid.xml', 'notes.txt', 'empty.xml', 'cut.gz']);
  assert.match(r.problems[1]!.message, /not a report/);
  assert.match(r.problems[2]!.message, /empty/);
  assert.match(r.problems[3]!.message, /damaged gzip/);
});
