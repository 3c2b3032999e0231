/**
 * SMTP TLS reporting record (RFC 8460 §3) at `_smtp._tls.<domain>`: presence, syntax
 * (v=TLSRPTv1 first, rua= with mailto: or https: URIs), one record only.
 */
import type { Resolver } from '../dns/resolver';
import { clipped } from '../text/visible';
import { checkFinding, lookup, lookupFailure, verdictOf } from './lookup';
import type { CheckFinding, CheckOptions, CheckResult, DnsEvidence } from './types';

export interface TlsRptParsed {
  record: string;
  rua: string[];
}

export type TlsRptCheckResult = CheckResult<'tls-rpt', TlsRptParsed>;

export function parseTlsRpt(record: string, name: string): { rua: string[]; findings: CheckFinding[] } {
  const findings: CheckFinding[] = [];
  const rua: string[] = [];
  const bad = (message: string, fix: string, start = 0, end = record.length): void => {
    findings.push(checkFinding('tlsrpt-invalid', 'error', message, fix, { name, record, span: { start, end } }));
  };
  if (!/^v=TLSRPTv1\s*(;|$)/.test(record)) bad('The TLS-RPT record must start with "v=TLSRPTv1;"; senders ignore it.', 'Write "v=TLSRPTv1; rua=mailto:tls-reports@<your domain>".');
  let offset = 0;
  let sawRua = false;
  for (const part of record.split(';')) {
    const start = offset + (part.length - part.trimStart().length);
    offset += part.length + 1;
    const text = part.trim();
    if (!text.startsWith('rua=')) continue;
    if (sawRua) bad('rua= appears twice in the TLS-RPT record.', 'Keep one rua= with a comma-separated list.', start, start + text.length);
    sawRua = true;
    let uriOffset = start + 4;
    for (const uri of text.slice(4).split(',')) {
      const u = uri.trim();
      const uStart = uriOffset + (uri.length - uri.trimStart().length);
      uriOffset += uri.length + 1;
      if (/^mailto:[^@\s]+@[^@\s]+$/i.test(u) || /^https:\/\/\S+$/i.test(u)) rua.push(u);
      else bad(`"${clipped(u, 80)}" is not a report address: TLS-RPT takes mailto: or https: URIs.`, 'Write rua=mailto:tls-reports@<your domain> (or an https:// URL).', uStart, uStart + u.length);
    }
  }
  if (!sawRua) bad('The TLS-RPT record has no rua=, so nobody receives the reports.', 'Add rua=mailto:tls-reports@<your domain>.');
  return { rua, findings };
}

export async function checkTlsRpt(resolver: Resolver, domain: string, options: CheckOptions = {}): Promise<TlsRptCheckResult> {
  const name = `_smtp._tls.${domain}`;
  const findings: CheckFinding[] = [];
  const dns: DnsEvidence[] = [];
  const txt = await lookup(resolver, name, 'TXT', options.signal);
  dns.push(txt.evidence);
  const done = (summary: string, parsed?: TlsRptParsed, couldNotCheck = false): TlsRptCheckResult => ({ check: 'tls-rpt', domain, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });
  if (txt.failed) {
    findings.push(lookupFailure(txt, `TLS-RPT record ${name}`));
    return done(`Could not look up ${name}.`, undefined, true);
  }
  const records = txt.values.filter((v) => /^v=TLSRPTv1\b/i.test(v));
  if (records.length === 0) {
    findings.push(checkFinding('tlsrpt-missing', 'info', `${domain} publishes no TLS-RPT record, so senders do not report TLS failures delivering to it.`, `Publish "v=TLSRPTv1; rua=mailto:tls-reports@${domain}" as TXT at ${name}.`, { name }));
    return done('No TLS-RPT.');
  }
  if (records.length > 1) {
    findings.push(checkFinding('tlsrpt-multiple', 'error', `${name} has ${records.length} TLS-RPT records; senders then send no reports (RFC 8460 §3).`, 'Keep one record (list several addresses in its rua=, comma-separated).', { name }));
  }
  const parsed = parseTlsRpt(records[0]!, name);
  findings.push(...parsed.findings);
  return done(`TLS reports go to ${clipped(parsed.rua.join(', '), 200) || 'nobody'}.`, { record: records[0]!, rua: parsed.rua });
}
