/**
 * The reports analysis as text (terminal), Markdown (ticket, wiki), CSV (one row per source) and
 * JSON; NDJSON rows in parsedmarc's aggregate field names (ndjson.ts). Every value in a report is
 * written by a stranger: text output shows control and bidi characters as <U+XXXX>, Markdown
 * escapes markup, CSV defuses formulas.
 */
import { visible } from '../headers/unicode';
import { csvCell } from '../signins/export';
import { mdCode, mdTable, mdText } from '../text/markdown';
import { clipped } from '../text/visible';
import { shownName } from '../zone/names';
import type { DomainSummary, SourceSummary } from './analysis';
import type { Readiness, SourceFix } from './readiness';
import { tlsResultMeaning, type TlsDomainSummary } from './tlsAnalysis';
import type { ReadProblem } from './read';
import type { Skipped } from './containers';

export interface ReportsView {
  files: number;
  aggregateReports: number;
  tlsReports: number;
  duplicates: number;
  filtered: number;
  domains: { summary: DomainSummary; readiness: Readiness }[];
  tls: TlsDomainSummary[];
  problems: ReadProblem[];
  skipped: Skipped[];
}

const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1)}%` : '-');
const day = (epoch?: number) => (epoch === undefined ? '-' : new Date(epoch * 1000).toISOString().slice(0, 10));
const v = (s: string) => visible(s);
/**
 * Values from a report shown in a line: a name (domain, MX) whole up to 255 characters, an
 * address, a policy word or result type, a file name in an archive clipped. JSON and CSV keep them whole.
 */
const name = (s: string) => shownName(s);
const ip = (s: string) => clipped(s, 45);
const word = (s: string) => clipped(s, 40);
const file = (s: string) => clipped(s, 300);

/** A fix in words; for an SPF change with the record known, a second line with the record after it. */
export function fixText(f: SourceFix): string[] {
  if (f.kind === 'dkim') return [`DKIM: ${f.advice}`];
  const lookups = f.lookupsAfter === undefined ? '' : ` — ${f.lookupsAtLeast ? 'at least ' : ''}${f.lookupsAfter} DNS lookups after the change${f.overLimit ? ' (OVER the limit of 10: flatten or drop another include first)' : ' (within the limit of 10)'}`;
  const line = `SPF: add ${clipped(f.term, 60)} to the SPF record of ${name(f.name)}${lookups}`;
  return f.after && f.after !== f.before ? [line, `${name(f.name)} TXT "${f.after}"`] : [line];
}

function sourceLine(s: SourceSummary): string {
  const who = [s.service, s.ptr].filter(Boolean).join(', ');
  return `${v(ip(s.ip))}${who ? ` (${v(who)})` : ''}  ${s.messages} msg, DMARC pass ${pct(s.dmarcPass, s.messages)}, SPF aligned ${pct(s.spfAligned, s.messages)}, DKIM aligned ${pct(s.dkimAligned, s.messages)}  ${s.category}`;
}

const SOURCE_ROWS = 25;

export function reportsToText(view: ReportsView): string {
  const out: string[] = [];
  out.push(`${view.files} file(s): ${view.aggregateReports} DMARC aggregate report(s), ${view.tlsReports} TLS report(s)${view.duplicates ? `, ${view.duplicates} duplicate(s) counted once` : ''}${view.filtered ? `, ${view.filtered} outside --domain/--since` : ''}`);
  for (const p of view.problems) out.push(`  not read: ${v(file(p.name))}: ${v(p.message)}`);
  for (const { summary: d, readiness: r } of view.domains) {
    out.push('', `${v(name(d.domain))}: ${d.messages} messages from ${d.reports} report(s) by ${d.reporters.length} reporter(s), ${day(d.first)} to ${day(d.last)}`);
    out.push(`  policy p=${v(word(d.policy.p ?? '?'))}${d.policy.sp ? ` sp=${v(word(d.policy.sp))}` : ''}${d.policy.np ? ` np=${v(word(d.policy.np))}` : ''}${d.policy.pct !== undefined && d.policy.pct !== 100 ? ` pct=${d.policy.pct}` : ''}${d.policy.testing === 'y' ? ' t=y' : ''}; DMARC pass ${pct(d.dmarcPass, d.messages)}`);
    out.push(`  ${r.ready ? 'READY' : r.next ? 'NOT YET' : 'DONE'}: ${v(r.summary)}`);
    for (const a of r.affected) {
      out.push(`    ${sourceLine(a.source)}`);
      out.push(`      ${v(a.source.reason)}; ${a.messages} message(s) would be affected`);
      for (const f of a.fixes) {
        const [line, record] = fixText(f);
        out.push(`      fix: ${v(line!)}`);
        if (record) out.push(`        ${v(record)}`);
      }
      if (a.fixes.length === 0) out.push('      fix: find out who sends from this address; if it is yours, authorise it in SPF (rerun with --legitimate ADDRESS) or sign its mail with DKIM');
    }
    out.push(`  Sources (${d.sources.length}):`);
    for (const s of d.sources.slice(0, SOURCE_ROWS)) out.push(`    ${sourceLine(s)}`);
    if (d.sources.length > SOURCE_ROWS) out.push(`    ... and ${d.sources.length - SOURCE_ROWS} more (--format csv or json lists them all)`);
  }
  for (const t of view.tls) {
    out.push('', `${v(name(t.domain))} (TLS-RPT, ${t.policyTypes.map((x) => v(word(x))).join('/')}): ${t.successfulSessions} successful, ${t.failedSessions} failed TLS session(s) in ${t.reports} report(s)`);
    for (const m of t.byMx) {
      out.push(`    ${v(name(m.mx))}: ${m.failedSessions} failed — ${Object.entries(m.failures).map(([k, n]) => `${v(word(k))} ${n}${tlsResultMeaning[k] ? ` (${tlsResultMeaning[k]})` : ''}`).join(', ')}`);
    }
    if (t.byMx.some((m) => Object.keys(m.failures).some((k) => k.startsWith('sts-')))) out.push(`    see also: mailsec check mta-sts ${v(name(t.domain))}`);
  }
  return out.join('\n') + '\n';
}

export function reportsToMarkdown(view: ReportsView): string {
  const out: string[] = ['# DMARC and TLS reports', ''];
  out.push(mdText(`${view.files} file(s): ${view.aggregateReports} aggregate report(s), ${view.tlsReports} TLS report(s).`), '');
  if (view.problems.length) out.push('**Not read:**', '', ...view.problems.map((p) => `- ${mdCode(file(p.name))}: ${mdText(p.message)}`), '');
  for (const { summary: d, readiness: r } of view.domains) {
    out.push(`## ${mdText(name(d.domain))}`, '', mdText(r.summary), '');
    out.push(mdText(`${d.messages} messages, DMARC pass ${pct(d.dmarcPass, d.messages)}, policy p=${word(d.policy.p ?? '?')}, ${day(d.first)} to ${day(d.last)}.`), '');
    if (r.affected.length) {
      out.push('### Legitimate sources that would be affected', '');
      out.push(mdTable(['Source', 'Service', 'Messages failing', 'Why', 'Fix'], r.affected.map((a) => [mdCode(ip(a.source.ip), { inTable: true }), mdText(a.source.service ?? ''), String(a.messages), mdText(a.source.reason), a.fixes.map((f) => mdText(fixText(f)[0]!)).join('; ')])), '');
    }
    out.push('### Sources', '');
    out.push(mdTable(['Source', 'Category', 'Messages', 'DMARC pass', 'SPF aligned', 'DKIM aligned'], d.sources.map((s) => [mdCode(ip(s.ip), { inTable: true }), s.category, String(s.messages), pct(s.dmarcPass, s.messages), pct(s.spfAligned, s.messages), pct(s.dkimAligned, s.messages)])), '');
  }
  for (const t of view.tls) {
    out.push(`## ${mdText(name(t.domain))} — TLS`, '', mdText(`${t.successfulSessions} successful, ${t.failedSessions} failed session(s).`), '');
    if (t.byMx.length) out.push(mdTable(['MX', 'Failed', 'Failure types'], t.byMx.map((m) => [mdCode(name(m.mx), { inTable: true }), String(m.failedSessions), mdText(Object.entries(m.failures).map(([k, n]) => `${word(k)} ${n}`).join(', '))])), '');
  }
  return out.join('\n');
}

const CSV_HEAD = ['domain', 'source_ip', 'service', 'category', 'messages', 'dmarc_pass', 'spf_aligned', 'dkim_aligned', 'spf_pass', 'dkim_pass', 'dispositions', 'overrides', 'header_from', 'envelope_from', 'dkim_domains', 'spf_domains', 'reporters', 'reason'];

export function reportsToCsv(view: ReportsView): string {
  const rows: (string | number)[][] = [CSV_HEAD];
  const kv = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${k}=${n}`).join(';');
  for (const { summary: d } of view.domains) {
    for (const s of d.sources) {
      rows.push([d.domain, s.ip, s.service ?? '', s.category, s.messages, s.dmarcPass, s.spfAligned, s.dkimAligned, s.spfPass, s.dkimPass, kv(s.dispositions), kv(s.overrides), s.headerFrom.join(';'), s.envelopeFrom.join(';'), s.dkim.map((x) => x.domain).join(';'), s.spf.map((x) => x.domain).join(';'), s.reporters.join(';'), s.reason]);
    }
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function reportsToJson(view: ReportsView): string {
  return JSON.stringify(view, null, 2) + '\n';
}
