/** Plain-text rendering of a message verification. */
import type { VerifyResult } from '../../core/checks/verifyMessage';
import { evidenceLines, findingLines, safe, verdictText, type TextStyle } from './checkText';

export function renderVerify(file: string, r: VerifyResult, style: TextStyle, serversLine: string): string {
  const out = [`Message  ${safe(file)}  ${verdictText(r.verdict, style)}`, `  ${safe(r.summary)}`, ''];
  if (r.input === 'not-a-message') {
    out.push('  Findings:');
    for (const f of r.findings) for (const l of findingLines(f)) out.push(l);
    return out.join('\n') + '\n';
  }
  out.push(`  From: ${r.from.map(safe).join(', ') || '(none)'}`);
  out.push('  DKIM signatures:');
  if (!r.dkim.length) out.push('    none');
  for (const s of r.dkim) {
    const facts = [s.keyBits ? `${s.keyBits}-bit key` : '', s.aligned ? 'aligned with From' : 'not aligned with From', s.bodyHashMatches === false ? 'BODY CHANGED' : '', s.bodyUnchecked ? 'body not in the file' : '', s.bodyLengthLimited ? 'l= (partial body)' : ''].filter(Boolean);
    const via = r.dns.find((e) => e.name === `${s.selector}._domainkey.${s.domain}` && e.chain.length);
    if (via) facts.push(`key via CNAME ${safe(via.finalName)}`);
    out.push(`    d=${safe(s.domain)} s=${safe(s.selector ?? '?')} ${safe(s.algorithm ?? '')}  ${s.result}${s.comment ? ` (${safe(s.comment)})` : ''}  ${facts.join(', ')}`);
  }
  const spf = r.spf;
  out.push(`  SPF: ${spf.result}${spf.clientIp ? `  client ${spf.clientIp} (${spf.clientIpSource === 'given' ? '--ip' : 'from Received'})` : ''}${spf.sender ? `, MAIL FROM ${safe(spf.sender)}` : ''}${spf.helo ? `, HELO ${safe(spf.helo)}` : ''}${spf.lookups ? `, ${spf.lookups.count} of ${spf.lookups.limit} lookups, ${spf.lookups.void} void` : ''}`);
  if (spf.comment) out.push(`    ${safe(spf.comment)}`);
  if (spf.record) out.push(`    record: "${safe(spf.record)}"`);
  if (r.dmarc) {
    const a = r.dmarc.alignment;
    out.push(`  DMARC: ${r.dmarc.result}  ${safe(r.dmarc.domain ?? '')}${r.dmarc.policy ? ` policy ${safe(r.dmarc.policy)}` : ''}${a ? `, aligned DKIM: ${a.dkim ? safe(a.dkim) : 'no'}, aligned SPF: ${a.spf ? safe(a.spf) : 'no'}` : ''}`);
    if (r.dmarc.record) out.push(`    record: "${safe(r.dmarc.record)}"`);
  }
  if (r.arc) out.push(`  ARC: ${r.arc.result}${r.arc.instance ? ` (i=${r.arc.instance})` : ''}${r.arc.comment ? ` ${safe(r.arc.comment)}` : ''}`);
  if (r.findings.length) {
    out.push('', '  Findings:');
    for (const f of r.findings) for (const l of findingLines(f)) out.push(l);
  }
  if (r.dns.length) {
    out.push('', '  DNS answers:');
    for (const e of r.dns) for (const l of evidenceLines(e)) out.push(l);
  }
  out.push('', ...r.authenticationResults.split('\n').map((l) => `  ${safe(l)}`), '', `DNS servers: ${serversLine}`);
  return out.join('\n') + '\n';
}
