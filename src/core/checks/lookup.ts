/**
 * Shared plumbing of the checks: a lookup that records its evidence and never throws
 * for DNS trouble (only cancellation propagates), and the verdict rule.
 */
import { docUrl, type Finding, type Severity } from '../findings';
import { resolveChain, type ChainResult } from '../dns/chain';
import type { Resolver } from '../dns/resolver';
import { DnsError, type MxData, type RecordType } from '../dns/types';
import type { Change } from './advice';
import type { CheckFinding, DnsEvidence, Verdict } from './types';

export interface Lookup {
  /** Present when a server answered. */
  result?: ChainResult;
  evidence: DnsEvidence;
  /** Records' values: TXT strings joined, MX as "pref host", others as text. */
  values: string[];
  /** NOERROR with records. */
  found: boolean;
  /** Could not tell: no server answered, SERVFAIL/REFUSED, or a broken CNAME chain. */
  failed: boolean;
  /** A sentence describing the failure, when failed. */
  failure?: string;
  /** The check's overall deadline ended this lookup. */
  deadline?: boolean;
}

export function recordValue(data: unknown): string {
  if (Array.isArray(data)) return data.join('');
  if (data && typeof data === 'object' && 'exchange' in data) {
    const mx = data as MxData;
    return `${mx.preference} ${mx.exchange}`;
  }
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/** The evidence of one chain (or of a lookup no server answered, when `error` is given). */
export function evidenceOf(name: string, type: RecordType, result: ChainResult | undefined, error?: DnsError): DnsEvidence {
  if (!result) {
    // `servers` are the servers whose answers were used: none. The ones asked are in the message.
    return { name, type, chain: [], finalName: name, records: [], servers: [], transport: [], elapsedMs: 0, error: error?.message ?? 'no answer', errorCode: error?.code ?? 'ENOANSWER' };
  }
  const evidence: DnsEvidence = {
    name,
    type,
    rcode: result.rcode,
    chain: result.chain,
    finalName: result.finalName,
    records: result.records.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, value: recordValue(r.data) })),
    servers: [...new Set(result.queries.map((q) => q.server))],
    transport: result.queries.map((q) => q.transport),
    elapsedMs: result.queries.reduce((n, q) => n + q.elapsedMs, 0),
  };
  if (result.problem) evidence.error = result.problem.message;
  else if (result.rcode !== 'NOERROR' && result.rcode !== 'NXDOMAIN') evidence.error = `The DNS server answered ${result.rcode} for ${result.finalName} ${type}.`;
  return evidence;
}

export async function lookup(resolver: Resolver, name: string, type: RecordType, signal?: AbortSignal): Promise<Lookup> {
  try {
    const result = await resolveChain(resolver, name, type, { signal });
    const evidence = evidenceOf(name, type, result);
    const values = evidence.records.map((r) => r.value);
    const failure = evidence.error;
    return { result, evidence, values, found: !failure && values.length > 0, failed: failure !== undefined, failure };
  } catch (e) {
    if (!(e instanceof DnsError)) throw e;
    return { evidence: evidenceOf(name, type, undefined, e), values: [], found: false, failed: true, failure: e.message, deadline: e.code === 'EDEADLINE' || undefined };
  }
}

/** A finding of our own (not tied to a record's text unless `record` and `span` are given). */
export function checkFinding(code: string, severity: Severity, message: string, fix: string, extra: Partial<CheckFinding> = {}): CheckFinding {
  return { code, severity, message, fix, span: { start: 0, end: 0 }, ...extra };
}

/** The fix of a validator finding: its `data.fix`, else the sentence that says what to do, else the docs page. */
function fixOf(f: Finding): string {
  const given = f.data?.fix;
  if (typeof given === 'string') return given;
  const sentences = f.message.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const last = sentences[sentences.length - 1]!;
  if (sentences.length > 1 && /^(Write|Add|Remove|Use|Move|Merge|Replace|Publish|Shorten|Sign|Split|Change|Set|Delete|Put|Keep|Drop|List|Quote|Fix)\b/.test(last)) return last;
  return `See ${docUrl(f.code)}`;
}

/** Validator findings (spans into `record`) as check findings. */
export function fromValidator(findings: readonly Finding[], name: string, record: string): CheckFinding[] {
  return findings.map((f) => ({ ...f, fix: fixOf(f), name, record }));
}

/** error when the check could not be done, else fail/warn/pass from the most severe finding. */
export function verdictOf(findings: readonly CheckFinding[], couldNotCheck = false): Verdict {
  if (couldNotCheck) return 'error';
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'pass';
}

/** The finding for a lookup that produced no verdict (timeout, SERVFAIL, CNAME loop). */
export function lookupFailure(l: Lookup, what: string): CheckFinding {
  const problem = l.result?.problem;
  if (problem) {
    return checkFinding(`dns-${problem.code}`, 'error', `${what}: ${problem.message}`, 'Point the CNAME at a name that holds the record (no loops, at most 8 links).', { name: l.evidence.name });
  }
  if (l.deadline) {
    return checkFinding('check-deadline', 'error', `${what}: ${l.failure}`, 'Ask a faster DNS server, or give the check more time.', { name: l.evidence.name, change: [{ knob: 'resolver-servers', why: 'to ask another server' }, { knob: 'check-deadline', why: 'to give the check more time' }] });
  }
  if (l.result) {
    return checkFinding('dns-server-failure', 'error', `${what}: ${l.failure}`, 'Check that the zone loads on its authoritative servers (SERVFAIL often means a broken zone or DNSSEC).', { name: l.evidence.name, change: [{ knob: 'resolver-servers', why: 'to ask another server' }] });
  }
  return checkFinding('dns-no-answer', 'error', `${what}: ${l.failure}`, noAnswerFix(l.evidence.errorCode), { name: l.evidence.name, change: noAnswerChange(l.evidence.errorCode) });
}

/** What to do when no server answered, by why: a timeout is not a refusal. */
export function noAnswerFix(code: string | undefined): string {
  if (code === 'ETIMEOUT') return 'The DNS server did not answer in time: check that it is reachable from here (network, firewall, VPN) and answers queries.';
  if (code === 'ECONNREFUSED') return 'Nothing answers DNS on that address and port: check the server address and port.';
  return 'The DNS server could not be reached: check the network and the server address.';
}

export function noAnswerChange(code: string | undefined): Change[] {
  const servers: Change = { knob: 'resolver-servers', why: 'to ask another server' };
  return code === 'ETIMEOUT' ? [servers, { knob: 'resolver-timeout', why: 'to wait longer' }] : [servers];
}
