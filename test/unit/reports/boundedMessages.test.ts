/**
 * A value of a megabyte in any field of a DMARC aggregate report (XML) or an SMTP TLS report
 * (JSON) — org name, report id, domains, policy strings, source address, results, MX names,
 * element names, file names inside archives — is clipped in the problems, the readiness
 * summary and fixes, and the text and Markdown lines the CLI prints: the reports are written
 * by whoever sends them. The JSON and CSV output (machine-readable) keeps the values whole.
 */
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { buildView, fixText, readReports, reportsToMarkdown, reportsToText, type ReportSource } from '../../../src/core/reports';
import { spfLookupOf, spfRecordsInZone } from '../../../src/core/reports/zoneSpf';
import { BoundedMessages, huge } from '../text/bounded';
import { aggregateXml, type ReportSpec } from './reportBuilder';

const PLANTED = ['q', '9', 'é'];

const src = (name: string, text: string | Uint8Array): ReportSource => ({ name, read: async () => (typeof text === 'string' ? strToU8(text) : text) });

/** Aggregate reports with X in one place each (X is replaced by a megabyte of one character). */
const AGGREGATE: [string, (x: string) => ReportSpec][] = [
  ['org', (x) => ({ org: x, rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail' }] })],
  ['report id', (x) => ({ id: x, rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail' }] })],
  ['domain', (x) => ({ domain: x, rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail' }] })],
  ['domain.com', (x) => ({ domain: `${x}.com`, rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', spfAuth: [{ domain: 'sendgrid.net', result: 'pass' }] }] })],
  ['p', (x) => ({ p: x, rows: [{ ip: '192.0.2.1', count: 5, dkim: 'pass', spf: 'pass' }] })],
  ['source ip', (x) => ({ rows: [{ ip: x, count: 5, dkim: 'fail', spf: 'fail' }, { ip: x, count: 5, dkim: 'pass', spf: 'pass' }] })],
  ['source ip (ip4)', (x) => ({ rows: [{ ip: `192.0.2.${x}`, count: 5, dkim: 'fail', spf: 'fail' }, { ip: `192.0.2.${x}`, count: 5, dkim: 'pass', spf: 'pass' }] })],
  ['source ip (ip6)', (x) => ({ rows: [{ ip: `2001:db8::${x}`, count: 5, dkim: 'fail', spf: 'fail' }, { ip: `2001:db8::${x}`, count: 5, dkim: 'pass', spf: 'pass' }] })],
  ['disposition', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', disposition: x }] })],
  ['override', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', override: x }] })],
  ['header from', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', headerFrom: x }] })],
  ['envelope from', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', envelopeFrom: x }] })],
  ['envelope from below', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', envelopeFrom: `${x}.contoso.com`, spfAuth: [{ domain: `${x}.contoso.com`, result: 'pass' }, { domain: 'sendgrid.net', result: 'pass' }] }] })],
  ['dkim domain', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', dkimAuth: [{ domain: x, selector: x, result: x }] }] })],
  ['dkim service', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', dkimAuth: [{ domain: `${x}.sendgrid.net`, selector: x, result: 'pass' }] }] })],
  ['spf domain', (x) => ({ rows: [{ ip: '192.0.2.1', count: 5, dkim: 'fail', spf: 'fail', spfAuth: [{ domain: x, result: x }] }] })],
];

const XML_DAMAGED = [
  '<X/>', '<feedback><X>', '<feedback><report_metadata><date_range><begin>X</begin></date_range></report_metadata></feedback>',
  '<feedback><record><row><count>X</count></row></record></feedback>', '<feedback><policy_published><domain>a</domain></policy_published><X', '<feedback></feedback X>', '<feedback>&X;</feedback>',
  '<feedback><a X="1"/></feedback>', '<!DOCTYPE X><feedback/>', '<feedback><p>X</q></feedback>',
];

const TLS: ((x: string) => unknown)[] = [
  (x) => ({ 'organization-name': x, 'report-id': x, policies: [{ policy: { 'policy-type': x, 'policy-domain': x, 'mx-host': [x], 'policy-string': [x] }, summary: { 'total-failure-session-count': 1 }, 'failure-details': [{ 'result-type': x, 'receiving-mx-hostname': x, 'failed-session-count': 1 }] }] }),
  (x) => ({ 'report-id': '1', policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': 'contoso.com' }, 'failure-details': [{ 'result-type': 'sts-policy-invalid', 'receiving-ip': x, 'failed-session-count': 1 }] }] }),
  (x) => ({ 'report-id': '1', policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': `${x}.com` }, 'failure-details': [{ 'result-type': `sts-${x}`, 'receiving-mx-hostname': 'mx.contoso.com', 'failed-session-count': 1 }] }] }),
];

const ZONE = '$ORIGIN contoso.com.\n@ IN TXT "v=spf1 include:_spf.google.com -all"\n';

async function views(b: BoundedMessages, sources: ReportSource[], ch: string, where: string): Promise<void> {
  const r = await readReports(sources, { legitimate: () => true });
  const spfOf = spfLookupOf(spfRecordsInZone(ZONE));
  for (const view of [buildView(r), buildView(r, spfOf)]) {
    b.check(reportsToText(view).split('\n'), ch, `text ${where}`);
    b.check(reportsToMarkdown(view).split('\n'), ch, `markdown ${where}`);
    b.check(view.problems.map((p) => `${p.name}: ${p.message}`), ch, `problems ${where}`);
    b.check(view.skipped.map((s) => `${s.name}: ${s.reason}`), ch, `skipped ${where}`);
    for (const d of view.domains) {
      b.check([d.readiness.summary, d.summary.sources.map((s) => s.reason).join('\n')], ch, `readiness ${where}`);
      for (const a of d.readiness.affected) for (const f of a.fixes) b.check(fixText(f), ch, `fixText ${where}`);
    }
  }
}

test('reports: a megabyte in any field is clipped in problems, summaries, fixes and the text and Markdown lines', async () => {
  const b = new BoundedMessages();
  for (const ch of PLANTED) {
    const x = huge(ch);
    for (const [where, spec] of AGGREGATE) await views(b, [src('a.xml', aggregateXml(spec(x)))], ch, `${where} (${ch})`);
    for (const t of XML_DAMAGED) await views(b, [src('a.xml', t.replaceAll('X', x))], ch, `${t} (${ch})`);
    for (const [i, t] of TLS.entries()) await views(b, [src('a.json', JSON.stringify(t(x)))], ch, `TLS ${i} (${ch})`);
    await views(b, [src('a.json', `{"policies": [], "report-id": ${x}`)], ch, `bad JSON (${ch})`);
    // a file inside an archive (a zip holds names of up to 64 KB)
    const z = huge(ch, 30_000);
    await views(b, [src('a.zip', zipSync({ [`${z}.xml`]: strToU8(`<${x}/>`), [`${z}.png`]: new Uint8Array([0x89, 0x50]) }))], ch, `zip entry name (${ch})`);
  }
  b.done();
});
