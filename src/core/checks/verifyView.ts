/**
 * A message verification (verifyMessage.ts) in the header panel's vocabulary: the same
 * AuthView the header analysis shows (src/core/headers/viewTypes.ts) — "sender validated",
 * one row per method with its result, tone and alignment with the From domain, and the DKIM
 * signatures table — so Verify Message Authentication and the header panel describe one
 * message in the same words. Presentation only: the verdicts are verifyMessage's.
 */
import { toneOf } from '../headers/viewAuth';
import type { AuthRow, AuthView, SignatureRow } from '../headers/viewTypes';
import type { VerifyResult } from './verifyMessage';

const NO_SPAN = { start: 0, end: 0 };
const join = (parts: readonly (string | number | false | undefined | null)[]): string => parts.filter(Boolean).join(', ');

function aligned(result: string | false | undefined, domain: string | undefined): string {
  if (result === undefined) return '';
  return result ? `aligned with From${domain ? ` (${domain})` : ''}` : 'not aligned with From';
}

export function verifyAuthView(r: VerifyResult): AuthView {
  const rows: AuthRow[] = [];
  const spf = r.spf;
  rows.push({
    method: 'SPF',
    result: spf.result,
    tone: toneOf(spf.result),
    alignment: r.dmarc?.alignment ? aligned(r.dmarc.alignment.spf, r.dmarc.domain) : '',
    details: join([
      spf.clientIp ? `client ${spf.clientIp} (${spf.clientIpSource === 'given' ? 'given' : 'from Received'})` : 'no client IP',
      spf.sender && `MAIL FROM ${spf.sender}`,
      spf.helo && `HELO ${spf.helo}`,
      spf.lookups && `${spf.lookups.count} of ${spf.lookups.limit} lookups, ${spf.lookups.void} void`,
      spf.comment,
    ]),
    span: null,
  });
  if (!r.dkim.length) rows.push({ method: 'DKIM', result: 'none', tone: 'warn', alignment: '', details: 'no DKIM-Signature', span: null });
  for (const s of r.dkim) {
    rows.push({
      method: 'DKIM',
      result: s.result,
      tone: toneOf(s.result),
      alignment: s.aligned ? 'aligned with From' : 'not aligned with From',
      details: join([`d=${s.domain}`, `s=${s.selector ?? '?'}`, s.bodyHashMatches === false && 'body changed after signing', s.bodyUnchecked && 'body not in the file', s.comment]),
      span: null,
    });
  }
  if (r.dmarc) {
    rows.push({
      method: 'DMARC',
      result: r.dmarc.result,
      tone: toneOf(r.dmarc.result),
      alignment: '',
      details: join([r.dmarc.domain, r.dmarc.policy && `policy ${r.dmarc.policy}`, r.dmarc.comment]),
      span: null,
    });
  }
  if (r.arc && r.arc.result !== 'none') rows.push({ method: 'ARC', result: r.arc.result, tone: toneOf(r.arc.result), alignment: '', details: join([r.arc.instance ? `i=${r.arc.instance}` : '', r.arc.comment]), span: null });
  const signatures: SignatureRow[] = r.dkim.map((s) => ({
    domain: s.domain,
    selector: s.selector ?? '?',
    algorithm: s.algorithm ?? '',
    aligned: s.aligned ? 'yes' : 'no',
    notes: join([s.keyBits ? `${s.keyBits}-bit key` : undefined, s.bodyHashMatches === false && 'body changed after signing', s.bodyUnchecked && 'body not in the file', s.bodyLengthLimited && 'l= (part of the body unsigned)', `result ${s.result}`]),
    span: NO_SPAN,
  }));
  const validated = r.dmarc?.result === 'pass';
  const trustedReason = validated
    ? 'Checked now by mailsec against the live DNS: DMARC passes for the From domain.'
    : `Checked now by mailsec against the live DNS${r.dmarc ? `: DMARC ${r.dmarc.result} for ${r.dmarc.domain ?? 'the From domain'}` : ''}. These results are mailsec's own, not read from the message's Authentication-Results.`;
  return { validated, trustedReason, rows, headers: [], signatures };
}
