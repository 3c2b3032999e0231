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
import { clipped } from '../text/visible';
import type { TransportRuleDefinition } from './transportRules';

export function ruleTestMarkdown(text: string, analysis: HeaderAnalysis, rules: readonly TransportRuleDefinition[], source: string): string {
  const lines = new LineIndex(text);
  const s = analysis.summary;
  const out: string[] = ['# Transport rules against this header', ''];
  const scope = analysis.transportRuleScope;
  out.push(
    `Message from ${s.fromName ? `${mdCode(clipped(s.fromName, 200))} ` : ''}${s.fromAddress ? mdCode(clipped(s.fromAddress, 80)) : '(no From address)'} — ${scope.scope === 'InOrganization' ? 'inside' : 'outside'} the organisation for the rules' FromScope: ${mdText(scope.reason)}. Source: ${mdText(source)}.`,
    '',
  );
  const auth = analysis.authentication;
  const trusted = auth.trusted !== null ? auth.results[auth.trusted] : undefined;
  out.push(
    trusted
      ? `Rule 1 reads the trusted Authentication-Results (line ${lines.positionAt(trusted.span.start).line + 1}, ${trusted.authservId ? mdCode(clipped(trusted.authservId, 80)) : 'no authserv-id'}): ${mdText(auth.trustedReason)}`
      : 'The message has no Authentication-Results header mailsec trusts, so the "sender could not be validated" rule has nothing to match.',
    '',
  );
  const configured = analysis.transportRules.filter((v) => !v.notConfigured);
  const firing = configured.filter((v) => v.fires).length;
  out.push(`**${firing} of ${configured.length} rule${configured.length === 1 ? '' : 's'} would fire.**`, '');
  analysis.transportRules.forEach((v, k) => {
    const rule = rules[k];
    if (v.notConfigured) {
      out.push(`## Not configured — add internal display names: ${mdText(clipped(v.ruleName, 80))}`, '', `- ${mdText(v.explanation)}`);
      if (s.fromName) out.push(`- This message's From display name is ${mdCode(clipped(s.fromName, 200))}: if that is someone in your organisation, add it as an internal display name.`);
      out.push('');
      return;
    }
    out.push(`## ${v.fires ? 'Fires' : 'Does not fire'}: ${mdText(clipped(v.ruleName, 80))}`, '');
    if (rule) out.push(`- Mode: ${rule.mode}; applies to senders ${rule.fromScope === 'NotInOrganization' ? 'outside' : 'inside'} the organisation; looks at the ${rule.conditions.map((c) => mdCode(c.header)).join(', ')} header.`);
    out.push(`- Why: ${mdText(v.explanation)}`);
    for (const m of v.matches) {
      const where = m.span ? ` on line ${lines.positionAt(m.span.start).line + 1}` : '';
      out.push(`- Matched: ${mdCode(m.header)}${where} — ${mdText(m.pattern)} found ${mdCode(clipped(m.matchedText, 80))}.`);
    }
    if (v.fires && v.disclaimerText) out.push(`- ${mdText(v.actionLabel ?? 'Would prepend')}: "${mdText(clipped(v.disclaimerText, 200))}" (fallback ${rule?.action.fallback ?? 'Reject'}).`);
    const disagree = analysis.findings.filter((f) => f.code === 'hdr-rule-disagrees' && f.data?.['ruleId'] === v.ruleId);
    if (disagree.length && (k === 0 || analysis.transportRules[k - 1]?.ruleId !== v.ruleId)) {
      for (const f of disagree) out.push(`- Note: ${mdText(f.message)}`);
    }
    out.push('');
  });
  return out.join('\n');
}
