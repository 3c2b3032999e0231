/**
 * Verifies a whole message (.eml) with mailauth's authenticate(): DKIM per signature,
 * SPF for the connecting IP (given, or from the top Received header), DMARC and ARC,
 * all looked up through our Resolver (CNAME chains chased, void lookups thrown).
 *
 * mailauth is imported lazily inside the function: scripts/build.mjs bundles it into
 * dist/vendor/mailauth.js (from src/vendor/mailauth.ts) and rewrites this import to load
 * that file, so the CLI and the extension start without parsing it. mailauth stays on
 * 4.13: 5.x needs Node >= 22.19, and the CLI must run on Node 20 (a fresh Debian).
 */
import type { AuthenticateResult, DKIMResult } from 'mailauth';
import type { Resolver } from '../dns/resolver';
import { withCache } from '../dns/resolver';
import { mailauthResolver, type MailauthLookup } from '../dns/mailauthResolver';
import { DnsError, type RecordType } from '../dns/types';
import { checkFinding, evidenceOf, verdictOf } from './lookup';
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
}

export interface VerifyResult {
  verdict: Verdict;
  summary: string;
  /** From header address(es). */
  from: string[];
  dkim: DkimSignatureResult[];
  spf: { result: string; comment?: string; domain?: string; clientIp?: string; clientIpSource: 'given' | 'received' | 'none'; helo?: string; sender?: string; record?: string; lookups?: { count: number; limit: number; void: number } };
  dmarc?: { result: string; comment?: string; domain?: string; policy?: string; p?: string; sp?: string; record?: string; alignment?: { spf: string | false; dkim: string | false } };
  arc?: { result: string; comment?: string; instance: number | false };
  /** The Authentication-Results header mailauth would add (folded lines joined by \n). */
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
  return out;
}

export async function verifyMessage(resolver: Resolver, message: Buffer | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { authenticate } = await import('mailauth');
  const lookups: MailauthLookup[] = [];
  const resolve = mailauthResolver(withCache(resolver), { signal: options.signal, onLookup: (l) => lookups.push(l) });
  // mailauth 4.13's DKIM verifier prints a debug line ("TOTAL n EXPECTING m") to stdout for
  // signatures with l=; it would corrupt `--format json`. Drop that one line while we run it.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (args[0] !== 'TOTAL') log(...args);
  };
  let res: AuthenticateResult;
  try {
    res = await authenticate(message, {
      resolver: resolve as never,
      ip: options.ip,
      helo: options.helo,
      sender: options.sender,
      mta: options.mta ?? 'mailsec',
      // fills only what was not given: the IP and HELO from the top Received header, MAIL FROM from Return-Path
      trustReceived: true,
      disableBimi: true,
    });
  } finally {
    console.log = log;
  }
  options.signal?.throwIfAborted();

  const findings: CheckFinding[] = [];
  const from = res.dkim.headerFrom ?? [];
  const signatures = (res.dkim.results ?? []).filter((r) => r.signingDomain).map(dkimOf);

  // SPF: mailauth reports "neutral" when it had no IP to test; say what really happened.
  const spfRaw = res.spf || undefined;
  const clientIp = spfRaw?.['client-ip' as keyof typeof spfRaw] as string | undefined;
  const spf: VerifyResult['spf'] = clientIp
    ? {
        result: spfRaw!.status.result, comment: spfRaw!.status.comment, domain: spfRaw!.domain, clientIp,
        clientIpSource: options.ip ? 'given' : 'received', helo: spfRaw!.helo, sender: (spfRaw as unknown as Record<string, string>)['envelope-from'], record: spfRaw!.rr,
        lookups: spfRaw!.lookups ? { count: spfRaw!.lookups.count, limit: spfRaw!.lookups.limit, void: spfRaw!.lookups.void } : undefined,
      }
    : { result: 'none', comment: 'no client IP: pass --ip, or keep the Received header of the receiving server', clientIpSource: 'none' };

  const d = res.dmarc || undefined;
  const dmarc: VerifyResult['dmarc'] = d
    ? { result: d.status.result, comment: d.status.comment, domain: d.domain, policy: d.policy, p: d.p, sp: d.sp, record: d.rr, alignment: { spf: d.alignment?.spf?.result ?? false, dkim: d.alignment?.dkim?.result ?? false } }
    : undefined;
  const arc = res.arc ? { result: res.arc.status.result, comment: res.arc.status.comment, instance: res.arc.i } : undefined;

  const temp = (r?: string): boolean => r === 'temperror' || r === 'temperr';
  if (signatures.length === 0) {
    findings.push(checkFinding('verify-dkim-none', 'warning', 'The message carries no DKIM signature, so only SPF can authenticate it and forwarding breaks that.', 'Sign outgoing mail with DKIM for the From domain.'));
  }
  for (const s of signatures) {
    const who = `DKIM signature d=${s.domain} s=${s.selector ?? '?'}`;
    if (temp(s.result)) findings.push(checkFinding('verify-temperror', 'error', `${who}: the key could not be looked up (${s.comment ?? 'DNS failure'}).`, 'Retry, or check the DNS servers (--server).', { name: `${s.selector}._domainkey.${s.domain}` }));
    else if (s.result !== 'pass') {
      const why = s.bodyHashMatches === false ? 'the body was changed after signing (body hash mismatch)' : s.comment ?? s.result;
      findings.push(checkFinding('verify-dkim-fail', 'error', `${who} does not verify: ${why}.`, s.bodyHashMatches === false ? 'Find the hop that rewrote the body (footers, line endings, re-encoding); sign after it or stop it.' : `Check the key at ${s.selector}._domainkey.${s.domain} against the signing key (mailsec check dkim ${s.domain} --selector ${s.selector}).`, { name: `${s.selector}._domainkey.${s.domain}` }));
    }
    if (s.bodyLengthLimited) findings.push(checkFinding('verify-dkim-body-length', 'warning', `${who} uses l=: content appended after the signed part is not covered and can be forged.`, 'Sign without l=.'));
  }
  if (spf.clientIpSource === 'none') {
    findings.push(checkFinding('verify-no-client-ip', 'info', 'SPF was not evaluated: the client IP is unknown (no --ip and no Received header with an address).', 'Pass --ip <address of the sending server> (and --sender).'));
  } else if (temp(spf.result)) {
    findings.push(checkFinding('verify-temperror', 'error', `SPF for ${spf.domain}: ${spf.comment ?? 'temporary DNS failure'}.`, 'Retry, or check the DNS servers (--server).'));
  } else if (['fail', 'softfail', 'permerror'].includes(spf.result)) {
    findings.push(checkFinding('verify-spf-fail', spf.result === 'softfail' ? 'warning' : 'error', `SPF ${spf.result} for ${spf.clientIp} sending as ${spf.sender ?? spf.domain}: ${spf.comment ?? ''}`.trim(), spf.result === 'permerror' ? `Fix the SPF record of ${spf.domain} (mailsec check spf ${spf.domain}).` : `Authorise ${spf.clientIp} in the SPF record of ${spf.domain} if it is your server.`, { name: spf.domain }));
  }
  if (!dmarc) {
    findings.push(checkFinding('verify-dmarc-none', 'warning', 'DMARC was not evaluated: the message has no single From address.', 'Use exactly one address in From.'));
  } else if (temp(dmarc.result)) {
    findings.push(checkFinding('verify-temperror', 'error', `DMARC for ${dmarc.domain}: the record could not be looked up.`, 'Retry, or check the DNS servers (--server).'));
  } else if (dmarc.result === 'none') {
    findings.push(checkFinding('verify-dmarc-none', 'warning', `${dmarc.domain} publishes no DMARC policy, so receivers decide alone what to do with unauthenticated mail from it.`, `Publish a DMARC record at _dmarc.${dmarc.domain} (mailsec check dmarc ${dmarc.domain}).`));
  } else if (dmarc.result !== 'pass') {
    findings.push(checkFinding('verify-dmarc-fail', 'error', `DMARC ${dmarc.result} for ${dmarc.domain}: neither an aligned DKIM signature nor an aligned SPF pass (policy ${dmarc.policy ?? 'none'}).`, 'Sign with DKIM for the From domain, or send from a server its SPF record authorises with a MAIL FROM in the same domain.'));
  }
  if (arc && arc.result === 'fail') {
    findings.push(checkFinding('verify-arc-fail', 'warning', `The ARC chain does not validate (${arc.comment ?? 'fail'}); receivers will not trust the results forwarders recorded.`, 'Find the forwarder that broke the chain (the instance after the last valid one).'));
  }

  const couldNotCheck = findings.some((f) => f.code === 'verify-temperror');
  // DMARC pass means the message authenticates; other problems then only warn.
  const verdict: Verdict = couldNotCheck ? 'error' : dmarc?.result === 'pass' ? (findings.some((f) => f.severity !== 'info') ? 'warn' : 'pass') : verdictOf(findings);
  const parts = [
    `DKIM ${signatures.length ? signatures.map((s) => `${s.result} (${s.domain})`).join(', ') : 'none'}`,
    `SPF ${spf.result}${spf.clientIp ? ` (${spf.clientIp})` : ''}`,
    `DMARC ${dmarc?.result ?? 'none'}`,
    ...(arc && arc.result !== 'none' ? [`ARC ${arc.result}`] : []),
  ];
  return {
    verdict, summary: parts.join('; '), from, dkim: signatures, spf, dmarc, arc,
    authenticationResults: res.headers.split(/\r?\n(?=\S)/).find((h) => /^Authentication-Results:/i.test(h))?.trim().replace(/\r\n/g, '\n') ?? '',
    findings, dns: lookups.map(evidenceOfLookup),
  };
}

