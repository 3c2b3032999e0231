/**
 * Words for check results, shared by the Markdown renderer, the CLI and the results
 * panel (which runs in a browser: this file imports types only, no Node modules).
 */
import type { DkimKeyRecord } from '../mailrecords/dkim';
import type { DmarcParsed, ReportDestination } from './dmarc';
import type { SpfTermNode } from './spfTree';
import type { CheckFinding, CheckResult, DnsEvidence, Verdict } from './types';

export const VERDICT_WORDS: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'COULD NOT CHECK' };

const TITLES: Record<string, string> = { dkim: 'DKIM', spf: 'SPF', dmarc: 'DMARC', mx: 'MX', 'mta-sts': 'MTA-STS', 'tls-rpt': 'TLS-RPT', domain: 'Mail domain', compare: 'Zone file vs live DNS', verify: 'Message' };

export function checkTitle(check: string): string {
  return TITLES[check] ?? check;
}

export interface Fact {
  label: string;
  value: string;
}

/** What a DKIM key record says, as label/value pairs. */
export function dkimKeyFacts(k: DkimKeyRecord, strings: readonly string[]): Fact[] {
  const type = k.keyType === 'ed25519' ? 'Ed25519' : k.keyType === 'rsa' ? 'RSA' : k.keyType;
  const facts: Fact[] = [{ label: 'Key type', value: `${type}${k.keyTypeExplicit ? '' : ' (no k=, RSA by default)'}` }];
  if (k.revoked) facts.push({ label: 'Key', value: 'revoked (empty p=): every signature with this selector fails' });
  else facts.push({ label: 'Key size', value: k.keyBits ? `${k.keyBits} bits` : 'unreadable' });
  if (k.testing) facts.push({ label: 'Testing', value: 't=y: verifiers may treat failures as if unsigned' });
  if (k.strictSubdomains) facts.push({ label: 'Subdomains', value: 't=s: the i= domain must be exactly d=' });
  if (k.hashAlgorithms) facts.push({ label: 'Hash algorithms', value: k.hashAlgorithms.join(', ') });
  if (k.serviceTypes.length && !(k.serviceTypes.length === 1 && k.serviceTypes[0] === '*')) facts.push({ label: 'Services', value: k.serviceTypes.join(', ') });
  if (k.notes) facts.push({ label: 'Notes', value: k.notes });
  facts.push({ label: 'Published as', value: `${strings.length} string${strings.length === 1 ? '' : 's'} (${strings.map((s) => s.length).join(' + ')} characters)` });
  return facts;
}

const POLICY: Record<string, string> = {
  none: 'monitoring only: receivers deliver mail that fails DMARC as usual and only send reports',
  quarantine: 'receivers treat mail that fails DMARC as suspicious (usually the spam folder)',
  reject: 'receivers refuse mail that fails DMARC',
};

export function policyWords(policy: string): string {
  return POLICY[policy] ?? 'an unknown policy (receivers ignore it)';
}

/** The DMARC policy in sentences: where it comes from, what it does, alignment, reports. */
export function dmarcExplanation(p: DmarcParsed): string[] {
  const t = p.tags;
  const where = p.source === 'domain' ? `The record at _dmarc.${p.recordDomain} applies.` : p.source === 'organizational-domain' ? `No record of its own: the record of the organisational domain ${p.recordDomain} applies.` : `No record of its own or at its organisational domain ${p.orgDomain}: the record of the public suffix domain ${p.recordDomain} (psd=y) applies.`;
  const out = [where, `Policy ${p.policyTag}=${p.effectivePolicy}: ${policyWords(p.effectivePolicy)}.`];
  if (t.subdomainPolicy && p.policyTag === 'p') out.push(`Subdomains get sp=${t.subdomainPolicy}: ${policyWords(t.subdomainPolicy)}.`);
  if (t.nonexistentPolicy) out.push(`Names that do not exist get np=${t.nonexistentPolicy}.`);
  if (t.pct !== undefined && t.pct < 100) out.push(`pct=${t.pct}: the policy applies to ${t.pct}% of failing mail; the rest gets the next weaker policy.`);
  if (t.testing) out.push('t=y: testing mode, receivers apply a weaker policy.');
  out.push(`Alignment: DKIM ${t.adkim === 's' ? 'strict (d= must equal the From domain)' : 'relaxed (same organisational domain)'}, SPF ${t.aspf === 's' ? 'strict' : 'relaxed'}.`);
  if (!t.rua.length) out.push('No rua=: nobody receives aggregate reports, so you cannot see who sends as this domain.');
  return out;
}

export function destinationState(d: ReportDestination): string {
  if (!d.external) return 'same organisation, no authorisation needed';
  if (d.authorized === true) return `external, authorised by ${d.authorizationName}`;
  if (d.authorized === false) return `external, NOT authorised (no "v=DMARC1" at ${d.authorizationName})`;
  return 'external, authorisation unknown (the lookup failed)';
}

/** Notes on one SPF term in the expanded tree. */
export function spfTermNotes(t: SpfTermNode): string[] {
  const notes: string[] = [];
  if (t.lookups) notes.push('1 lookup');
  if (t.mxHosts?.length) notes.push(`MX ${t.mxHosts.join(', ')}`);
  if (t.ranges?.length && t.name !== 'ip4' && t.name !== 'ip6') notes.push(t.ranges.join(', '));
  if (t.void) notes.push(`void lookup: ${t.void}`);
  if (t.macro) notes.push('macro, not expanded');
  if (t.ignored) notes.push('ignored (the record has "all")');
  if (t.loop) notes.push(`loop: ${t.loop.join(' → ')}`);
  if (t.needsClient) notes.push('needs the client address (--ip)');
  if (t.invalidName) notes.push(`not looked up: ${t.invalidName}`);
  if (t.overLimit) notes.push('over the limit: permerror');
  if (t.matched) notes.push('matched');
  if (t.notEvaluated) notes.push('not evaluated');
  return notes;
}

/** "3 of 10", or "more than 10" once the limit was hit. */
export function spfLookupCount(lookups: number, limit: number): string {
  return lookups > limit ? `more than ${limit}` : `${lookups} of ${limit}`;
}

/** Terms of one record to show: all, except that a run of more than 3 terms not evaluated is cut to 3 and counted. */
export function spfShownTerms<T extends { name: string; notEvaluated?: boolean }>(terms: readonly T[]): { shown: T[]; hidden: number } {
  const shown: T[] = [];
  let run = 0;
  let hidden = 0;
  for (const t of terms) {
    if (t.name === 'all') continue;
    run = t.notEvaluated ? run + 1 : 0;
    if (run > 3) hidden++;
    else shown.push(t);
  }
  return { shown, hidden };
}

/** One line of the chain of DNS answers. */
export interface AnswerRow {
  /** The name asked for, then each CNAME target. */
  name: string;
  type: string;
  /** The answer: CNAME target, record value, or what went wrong (NXDOMAIN, no records, the error). */
  answer: string;
  ttl?: number;
  /** Servers that answered (`IP:port`) and the transport. */
  server: string;
  /** CNAME, a record, or no data. */
  kind: 'cname' | 'record' | 'empty' | 'error';
}

/** The answers of one lookup as rows: every CNAME followed, then the records (or why there are none). */
export function answerRows(e: DnsEvidence): AnswerRow[] {
  const transport = [...new Set(e.transport)].join('+');
  const server = e.servers.length ? `${e.servers.join(', ')}${transport ? ` (${transport})` : ''}` : 'none answered';
  const rows: AnswerRow[] = e.chain.map((s) => ({ name: s.name, type: 'CNAME', answer: s.target, ttl: s.ttl, server: s.server, kind: 'cname' }));
  for (const r of e.records) rows.push({ name: r.name, type: r.type, answer: r.value, ttl: r.ttl, server, kind: 'record' });
  if (e.error) rows.push({ name: e.finalName, type: e.type, answer: e.error, server, kind: 'error' });
  else if (!e.records.length) rows.push({ name: e.finalName, type: e.type, answer: e.rcode === 'NXDOMAIN' ? 'NXDOMAIN (the name does not exist)' : `no ${e.type} record`, server, kind: 'empty' });
  return rows;
}

/** True when at least one DNS server answered one of the lookups. */
export function anyAnswer(dns: readonly DnsEvidence[]): boolean {
  return dns.some((e) => e.rcode !== undefined);
}

/**
 * The resolver line under a result: "Answered by …" only when a server answered;
 * "Asked … : none answered" when every lookup went unanswered.
 */
export function resolverWords(resolver: { servers: readonly string[]; origin: string }, answered: boolean): string {
  const servers = resolver.servers.join(', ') || 'no server';
  return answered ? `Answered by ${servers} (from ${resolver.origin}).` : `Asked ${servers} (from ${resolver.origin}): none answered.`;
}

/** Every finding of every result, and the DNS evidence, of a check or a mail-domain check. */
export function allEvidence(results: readonly CheckResult[]): DnsEvidence[] {
  return results.flatMap((r) => r.dns);
}

/** Checks that failed for one shared reason (the same unreachable server): one explanation for all. */
export interface SharedFailure {
  /** The checks (check names) it stopped. */
  checks: string[];
  /** The explanation, shown once. */
  finding: CheckFinding;
}

const NO_ANSWER = new Set(['dns-no-answer']);

/**
 * When two or more checks could not be done, each only because no DNS server answered and
 * with the same advice, they share one explanation instead of N identical sections.
 */
export function sharedFailure(results: readonly CheckResult[]): SharedFailure | undefined {
  const stopped = results.filter((r) => r.verdict === 'error' && r.findings.length > 0 && r.findings.every((f) => NO_ANSWER.has(f.code)));
  if (stopped.length < 2) return undefined;
  const first = stopped[0]!.findings[0]!;
  if (!stopped.every((r) => r.findings.every((f) => f.fix === first.fix))) return undefined;
  const names = stopped.map((r) => checkTitle(r.check));
  const message = `No DNS server answered, so ${names.join(', ')} could not be checked. First failure: ${first.message}`;
  return { checks: stopped.map((r) => r.check), finding: { ...first, name: undefined, message } };
}
