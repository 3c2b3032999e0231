/**
 * "Test transport rules against this header", as Markdown: which of the organisation's
 * rules would fire on the message and why — the header and pattern that matched and the
 * text they matched, the disclaimer the rule would prepend, and where mailsec's own
 * reading disagrees with the rule's text match. Built from the header analysis (one
 * evaluator) and the same rule definitions the PowerShell generator writes.
 *
 * Header text is attacker-written: prose goes through mdText, values into code spans
 * (mdCode); neither can form Markdown, HTML or links.
 */
import type { HeaderAnalysis } from '../headers/types';
import { LineIndex } from '../text/lineIndex';
import { mdCode, mdText } from '../text/markdown';
import type { TransportRuleDefinition } from './transportRules';

export function ruleTestMarkdown(text: string, analysis: HeaderAnalysis, rules: readonly TransportRuleDefinition[], source: string): string {
  const lines = new LineIndex(text);
  const s = analysis.summary;
  const out: string[] = ['# Transport rules against this header', ''];
  out.push(`Message from ${s.fromName ? `${mdCode(s.fromName)} ` : ''}${s.fromAddress ? mdCode(s.fromAddress) : '(no From address)'} — ${s.senderIsInternal ? 'inside' : 'outside'} the organisation. Source: ${mdText(source)}.`, '');
  const auth = analysis.authentication;
  const trusted = auth.trusted !== null ? auth.results[auth.trusted] : undefined;
  out.push(
    trusted
      ? `Rule 1 reads the trusted Authentication-Results (line ${lines.positionAt(trusted.span.start).line + 1}, ${trusted.authservId ? mdCode(trusted.authservId) : 'no authserv-id'}): ${mdText(auth.trustedReason)}`
      : 'The message has no Authentication-Results header mailsec trusts, so the "sender could not be validated" rule has nothing to match.',
    '',
  );
  const firing = analysis.transportRules.filter((v) => v.fires).length;
  out.push(`**${firing} of ${analysis.transportRules.length} rule${analysis.transportRules.length === 1 ? '' : 's'} would fire.**`, '');
  analysis.transportRules.forEach((v, k) => {
    const rule = rules[k];
    out.push(`## ${v.fires ? 'Fires' : 'Does not fire'}: ${mdText(v.ruleName)}`, '');
    if (rule) out.push(`- Mode: ${rule.mode}; applies to senders ${rule.fromScope === 'NotInOrganization' ? 'outside' : 'inside'} the organisation; looks at the ${rule.conditions.map((c) => mdCode(c.header)).join(', ')} header.`);
    out.push(`- Why: ${mdText(v.explanation)}`);
    for (const m of v.matches) {
      const where = m.span ? ` on line ${lines.positionAt(m.span.start).line + 1}` : '';
      out.push(`- Matched: ${mdCode(m.header)}${where} — ${mdText(m.pattern)} found ${mdCode(m.matchedText)}.`);
    }
    if (v.fires && v.disclaimerText) out.push(`- Would prepend: "${mdText(v.disclaimerText)}" (fallback ${rule?.action.fallback ?? 'Wrap'}).`);
    const disagree = analysis.findings.filter((f) => f.code === 'hdr-rule-disagrees' && f.data?.['ruleId'] === v.ruleId);
    if (disagree.length && (k === 0 || analysis.transportRules[k - 1]?.ruleId !== v.ruleId)) {
      for (const f of disagree) out.push(`- Note: ${mdText(f.message)}`);
    }
    out.push('');
  });
  if (rules.length === 1) {
    out.push('No internal display names are configured (`mailsec.organization.displayNames`), so the display-name rule is not part of the test.', '');
  }
  return out.join('\n');
}
