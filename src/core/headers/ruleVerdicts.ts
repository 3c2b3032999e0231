/**
 * What the organisation's two Exchange transport rules would do with this message,
 * computed by the same `evaluateTransportRules` the rule definitions come with.
 *
 * Which Authentication-Results the rule reads: in Exchange Online, mail flow rules run
 * after Exchange Online Protection has stamped its own Authentication-Results at the top
 * of the header, so that is the header a rule on `Authentication-Results` is meant to
 * judge. mailsec evaluates rule 1 on the trusted Authentication-Results only (the
 * topmost one, or the topmost from your configured authserv-id) and leaves out the older
 * ones written upstream, which anyone could have written. The other headers are passed
 * as they are, decoded (Exchange matches patterns after decoding encoded words).
 *
 * The rule is a text match; mailsec's own reading is structural. When they differ —
 * a pattern matching inside a comment, a result the patterns miss, a disclaimer on a
 * message DMARC validated — a `hdr-rule-disagrees` finding says so.
 */
import type { Finding } from '../findings';
import { DEFAULT_RULE_NAMES, DISPLAY_NAME_RULE_NOT_CONFIGURED, disclaimerActionLabel, evaluateTransportRules, type TransportRuleDefinition } from '../rules/transportRules';
import { clipped } from '../text/visible';
import { sourceSpanOf } from './parse';
import type { AuthenticationSummary, HeaderField, RuleVerdict } from './types';

const UNVALIDATED_SPF = new Set(['temperror', 'permerror', 'softfail', 'fail', 'none']);

export function evaluateRulesForAnalysis(
  rules: TransportRuleDefinition[],
  fields: HeaderField[],
  auth: AuthenticationSummary,
  senderIsInternal: boolean,
  existing: Finding[],
  scopeReason?: string,
): { verdicts: RuleVerdict[]; findings: Finding[] } {
  const trustedIndex = auth.trusted !== null ? auth.results[auth.trusted]!.headerIndex : -1;
  const used = fields.filter((f) => f.lname !== 'authentication-results' || f.index === trustedIndex);
  const evaluations = evaluateTransportRules(rules, { headers: used.map((f) => ({ name: f.name, value: f.decoded })), senderIsInternal, ...(scopeReason ? { scopeReason } : {}) });
  const findings: Finding[] = [];
  const verdicts: RuleVerdict[] = evaluations.map((ev, k) => {
    const rule = rules[k]!;
    const matches = ev.conditions.flatMap((c) =>
      c.matches.map((m) => {
        const f = used[m.headerIndex]!;
        const span = f.decoded === f.unfolded ? sourceSpanOf(f, m.offset, m.offset + m.matchedText.length) : f.valueSpan;
        return { header: m.header, pattern: m.label ? `pattern for "${clipped(m.label, 80)}"` : clipped(m.pattern, 120), matchedText: m.matchedText, span };
      }),
    );
    if (ev.fires) {
      findings.push({
        code: rule.id === 'sender-not-validated' ? 'hdr-rule-sender-not-validated' : 'hdr-rule-internal-display-name',
        severity: 'info',
        message: `Transport rule "${clipped(rule.name, 80)}" (${disclaimerActionLabel(rule.mode)}): "${clipped(rule.action.disclaimerText, 200)}" — ${ev.explanation}`,
        span: matches[0]?.span ?? { start: 0, end: 0 },
        data: { ruleId: rule.id },
      });
    }
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      fires: ev.fires,
      explanation: ev.explanation,
      disclaimerText: ev.fires ? rule.action.disclaimerText : null,
      actionLabel: ev.fires ? disclaimerActionLabel(rule.mode) : null,
      matches,
    };
  });
  if (!rules.some((r) => r.id === 'external-internal-display-name')) {
    verdicts.push({
      ruleId: 'external-internal-display-name',
      ruleName: DEFAULT_RULE_NAMES['external-internal-display-name'],
      fires: false,
      explanation: DISPLAY_NAME_RULE_NOT_CONFIGURED,
      disclaimerText: null,
      actionLabel: null,
      notConfigured: true,
      matches: [],
    });
  }
  const r1 = verdicts.find((v) => v.ruleId === 'sender-not-validated');
  const trusted = auth.trusted !== null ? auth.results[auth.trusted]! : null;
  if (r1 && trusted && !senderIsInternal) {
    const bad = trusted.results.filter((r) => (r.method === 'dkim' && r.result === 'fail') || (r.method === 'spf' && UNVALIDATED_SPF.has(r.result)));
    const label = bad.map((r) => `${r.method}=${r.result}`).join(', ');
    let message: string | null = null;
    if (r1.fires && bad.length === 0) {
      message = `The rule matches "${clipped(r1.matches[0]?.matchedText ?? '', 80)}" in the Authentication-Results text, but no SPF or DKIM result says so (it is inside a comment or a value): the disclaimer would be a false alarm.`;
    } else if (!r1.fires && bad.length > 0) {
      message = `The trusted Authentication-Results reports ${label}, but it is written in a way the rule's patterns do not match: the rule would miss this message.`;
    } else if (r1.fires && auth.validated) {
      message = `The rule fires on ${label}, yet the sender is validated (${auth.dmarc === 'pass' ? 'DMARC passed' : 'an aligned SPF or DKIM pass'}): the disclaimer would be a false alarm here, as is common for forwarded mail.`;
    }
    if (message) findings.push({ code: 'hdr-rule-disagrees', severity: 'info', message, span: trusted.span, data: { ruleId: 'sender-not-validated' } });
  }
  // The display-name rule may be split into several Exchange rules; it misses only when none fires.
  const r2 = verdicts.filter((v) => v.ruleId === 'external-internal-display-name');
  const imp = existing.find((f) => f.code === 'hdr-display-name-impersonation');
  if (r2.length && imp && !r2.some((v) => v.fires)) {
    findings.push({
      code: 'hdr-rule-disagrees',
      severity: 'info',
      message: 'mailsec sees an internal name in this From, but the display-name rule would not match it (lookalike letters or a spelling its patterns do not cover): the rule would miss this message.',
      span: imp.span,
      data: { ruleId: 'external-internal-display-name' },
    });
  }
  return { verdicts, findings };
}
