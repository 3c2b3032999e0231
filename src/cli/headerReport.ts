/**
 * The terminal view of a header analysis: verdict and reasons, summary, authentication,
 * the route with delays and the trust boundary, Microsoft anti-spam fields, and what the
 * transport rules would do. Every line goes through `visible()`, so control characters,
 * terminal escape sequences and bidi overrides from the message cannot act on the terminal.
 */
import type { Finding } from '../core/findings';
import { formatDuration } from '../core/headers/hops';
import { formatAddress, formatDelay, formatUtc } from '../core/headers/present';
import type { HeaderAnalysis, Hop } from '../core/headers/types';
import { visible } from '../core/headers/unicode';
import { LineIndex } from '../core/text/lineIndex';

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '▲', info: 'ℹ' };

const addr = formatAddress;
const delay = formatDelay;
const utc = formatUtc;

function hopLine(h: Hop, boundary: number | null): string {
  const from = [h.from ?? (h.fromHost ? h.fromHost : ''), h.fromIp ? `[${h.fromIp}]` : ''].filter(Boolean).join(' ') || '(local)';
  const by = h.by ?? h.byIp ?? '?';
  const mark = h.n === boundary ? '  ◆ first hop of your organisation' : h.trust === 'outside' ? '  (before your servers: could be forged)' : '';
  const time = h.time ? utc(h.time.epochMs) : 'no readable date      ';
  return `  ${String(h.n + 1).padStart(2)}  ${delay(h.delaySeconds).padStart(9)}  ${time}  ${from} → ${by}${h.with ? `  with ${h.with}` : ''}${mark}`;
}

export function renderHeaderReport(a: HeaderAnalysis, text: string, name: string): string {
  const index = new LineIndex(text);
  const where = (f: Finding) => {
    const p = index.positionAt(f.span.start);
    return `line ${p.line + 1}`;
  };
  const out: string[] = [];
  const count = (s: Finding['severity']) => a.findings.filter((f) => f.severity === s).length;
  out.push(`mailsec analyze: ${name}`);
  out.push(`Verdict: ${a.verdict.toUpperCase()} — ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`);
  for (const f of a.reasons) out.push(`  ${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.code}  ${f.message} (${where(f)})`);
  if (a.reasons.length === 0) out.push('  No problems found.');

  out.push('', 'Summary');
  const s = a.summary;
  const row = (k: string, v: string | null | undefined) => {
    if (v) out.push(`  ${k.padEnd(12)} ${v}`);
  };
  row('From:', a.addresses.from.map(addr).join(', ') + (s.fromAddress ? (s.senderIsInternal ? '  (inside your organisation)' : '  (outside your organisation)') : ''));
  row('Sender:', a.addresses.sender.map(addr).join(', '));
  row('Reply-To:', a.addresses.replyTo.map(addr).join(', '));
  row('Return-Path:', a.addresses.returnPath.map((x) => x.address).join(', '));
  row('To:', a.addresses.to.map(addr).join(', '));
  row('Cc:', a.addresses.cc.map(addr).join(', '));
  row('Subject:', s.subject);
  row('Date:', s.date ? `${utc(s.date.epochMs)} (${s.date.text})` : null);
  row('Message-ID:', s.messageId);
  row('Transit:', `${a.hops.length} hop(s)${s.totalDelaySeconds !== null ? `, ${formatDuration(s.totalDelaySeconds)} from first to last` : ''}`);

  const au = a.authentication;
  out.push('', 'Authentication');
  out.push(`  Trusted header: ${au.trustedReason}`);
  const al = au.alignment;
  const yes = (b: boolean | null) => (b === null ? '' : b ? ' (aligned with From)' : ' (not aligned with From)');
  out.push(`  SPF       ${au.spf ?? '—'}${al.mailFromDomain ? `  envelope ${al.mailFromDomain}${yes(al.spfRelaxed)}` : ''}`);
  out.push(`  DKIM      ${au.dkim ?? '—'}${al.dkimDomains.length ? `  d=${al.dkimDomains.join(', ')}${yes(al.dkimRelaxed)}` : ''}`);
  out.push(`  DMARC     ${au.dmarc ?? '—'}${au.dmarcAction ? `  action=${au.dmarcAction.value}${au.dmarcAction.meaning ? `: ${au.dmarcAction.meaning}` : ''}` : ''}`);
  if (au.compauth) out.push(`  compauth  ${au.compauth.result}${au.compauth.reason ? ` reason=${au.compauth.reason}: ${au.compauth.meaning}` : ''}`);
  out.push(`  ARC       ${au.arc.state}${au.arc.sets.length ? ` (${au.arc.sets.length} set(s))` : ''}`);
  for (const d of au.dkimSignatures) {
    out.push(`  Signature d=${d.domain ?? '?'} s=${d.selector ?? '?'} a=${d.algorithm ?? '?'}${d.expired ? ' (expired)' : ''} — the signature itself needs the key from DNS and, for bh=, the body`);
  }
  out.push(`  Validated: ${au.validated ? 'yes' : 'no'}`);

  out.push('', `Route (oldest first)${a.trustBoundary.hop !== null ? '' : ' — trust boundary unknown'}`);
  if (a.hops.length === 0) out.push('  No Received fields.');
  for (const h of a.hops) out.push(hopLine(h, a.trustBoundary.hop));
  out.push(`  ${a.trustBoundary.how}`);
  for (const l of a.localStamps) out.push(`  Not a hop: ${l.text}`);

  if (a.antispam.microsoft.length) {
    out.push('', 'Anti-spam (Microsoft)');
    for (const h of a.antispam.microsoft) {
      const single = h.items.length === 1 && h.items[0]!.key === h.name ? h.items[0]! : null;
      if (single) {
        out.push(`  ${h.name}: ${single.value} — ${single.meaning}`);
        continue;
      }
      out.push(`  ${h.name}`);
      for (const i of h.items) out.push(`    ${i.key}:${i.value} ${i.label !== i.key ? `(${i.label}) ` : ''}— ${i.meaning}`);
    }
  }

  out.push('', 'Transport rules (Exchange Online)');
  for (const r of a.transportRules) {
    out.push(`  ${r.fires ? '✖ fires' : '✔ quiet'}  ${r.ruleName}: ${r.explanation}`);
    if (r.disclaimerText) out.push(`           ${r.actionLabel ?? 'Would prepend'}: "${r.disclaimerText}"`);
  }

  // Rule verdicts have their own section above.
  const notes = a.findings.filter((f) => f.severity === 'info' && !f.code.startsWith('hdr-rule-sender') && !f.code.startsWith('hdr-rule-internal'));
  if (notes.length) {
    out.push('', 'Notes');
    for (const f of notes) out.push(`  ${MARK.info} ${f.code}  ${f.message} (${where(f)})`);
  }
  return out.map(visible).join('\n') + '\n';
}
