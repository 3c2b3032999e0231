/**
 * MTA-STS discovery record (RFC 8461 §3.1) at `_mta-sts.<domain>`: presence, syntax, one
 * record only, and that the policy host `mta-sts.<domain>` exists. The policy file itself
 * (HTTPS) is not fetched: the core makes no HTTP requests.
 */
import type { Resolver } from '../dns/resolver';
import { clipped } from '../text/visible';
import { checkFinding, lookup, lookupFailure, verdictOf } from './lookup';
import type { CheckFinding, CheckOptions, CheckResult, DnsEvidence } from './types';

export interface MtaStsParsed {
  record: string;
  id?: string;
  /** Extension fields as written. */
  extensions: Record<string, string>;
  policyHostAddresses: string[];
}

export type MtaStsCheckResult = CheckResult<'mta-sts', MtaStsParsed>;

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Parses `v=STSv1; id=…; ext=…` with spans into the record for each problem. */
export function parseMtaSts(record: string, name: string): { id?: string; extensions: Record<string, string>; findings: CheckFinding[] } {
  const findings: CheckFinding[] = [];
  const extensions: Record<string, string> = {};
  let id: string | undefined;
  let offset = 0;
  const fields = record.split(';').map((text) => {
    const start = offset;
    offset += text.length + 1;
    const lead = text.length - text.trimStart().length;
    return { text: text.trim(), start: start + lead, end: start + lead + text.trim().length };
  });
  if (fields.length && fields[fields.length - 1]!.text === '') fields.pop();
  const bad = (message: string, fix: string, s: { start: number; end: number }): void => {
    findings.push(checkFinding('mta-sts-invalid', 'error', message, fix, { name, record, span: { start: s.start, end: s.end } }));
  };
  fields.forEach((f, i) => {
    const eq = f.text.indexOf('=');
    const key = eq < 0 ? f.text : f.text.slice(0, eq);
    const value = eq < 0 ? '' : f.text.slice(eq + 1);
    if (i === 0) {
      if (f.text !== 'v=STSv1') bad(`The MTA-STS record must start with "v=STSv1", not "${clipped(f.text, 60)}"; senders ignore it.`, 'Write "v=STSv1; id=<a new id>;".', f);
      return;
    }
    if (eq < 0 || !EXT_NAME.test(key)) return bad(`"${clipped(f.text, 60)}" is not a field (name=value) of an MTA-STS record.`, 'Remove it or write it as name=value.', f);
    if (key === 'id') {
      if (id !== undefined) bad('id= appears twice in the MTA-STS record.', 'Keep one id=.', f);
      id = value;
      if (!/^[A-Za-z0-9]{1,32}$/.test(value)) bad(`id=${clipped(value, 40)} is invalid: the id is 1 to 32 letters and digits (RFC 8461 §3.1).`, 'Write an id such as 20240101T000000 (letters and digits only); change it whenever the policy changes.', f);
    } else {
      extensions[key] = value;
    }
  });
  if (fields.length && fields[0]!.text === 'v=STSv1' && id === undefined) {
    findings.push(checkFinding('mta-sts-invalid', 'error', 'The MTA-STS record has no id=; senders ignore it.', 'Add id=<letters and digits>, changed whenever the policy file changes.', { name, record, span: { start: 0, end: record.length } }));
  }
  return { id, extensions, findings };
}

export async function checkMtaSts(resolver: Resolver, domain: string, options: CheckOptions = {}): Promise<MtaStsCheckResult> {
  const name = `_mta-sts.${domain}`;
  const findings: CheckFinding[] = [];
  const dns: DnsEvidence[] = [];
  const txt = await lookup(resolver, name, 'TXT', options.signal);
  dns.push(txt.evidence);
  const done = (summary: string, parsed?: MtaStsParsed, couldNotCheck = false): MtaStsCheckResult => ({ check: 'mta-sts', domain, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });
  if (txt.failed) {
    findings.push(lookupFailure(txt, `MTA-STS record ${name}`));
    return done(`Could not look up ${name}.`, undefined, true);
  }
  const records = txt.values.filter((v) => /^v=STSv1\b/i.test(v));
  if (records.length === 0) {
    findings.push(checkFinding('mta-sts-missing', 'info', `${domain} publishes no MTA-STS record, so senders may deliver to it without TLS when an attacker strips STARTTLS.`, `Publish a policy at https://mta-sts.${domain}/.well-known/mta-sts.txt and a TXT record "v=STSv1; id=<id>" at ${name}.`, { name }));
    return done('No MTA-STS.');
  }
  if (records.length > 1) {
    findings.push(checkFinding('mta-sts-multiple', 'error', `${name} has ${records.length} MTA-STS records; senders then assume there is no MTA-STS policy (RFC 8461 §3.1).`, 'Keep one record.', { name }));
  }
  const record = records[0]!;
  const parsed = parseMtaSts(record, name);
  findings.push(...parsed.findings);
  const host = `mta-sts.${domain}`;
  const [a, aaaa] = await Promise.all([lookup(resolver, host, 'A', options.signal), lookup(resolver, host, 'AAAA', options.signal)]);
  dns.push(a.evidence, aaaa.evidence);
  const policyHostAddresses = [...a.values, ...aaaa.values];
  if (policyHostAddresses.length === 0 && !(a.failed && aaaa.failed)) {
    findings.push(checkFinding('mta-sts-host-missing', 'error', `The MTA-STS policy host ${host} has no address, so senders cannot fetch the policy and MTA-STS is not in force.`, `Publish ${host} (A/AAAA or CNAME to your web host) serving /.well-known/mta-sts.txt over HTTPS.`, { name: host }));
  }
  return done(`MTA-STS record id=${parsed.id === undefined ? '(none)' : clipped(parsed.id, 40)}; policy host ${host} ${policyHostAddresses.length ? `at ${policyHostAddresses.join(', ')}` : 'not found'} (policy file not fetched).`, { record, id: parsed.id, extensions: parsed.extensions, policyHostAddresses });
}
