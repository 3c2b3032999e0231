/**
 * Was the sender validated? Reads every Authentication-Results and
 * ARC-Authentication-Results, believes one (see trust.ts), and combines it with
 * Received-SPF, the DKIM-Signature fields, the ARC chain and the alignment of the
 * authenticated domains with From (DMARC's relaxed and strict alignment).
 */
import { pushAll } from '../arrays';
import type { Finding, Span } from '../findings';
import { analyzeArc } from './arc';
import { parseAuthResults } from './authResults';
import { analyzeDkimSignature } from './dkim';
import { alignedRelaxed, alignedStrict, normalizeDomain } from './domains';
import { compauthReason, DMARC_ACTION } from './msTables';
import { sourceSpanOf } from './parse';
import { pickTrustedAuthResults } from './trust';
import type { AuthenticationSummary, AuthMethodResult, AuthResultsHeader, HeaderField, OrganizationSettings, ReceivedSpf } from './types';
import { clipped } from '../text/visible';

/** Problems reported one by one per field; the rest are counted in one finding. */
const MAX_PROBLEMS = 20;

export function parseAllAuthResults(fields: HeaderField[]): { headers: AuthResultsHeader[]; findings: Finding[] } {
  const headers: AuthResultsHeader[] = [];
  const findings: Finding[] = [];
  let noIdReported = false;
  for (const f of fields) {
    const arc = f.lname === 'arc-authentication-results';
    if (!arc && f.lname !== 'authentication-results') continue;
    const p = parseAuthResults(f.unfolded, arc);
    for (const pr of p.problems.slice(0, MAX_PROBLEMS)) {
      findings.push({
        code: 'hdr-auth-results-malformed',
        severity: 'warning',
        message: `${f.name}: ${pr.message}`,
        span: pr.end > pr.start ? sourceSpanOf(f, pr.start, pr.end) : f.nameSpan,
      });
    }
    if (p.problems.length > MAX_PROBLEMS) {
      const rest = p.problems.slice(MAX_PROBLEMS);
      const count = p.problems.length + p.moreProblems;
      findings.push({
        code: 'hdr-auth-results-malformed',
        severity: 'warning',
        message: `${f.name}: ${count - MAX_PROBLEMS} more problems like the ones above; the field is not a well-formed Authentication-Results.`,
        span: sourceSpanOf(f, rest[0]!.start, p.moreProblems ? f.unfolded.length : Math.max(rest[0]!.start, rest[rest.length - 1]!.end)),
        data: { count },
      });
    }
    if (!arc && !p.authservId && !noIdReported && p.results.length) {
      noIdReported = true;
      findings.push({
        code: 'hdr-auth-results-no-authserv-id',
        severity: 'info',
        message: 'This Authentication-Results has no authserv-id (Microsoft 365 writes them this way), so it cannot be tied to a server by name; mailsec trusts it only because of its position.',
        span: f.nameSpan,
      });
    }
    headers.push({
      headerIndex: f.index,
      kind: arc ? 'ARC-Authentication-Results' : 'Authentication-Results',
      instance: p.instance,
      authservId: p.authservId,
      version: p.version,
      results: p.results.map((r) => ({
        method: r.method,
        version: r.version,
        result: r.result,
        reason: r.reason,
        extras: r.extras,
        comments: r.comments,
        properties: r.properties.map((x) => ({ ptype: x.ptype, property: x.property, value: x.value, span: sourceSpanOf(f, x.start, x.end) })),
        span: sourceSpanOf(f, r.start, r.end),
      })),
      trusted: false,
      span: f.span,
    });
  }
  return { headers, findings };
}

function parseReceivedSpf(f: HeaderField): ReceivedSpf {
  const v = f.unfolded;
  const result = (/^\s*([A-Za-z]+)/.exec(v)?.[1] ?? '').toLowerCase();
  const comment = /\(([^)]*)\)/.exec(v)?.[1]?.trim() ?? null;
  const params: Record<string, string> = {};
  const afterComment = v.replace(/^\s*[A-Za-z]+\s*(\([^)]*\))?/, '');
  // A key starts a word (the look-behind): a long run of letters is tried once, not from each letter.
  for (const m of afterComment.matchAll(/(?<![\w-])([A-Za-z][\w-]*)\s*=\s*("[^"]*"|[^;\s]+)/g)) params[m[1]!.toLowerCase()] = m[2]!.replace(/^"|"$/g, '');
  return { headerIndex: f.index, result, comment, params, span: f.span };
}

function domainOf(v: string | null): string | null {
  if (!v) return null;
  const d = v.slice(v.lastIndexOf('@') + 1).replace(/^<|>$/g, '').trim();
  return d ? normalizeDomain(d) : null;
}

function first(results: AuthMethodResult[], method: string): AuthMethodResult | null {
  return results.find((r) => r.method === method) ?? null;
}

function propValue(r: AuthMethodResult, ptype: string, property: string): string | null {
  return r.properties.find((p) => p.ptype === ptype && p.property === property)?.value ?? null;
}

export interface AuthInput {
  fields: HeaderField[];
  org: OrganizationSettings;
  fromDomain: string | null;
  returnPathDomain: string | null;
  now: number;
}

export function analyzeAuthentication(input: AuthInput): { auth: AuthenticationSummary; findings: Finding[] } {
  const { fields, org, fromDomain, returnPathDomain, now } = input;
  const { headers, findings } = parseAllAuthResults(fields);
  const pick = pickTrustedAuthResults(headers, org);
  if (pick.index !== null) headers[pick.index]!.trusted = true;
  const trusted = pick.index !== null ? headers[pick.index]! : null;
  const receivedSpf = fields.filter((f) => f.lname === 'received-spf').map(parseReceivedSpf);
  const dkimSignatures = fields
    .filter((f) => f.lname === 'dkim-signature')
    .map((f) => {
      const r = analyzeDkimSignature(f, fromDomain, now);
      pushAll(findings, r.findings);
      return r.sig;
    });
  const arcResult = analyzeArc(fields);
  pushAll(findings, arcResult.findings);

  const results = trusted?.results ?? [];
  const spf = first(results, 'spf');
  const dkimAll = results.filter((r) => r.method === 'dkim');
  const dkim = dkimAll.find((r) => r.result === 'pass') ?? dkimAll[0] ?? null;
  const dmarc = first(results, 'dmarc');
  const comp = first(results, 'compauth');

  let mailFromDomain = spf ? domainOf(propValue(spf, 'smtp', 'mailfrom')) : null;
  let mailFromSource: AuthenticationSummary['alignment']['mailFromSource'] = mailFromDomain ? 'authentication-results' : null;
  if (!mailFromDomain && returnPathDomain) {
    mailFromDomain = returnPathDomain;
    mailFromSource = 'return-path';
  }
  const dkimDomains = trusted
    ? dkimAll.filter((r) => r.result === 'pass').map((r) => domainOf(propValue(r, 'header', 'd') ?? propValue(r, 'header', 'i'))).filter((d): d is string => !!d)
    : dkimSignatures.map((s) => s.domain).filter((d): d is string => !!d);
  const alignment: AuthenticationSummary['alignment'] = {
    fromDomain,
    mailFromDomain,
    mailFromSource,
    spfRelaxed: fromDomain && mailFromDomain ? alignedRelaxed(fromDomain, mailFromDomain) : null,
    spfStrict: fromDomain && mailFromDomain ? alignedStrict(fromDomain, mailFromDomain) : null,
    dkimDomains,
    dkimRelaxed: fromDomain && dkimDomains.length ? dkimDomains.some((d) => alignedRelaxed(d, fromDomain)) : null,
    dkimStrict: fromDomain && dkimDomains.length ? dkimDomains.some((d) => alignedStrict(d, fromDomain)) : null,
  };
  const spfPassAligned = spf?.result === 'pass' && alignment.spfRelaxed === true;
  const dkimPassAligned = trusted ? dkimAll.some((r) => r.result === 'pass' && !!fromDomain && alignedRelaxed(domainOf(propValue(r, 'header', 'd') ?? propValue(r, 'header', 'i')) ?? '', fromDomain)) : false;
  const validated = ['pass', 'bestguesspass'].includes(dmarc?.result ?? '') || comp?.result === 'pass' || spfPassAligned || dkimPassAligned;

  // The receiver says ARC vouched for the original authentication (a list or forwarder changed the message).
  const arcPass = first(results, 'arc')?.result === 'pass' && arcResult.arc.state === 'pass';
  const arcNote = arcPass
    ? ' The receiver reports arc=pass and the ARC chain is complete: a forwarder or mailing list changed the message, and ARC preserved the original results (check the oldest ARC-Authentication-Results).'
    : '';
  const spanOf = (r: AuthMethodResult | null): Span => r?.span ?? trusted?.span ?? { start: 0, end: 0 };
  if (headers.every((h) => h.kind !== 'Authentication-Results')) {
    const top = fields.find((f) => f.lname === 'received') ?? fields[0];
    if (top) {
      findings.push({
        code: 'hdr-auth-results-missing',
        severity: 'warning',
        message: 'The message has no Authentication-Results header, so nothing says whether SPF, DKIM or DMARC passed. Paste the full header as the receiving mailbox shows it.',
        span: top.nameSpan,
      });
    }
  } else {
    const ignored = headers.filter((h) => h.kind === 'Authentication-Results' && !h.trusted);
    if (ignored.length) {
      findings.push({
        code: 'hdr-auth-results-ignored',
        severity: 'info',
        message: `${ignored.length} other Authentication-Results header${ignored.length > 1 ? 's were' : ' was'} written by other servers (${[...new Set(ignored.map((h) => h.authservId ?? 'no authserv-id'))].join(', ')}) and ${ignored.length > 1 ? 'are' : 'is'} not believed; anyone upstream can write one.`,
        span: ignored[0]!.span,
        data: { headerIndexes: ignored.map((h) => h.headerIndex) },
      });
    }
  }
  if (dmarc && dmarc.result === 'fail') {
    const action = dmarc.extras['action'];
    findings.push({
      code: 'hdr-dmarc-fail',
      severity: arcPass ? 'warning' : 'error',
      message: `DMARC failed for ${clipped(propValue(dmarc, 'header', 'from') ?? fromDomain ?? 'the From domain', 80)}: neither an aligned SPF pass nor an aligned DKIM signature backs the From address.${action && DMARC_ACTION[action] ? ` action=${action}: ${DMARC_ACTION[action]}` : ''}${arcNote}`,
      span: spanOf(dmarc),
    });
  }
  if (comp && comp.result === 'fail') {
    const m = comp.reason ? compauthReason(comp.reason) : null;
    findings.push({
      code: 'hdr-compauth-fail',
      severity: 'error',
      message: `Microsoft 365 composite authentication failed${comp.reason ? ` (reason ${clipped(comp.reason, 40)}: ${m!.meaning})` : ''}.`,
      span: spanOf(comp),
    });
  }
  if (spf && ['fail', 'softfail', 'permerror', 'temperror'].includes(spf.result)) {
    findings.push({
      code: 'hdr-spf-fail',
      severity: 'warning',
      message: ['permerror', 'temperror'].includes(spf.result)
        ? `SPF could not be evaluated (spf=${spf.result})${mailFromDomain ? ` for ${clipped(mailFromDomain, 80)}` : ''}: ${spf.result === 'permerror' ? 'the SPF record is broken' : 'a DNS error occurred'}.`
        : `SPF ${spf.result === 'fail' ? 'failed' : 'soft-failed'}${mailFromDomain ? ` for ${clipped(mailFromDomain, 80)}` : ''}: the sending server is not authorised by the envelope domain's SPF record.`,
      span: spanOf(spf),
    });
  }
  if (dkimAll.length && !dkimAll.some((r) => r.result === 'pass') && dkimAll.some((r) => ['fail', 'permerror', 'temperror', 'neutral', 'policy'].includes(r.result))) {
    const d = dkimAll.find((r) => r.result !== 'none')!;
    findings.push({
      code: 'hdr-dkim-fail',
      severity: 'warning',
      message: `DKIM ${d.result}${propValue(d, 'header', 'd') ? ` for ${clipped(propValue(d, 'header', 'd')!, 80)}` : ''}${d.comments.length ? ` (${clipped(d.comments[0]!, 80)})` : ''}: the signature does not verify; the message was changed on the way or the signature is forged.`,
      span: spanOf(d),
    });
  }
  if (trusted && dkimDomains.length && fromDomain && alignment.dkimRelaxed === false) {
    findings.push({
      code: 'hdr-dkim-misaligned',
      severity: 'info',
      message: `DKIM passed for ${clipped(dkimDomains.join(', '), 160)}, which is not ${clipped(fromDomain ?? '', 80)} or in the same organisational domain, so it does not count for DMARC.`,
      span: spanOf(dkim),
    });
  }
  if (trusted && !validated) {
    const explicit = [spf, dkim, dmarc, comp].some((r) => r && r.result === 'fail');
    findings.push({
      code: 'hdr-sender-not-validated',
      severity: explicit && !arcPass ? 'error' : 'warning',
      message: `The sender could not be validated: no DMARC pass, no aligned SPF pass, no aligned DKIM pass in the trusted Authentication-Results (spf=${clipped(spf?.result ?? 'missing', 40)}, dkim=${clipped(dkim?.result ?? 'missing', 40)}, dmarc=${dmarc?.result ?? 'missing'}${comp ? `, compauth=${comp.result}` : ''}).${arcNote}`,
      span: trusted.span,
    });
  }
  const auth: AuthenticationSummary = {
    trusted: pick.index,
    trustedReason: pick.reason,
    results: headers,
    receivedSpf,
    dkimSignatures,
    arc: arcResult.arc,
    alignment,
    spf: spf?.result ?? null,
    dkim: dkim?.result ?? null,
    dmarc: dmarc?.result ?? null,
    dmarcAction: dmarc?.extras['action'] ? { value: dmarc.extras['action'], meaning: DMARC_ACTION[dmarc.extras['action'].toLowerCase()] ?? null } : null,
    compauth: comp ? { result: comp.result, reason: comp.reason, meaning: comp.reason ? compauthReason(comp.reason).meaning : null } : null,
    validated,
  };
  return { auth, findings };
}
