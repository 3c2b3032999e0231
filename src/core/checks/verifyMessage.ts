/**
 * Verifies a whole message (.eml) with mailauth 7's authenticate() in strict mode: DKIM per
 * signature, SPF for the connecting IP, DMARC (RFC 9989 tree walk) and ARC, all looked up
 * through our Resolver (CNAME chains chased, void lookups thrown).
 *
 * What mailsec decides itself, so `verify`, `check` and the header panel agree:
 * - the client IP, HELO and MAIL FROM come from receivedClient() (the Received parser of
 *   the header panel), never from mailauth's own Received parser (trustReceived is off);
 * - every DKIM key mailauth used is read again by our key parser (the one `check dkim`
 *   uses) with the signature's a=, i= and d=: a key that cannot verify the signature makes
 *   the signature permerror, whatever mailauth said, and DMARC is evaluated again without it;
 * - the Authentication-Results header is written from the result table, not taken from
 *   mailauth, so the two always agree.
 * Input handed to mailauth is bounded: Received fields past the first MAX_RECEIVED, or
 * longer than MAX_RECEIVED_BYTES, are left out (mailauth parses every Received field).
 *
 * mailauth is imported lazily inside the function: scripts/build.mjs bundles it into
 * dist/vendor/mailauth.js (from src/vendor/mailauth.ts) and rewrites this import to load
 * that file, so the CLI and the extension start without parsing it. SPF comes from our own
 * engine (spfEngine.ts, the one of `check spf --ip`), not from mailauth's `spf()`; DMARC's
 * SPF alignment is recomputed from it.
 */
import type { AuthenticateResult, DKIMResult } from 'mailauth';
import type { Resolver } from '../dns/resolver';
import { withCache } from '../dns/resolver';
import { MailauthDnsError, mailauthResolver, type MailauthLookup } from '../dns/mailauthResolver';
import { isPublicSuffix, orgDomainPsl } from './dmarcDiscovery';
import { evaluateSpf } from './spfEngine';
import { SPF_LOOKUP_LIMIT } from '../mailrecords';
import { DnsError, type RecordType } from '../dns/types';
import { checkFinding, evidenceOf, verdictOf } from './lookup';
import { parseHeaderBlock } from '../headers/parse';
import type { ParsedHeaders } from '../headers/types';
import { keyMismatches, parseDkimKeyRecord } from '../mailrecords';
import { MAX_RECEIVED, MAX_RECEIVED_BYTES, receivedClient } from './receivedClient';
import type { CheckFinding, DnsEvidence, Verdict } from './types';

export interface VerifyOptions {
  /** IP address of the client that delivered the message (else: from the top Received header). */
  ip?: string;
  helo?: string;
  /** MAIL FROM address (else: Return-Path). */
  sender?: string;
  /** Host name written into the Authentication-Results header (default "mailsec"). */
  mta?: string;
  signal?: AbortSignal;
}

export interface DkimSignatureResult {
  domain: string;
  selector?: string;
  algorithm?: string;
  result: string;
  comment?: string;
  /** The signing domain aligns with the From domain (DMARC). */
  aligned: boolean;
  keyBits?: number;
  /** The body hash in the signature matches the body (false: the body was changed). */
  bodyHashMatches?: boolean;
  /** l= limited the signed body, leaving content unsigned. */
  bodyLengthLimited?: boolean;
  signedHeaders?: string[];
  /** The key record as found in the DNS. */
  keyRecord?: string;
  /** i= of the signature. */
  identity?: string;
  /** The start of b= (as Authentication-Results shows it). */
  signatureStart?: string;
  /** The file has no body: the body hash could not be checked. */
  bodyUnchecked?: boolean;
  /** Why our key parser says this key cannot verify the signature (also in findings). */
  keyProblems?: string[];
}

export interface VerifyResult {
  verdict: Verdict;
  summary: string;
  /** From header address(es). */
  from: string[];
  dkim: DkimSignatureResult[];
  spf: { result: string; comment?: string; domain?: string; clientIp?: string; clientIpSource: 'given' | 'received' | 'none'; helo?: string; sender?: string; record?: string; lookups?: { count: number; limit: number; void: number } };
  /** What the input was: a message, a header without a body, or not a message at all. */
  input: 'message' | 'header-only' | 'not-a-message';
  dmarc?: { result: string; comment?: string; domain?: string; /** The From domain (header.from). */ from?: string; policy?: string; p?: string; sp?: string; record?: string; alignment?: { spf: string | false; dkim: string | false } };
  arc?: { result: string; comment?: string; instance: number | false };
  /** The Authentication-Results header for this result (one method per line, joined by \n). */
  authenticationResults: string;
  findings: CheckFinding[];
  dns: DnsEvidence[];
}

function evidenceOfLookup(l: MailauthLookup): DnsEvidence {
  const type = l.type as RecordType;
  if (l.result) return evidenceOf(l.name, type, l.result);
  return evidenceOf(l.name, type, undefined, new DnsError('ETIMEOUT', l.message ?? l.error ?? 'no answer'));
}

function dkimOf(r: DKIMResult): DkimSignatureResult {
  const x = r as DKIMResult & { algo?: string; bodyHash?: string; bodyHashExpecting?: string; modulusLength?: number; rr?: string; signingHeaders?: { keys?: string }; canonBodyLengthLimited?: boolean };
  const out: DkimSignatureResult = {
    domain: r.signingDomain ?? '',
    selector: r.selector,
    algorithm: x.algo,
    result: r.status.result,
    comment: r.status.comment,
    aligned: Boolean(r.status.aligned),
  };
  if (x.modulusLength) out.keyBits = x.modulusLength;
  if (x.bodyHash && x.bodyHashExpecting) out.bodyHashMatches = x.bodyHash === x.bodyHashExpecting;
  if (x.canonBodyLengthLimited) out.bodyLengthLimited = true;
  if (x.signingHeaders?.keys) out.signedHeaders = x.signingHeaders.keys.split(': ').map((k) => k.trim()).filter(Boolean);
  if (x.rr) out.keyRecord = x.rr;
  const h = (r.status as { header?: { i?: string; b?: string } }).header;
  if (h?.i) out.identity = h.i;
  if (h?.b) out.signatureStart = h.b;
  return out;
}

function inputOf(text: string, parsed: ParsedHeaders): VerifyResult['input'] {
  if (text.trim() === '' || parsed.fields.length === 0) return 'not-a-message';
  return parsed.bodyOffset === null ? 'header-only' : 'message';
}

/** Whether bytes are a message, a header without a body, or not a message (nothing to verify). */
export function messageInput(bytes: Buffer): VerifyResult['input'] {
  const text = bytes.toString('latin1');
  return inputOf(text, parseHeaderBlock(text));
}

/** The input as a header and an optional body, and the bytes mailauth may read (bounded Received fields). */
function prepare(bytes: Buffer): { input: VerifyResult['input']; forVerifier: Buffer; left: number; text: string } {
  const text = bytes.toString('latin1'); // one char per byte: spans are byte offsets
  const parsed = parseHeaderBlock(text);
  const input = inputOf(text, parsed);
  if (input === 'not-a-message') return { input, forVerifier: bytes, left: 0, text };
  const drop: Array<[number, number]> = [];
  let count = 0;
  for (const f of parsed.fields) {
    if (f.lname !== 'received') continue;
    if (++count > MAX_RECEIVED || f.span.end - f.span.start > MAX_RECEIVED_BYTES) {
      const nl = text.indexOf('\n', f.span.end);
      drop.push([f.span.start, nl < 0 ? f.span.end : nl + 1]);
    }
  }
  let forVerifier = bytes;
  if (drop.length) {
    const parts: Buffer[] = [];
    let at = 0;
    for (const [start, end] of drop) {
      parts.push(bytes.subarray(at, start));
      at = end;
    }
    parts.push(bytes.subarray(at));
    forVerifier = Buffer.concat(parts);
  }
  // a header without the empty line: give the verifier the empty line (and an empty body)
  if (input === 'header-only') forVerifier = Buffer.concat([forVerifier, Buffer.from(/\r?\n$/.test(text) ? '\r\n' : '\r\n\r\n', 'latin1')]);
  return { input, forVerifier, left: drop.length, text };
}

/** RFC 8601 value: a token as is, anything else quoted. */
function arValue(v: string): string {
  // a token, or the address form RFC 8601 §2.2 allows for pvalue ([local-part] "@" domain)
  return /^[!#-'*+\-.0-9A-Z^-~]+$/.test(v) || /^[!#-'*+\-/-9=?A-Z^-~.]*@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v) ? v : `"${v.replace(/[\\"]/g, '\\$&')}"`;
}

/** RFC 8601 comment text: parentheses and backslashes escaped, no line breaks. */
function arComment(c: string | undefined): string {
  return c ? ` (${c.replace(/[\r\n]+/g, ' ').replace(/[\\()]/g, '\\$&')})` : '';
}

function arLine(method: string, result: string, comment: string | undefined, props: Array<[string, string | undefined]>): string {
  const p = props.filter((x): x is [string, string] => typeof x[1] === 'string' && x[1] !== '').map(([k, v]) => ` ${k}=${arValue(v)}`).join('');
  return `${method}=${result}${arComment(comment)}${p}`;
}

/** The Authentication-Results header of this result (RFC 8601), from the table the user sees. */
export function authenticationResultsOf(r: Pick<VerifyResult, 'dkim' | 'spf' | 'dmarc' | 'arc'>, mta = 'mailsec'): string {
  const lines: string[] = [];
  if (!r.dkim.length) lines.push('dkim=none');
  for (const s of r.dkim) lines.push(arLine('dkim', s.result, s.comment, [['header.d', s.domain], ['header.i', s.identity], ['header.s', s.selector], ['header.a', s.algorithm], ['header.b', s.signatureStart]]));
  if (r.spf.clientIpSource === 'none') lines.push(arLine('spf', 'none', 'no client IP', []));
  else lines.push(arLine('spf', r.spf.result, r.spf.comment, [['smtp.mailfrom', r.spf.sender || r.spf.domain], ['smtp.helo', r.spf.helo]]));
  if (r.arc) lines.push(arLine('arc', r.arc.result, r.arc.comment, []));
  if (r.dmarc) lines.push(arLine('dmarc', r.dmarc.result, r.dmarc.policy ? `p=${r.dmarc.policy}` : undefined, [['header.from', r.dmarc.from ?? r.dmarc.domain]]));
  return `Authentication-Results: ${arValue(mta)};\n ${lines.join(';\n ')}`;
}

function notAMessage(bytes: Buffer): VerifyResult {
  const why = bytes.length === 0 ? 'the file is empty' : bytes.toString('latin1').trim() === '' ? 'the file holds only blank lines' : 'it has no header fields (Name: value lines) before the first empty line';
  const base = { dkim: [], spf: { result: 'none', clientIpSource: 'none' as const } };
  return {
    verdict: 'error', summary: `Not a message: ${why}.`, input: 'not-a-message', from: [], ...base,
    authenticationResults: '',
    findings: [checkFinding('verify-not-a-message', 'error', `Not a message: ${why}, so there is nothing to verify.`, 'Save the whole message (.eml, with its header) from your mail client ("Show original", "Save as") and verify that file.')],
    dns: [],
  };
}

/** The key record mailauth looked up for a signature (after any CNAME), from the lookups made. */
function keyRecordOf(lookups: readonly MailauthLookup[], s: DkimSignatureResult): string | undefined {
  const name = `${s.selector}._domainkey.${s.domain}`.toLowerCase();
  const l = lookups.find((x) => x.type === 'TXT' && x.name.toLowerCase() === name && x.result);
  const rec = l?.result?.records.find((r) => r.type === 'TXT');
  return rec ? (rec.data as string[]).join('') : undefined;
}

/**
 * SPF for the message's client, by the engine of `check spf --ip` (RFC 7208 over our resolver):
 * one SPF verdict in every surface. The sender is MAIL FROM; none means the null sender,
 * checked as postmaster@HELO.
 */
async function spfOf(resolver: Resolver, clientIp: string | undefined, source: VerifyResult['spf']['clientIpSource'], sender: string | undefined, helo: string | undefined, signal?: AbortSignal): Promise<VerifyResult['spf']> {
  if (!clientIp) return { result: 'none', comment: 'no client IP: give it, or keep the Received header of the receiving server', clientIpSource: 'none' };
  const o = await evaluateSpf(resolver, { ip: clientIp, sender: sender ?? '', helo, signal });
  return {
    result: o.result, comment: o.reason, domain: o.domain, clientIp, clientIpSource: source, helo, sender: o.sender, record: o.root.record,
    lookups: { count: o.lookups, limit: SPF_LOOKUP_LIMIT, void: o.voids.length },
  };
}

/** DMARC's SPF alignment for our SPF verdict (RFC 9989 §4.4.2: relaxed unless aspf=s). */
function spfAlignment(spf: VerifyResult['spf'], from: string | undefined, record: string | undefined): string | false {
  if (spf.result !== 'pass' || !spf.domain || !from) return false;
  const a = spf.domain.toLowerCase().replace(/\.$/, '');
  const f = from.toLowerCase().replace(/\.$/, '');
  const strict = /(^|;)\s*aspf\s*=\s*s\s*(;|$)/i.test(record ?? '');
  return (strict ? a === f : orgDomainPsl(a) === orgDomainPsl(f)) ? a : false;
}

export async function verifyMessage(resolver: Resolver, message: Buffer | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  const prepared = prepare(bytes);
  if (prepared.input === 'not-a-message') return notAMessage(bytes);
  const headerOnly = prepared.input === 'header-only';

  const client = receivedClient(prepared.text);
  const ip = options.ip ?? client.ip;
  const helo = options.helo ?? (options.ip ? undefined : client.helo);
  const sender = options.sender ?? (client.sender || undefined);

  const { authenticate } = await import('mailauth');
  const lookups: MailauthLookup[] = [];
  const asked = mailauthResolver(withCache(resolver), { signal: options.signal, onLookup: (l) => lookups.push(l) });
  // As `check dmarc` does: a DMARC lookup that fails at a public suffix (authoritative-only
  // servers refuse `_dmarc.com`) is "no record", not a temperror for the whole walk.
  const resolve = async (name: string, type: string): Promise<unknown> => {
    try {
      return await asked(name, type);
    } catch (e) {
      // only DNS failures (compared by name: the class may come from another chunk), never a cancellation
      const code = e instanceof Error && e.name === 'MailauthDnsError' ? (e as MailauthDnsError).code : undefined;
      if (code && code !== 'ENOTFOUND' && code !== 'ENODATA' && name.startsWith('_dmarc.') && isPublicSuffix(name.slice(7))) {
        throw new MailauthDnsError('ENOTFOUND', name, 'taken as no record (a public suffix the server would not answer for)');
      }
      throw e;
    }
  };
  const res: AuthenticateResult = await authenticate(prepared.forVerifier, {
    resolver: resolve as never,
    ip,
    helo,
    sender,
    mta: options.mta ?? 'mailsec',
    strict: true,
    disableBimi: true,
  } as never);
  options.signal?.throwIfAborted();

  const findings: CheckFinding[] = [];
  const from = res.dkim.headerFrom ?? [];
  const signatures = (res.dkim.results ?? []).filter((r) => r.signingDomain).map(dkimOf);

  // One key parser: the key mailauth used, read by the parser of `check dkim`, with this signature's tags.
  for (const s of signatures) {
    const record = s.keyRecord ?? keyRecordOf(lookups, s);
    if (!record || !s.selector) continue;
    s.keyRecord = record;
    const parsed = parseDkimKeyRecord(record);
    const problems = [...parsed.findings.filter((f) => f.severity === 'error'), ...keyMismatches(parsed.record, record, { algorithm: s.algorithm ?? '', domain: s.domain, identity: s.identity })];
    if (parsed.record.revoked) continue; // mailauth already fails a revoked key
    if (!problems.length) continue;
    s.keyProblems = problems.map((f) => f.message);
    if (s.result === 'pass' || s.result === 'neutral' || s.result === 'none') {
      s.result = 'permerror';
      s.comment = `key cannot verify this signature: ${problems[0]!.code}`;
    }
    s.aligned = s.result === 'pass' && s.aligned;
  }
  if (headerOnly) {
    for (const s of signatures) {
      if (s.bodyHashMatches !== false) continue;
      s.bodyUnchecked = true;
      s.bodyHashMatches = undefined;
      if (s.result === 'fail' || s.result === 'neutral') {
        s.result = 'neutral';
        s.comment = 'body hash cannot be checked: the file has no body';
      }
    }
  }

  const spf = await spfOf(withCache(resolver), ip, options.ip ? 'given' : 'received', sender, helo, options.signal);
  options.signal?.throwIfAborted();

  const d = res.dmarc || undefined;
  let dmarc: VerifyResult['dmarc'] = d
    ? { result: d.status.result, comment: d.status.comment, domain: d.domain, from: (d.status as { header?: { from?: string } }).header?.from, policy: d.policy, p: d.p, sp: d.sp, record: d.rr, alignment: { spf: d.alignment?.spf?.result ?? false, dkim: d.alignment?.dkim?.result ?? false } }
    : undefined;
  // DMARC again from our SPF verdict, and when a signature it counted is no longer a pass
  if (dmarc && dmarc.alignment && (dmarc.result === 'pass' || dmarc.result === 'fail')) {
    const dkimAligned = signatures.find((s) => s.result === 'pass' && s.aligned);
    const spfAligned = spfAlignment(spf, dmarc.from ?? dmarc.domain, dmarc.record);
    dmarc.alignment = { spf: spfAligned, dkim: dmarc.alignment.dkim && dkimAligned ? dmarc.alignment.dkim : false };
    const pass = Boolean(dmarc.alignment.spf || dmarc.alignment.dkim);
    if (pass !== (dmarc.result === 'pass')) dmarc = { ...dmarc, result: pass ? 'pass' : 'fail', comment: dmarc.comment };
  }
  const arc = res.arc ? { result: res.arc.status.result, comment: res.arc.status.comment, instance: res.arc.i } : undefined;

  const temp = (r?: string): boolean => r === 'temperror' || r === 'temperr';
  if (prepared.left) findings.push(checkFinding('verify-received-bounded', 'warning', `${prepared.left} Received field(s) were left out of verification (more than ${MAX_RECEIVED} of them, or longer than ${MAX_RECEIVED_BYTES} bytes); a DKIM signature that covers them fails.`, 'Verify the message as it was received; no mail server writes such Received fields.'));
  if (headerOnly) findings.push(checkFinding('verify-header-only', 'warning', `The file holds only the header (no empty line and body after it)${signatures.length ? `: ${signatures.length} DKIM signature(s) found, but their body hash cannot be checked` : ''}.`, 'Verify the whole message (.eml with its body) to check the body hashes.'));
  if (signatures.length === 0) {
    findings.push(checkFinding('verify-dkim-none', 'warning', 'The message carries no DKIM signature, so only SPF can authenticate it and forwarding breaks that.', 'Sign outgoing mail with DKIM for the From domain.'));
  }
  for (const s of signatures) {
    const who = `DKIM signature d=${s.domain} s=${s.selector ?? '?'}`;
    const name = `${s.selector}._domainkey.${s.domain}`;
    if (temp(s.result)) findings.push(checkFinding('verify-temperror', 'error', `${who}: the key could not be looked up (${s.comment ?? 'DNS failure'}).`, 'Retry, or check the DNS servers.', { name, change: [{ knob: 'resolver-servers', why: 'to ask another server' }] }));
    else if (s.keyProblems?.length) findings.push(checkFinding('verify-dkim-key', 'error', `${who}: the key at ${name} cannot verify it: ${s.keyProblems.join(' ')}`, 'Fix the key record.', { name, record: s.keyRecord, change: [{ knob: 'check-dkim', domain: s.domain, selector: s.selector ?? '<selector>', why: 'to see what is wrong with it' }] }));
    else if (s.bodyUnchecked) continue;
    else if (s.result !== 'pass') {
      const why = s.bodyHashMatches === false ? 'the body was changed after signing (body hash mismatch)' : s.comment ?? s.result;
      findings.push(checkFinding('verify-dkim-fail', 'error', `${who} does not verify: ${why}.`, s.bodyHashMatches === false ? 'Find the hop that rewrote the body (footers, line endings, re-encoding); sign after it or stop it.' : `Check the key at ${name} against the signing key.`, { name, change: [{ knob: 'check-dkim', domain: s.domain, selector: s.selector ?? '<selector>' }] }));
    }
    if (s.bodyLengthLimited) findings.push(checkFinding('verify-dkim-body-length', 'warning', `${who} uses l=: content appended after the signed part is not covered and can be forged.`, 'Sign without l=.'));
  }
  if (spf.clientIpSource === 'none') {
    findings.push(checkFinding('verify-no-client-ip', 'info', 'SPF was not evaluated: the client IP is unknown (none given and no Received header with an address).', 'Give the address of the sending server (and the sender).', { change: [{ knob: 'message-client-ip' }] }));
  } else if (temp(spf.result)) {
    findings.push(checkFinding('verify-temperror', 'error', `SPF for ${spf.domain}: ${spf.comment ?? 'temporary DNS failure'}.`, 'Retry, or check the DNS servers.', { change: [{ knob: 'resolver-servers', why: 'to ask another server' }] }));
  } else if (['fail', 'softfail', 'permerror'].includes(spf.result)) {
    findings.push(checkFinding('verify-spf-fail', spf.result === 'softfail' ? 'warning' : 'error', `SPF ${spf.result} for ${spf.clientIp} sending as ${spf.sender ?? spf.domain}: ${spf.comment ?? ''}`.trim(), spf.result === 'permerror' ? `Fix the SPF record of ${spf.domain}.` : `Authorise ${spf.clientIp} in the SPF record of ${spf.domain} if it is your server.`, { name: spf.domain, ...(spf.result === 'permerror' && spf.domain ? { change: [{ knob: 'check-spf' as const, domain: spf.domain, why: 'to see what is wrong with it' }] } : {}) }));
  }
  if (!dmarc) {
    findings.push(checkFinding('verify-dmarc-none', 'warning', 'DMARC was not evaluated: the message has no single From address.', 'Use exactly one address in From.'));
  } else if (temp(dmarc.result)) {
    findings.push(checkFinding('verify-temperror', 'error', `DMARC for ${dmarc.domain}: the record could not be looked up.`, 'Retry, or check the DNS servers.', { change: [{ knob: 'resolver-servers', why: 'to ask another server' }] }));
  } else if (dmarc.result === 'none') {
    findings.push(checkFinding('verify-dmarc-none', 'warning', `${dmarc.domain} publishes no DMARC policy, so receivers decide alone what to do with unauthenticated mail from it.`, `Publish a DMARC record at _dmarc.${dmarc.domain}.`, dmarc.domain ? { change: [{ knob: 'check-dmarc', domain: dmarc.domain, why: 'then check it' }] } : undefined));
  } else if (dmarc.result !== 'pass') {
    findings.push(checkFinding('verify-dmarc-fail', 'error', `DMARC ${dmarc.result} for ${dmarc.domain}: neither an aligned DKIM signature nor an aligned SPF pass (policy ${dmarc.policy ?? 'none'}).`, 'Sign with DKIM for the From domain, or send from a server its SPF record authorises with a MAIL FROM in the same domain.'));
  }
  if (arc && arc.result === 'fail') {
    findings.push(checkFinding('verify-arc-fail', 'warning', `The ARC chain does not validate (${arc.comment ?? 'fail'}); receivers will not trust the results forwarders recorded.`, 'Find the forwarder that broke the chain (the instance after the last valid one).'));
  }

  const couldNotCheck = findings.some((f) => f.code === 'verify-temperror');
  const keyBroken = findings.some((f) => f.code === 'verify-dkim-key');
  // DMARC pass means the message authenticates; other problems then only warn (a key that cannot verify its signature still fails).
  const verdict: Verdict = couldNotCheck ? 'error' : dmarc?.result === 'pass' && !keyBroken ? (findings.some((f) => f.severity !== 'info') ? 'warn' : 'pass') : verdictOf(findings);
  const parts = [
    `DKIM ${signatures.length ? signatures.map((s) => `${s.result} (${s.domain})`).join(', ') : 'none'}`,
    `SPF ${spf.result}${spf.clientIp ? ` (${spf.clientIp})` : ''}`,
    `DMARC ${dmarc?.result ?? 'none'}`,
    ...(arc && arc.result !== 'none' ? [`ARC ${arc.result}`] : []),
  ];
  const result: VerifyResult = {
    verdict, summary: parts.join('; ') + (headerOnly ? ' (header only: body hashes not checked)' : ''), input: prepared.input, from, dkim: signatures, spf, dmarc, arc,
    authenticationResults: '', findings, dns: lookups.map(evidenceOfLookup),
  };
  result.authenticationResults = authenticationResultsOf(result, options.mta ?? 'mailsec');
  return result;
}
