/**
 * The two Exchange Online mail flow (transport) rules mail admins deploy against
 * spoofing, defined once as data. The PowerShell generator (`New-TransportRule`) and the
 * header analysis both read these definitions, so what the generated rule does and what
 * mailsec says it would do cannot drift apart.
 *
 * Exchange semantics modelled by `evaluateTransportRules`:
 * - `FromScope NotInOrganization`: the sender is outside the organisation;
 * - `HeaderMatchesMessageHeader` + `HeaderMatchesPatterns`: any pattern (a regular
 *   expression, matched case-insensitively) found anywhere in the header's value,
 *   after MIME encoded words are decoded; several conditions must all hold;
 * - an exception that matches stops the rule;
 * - action `ApplyHtmlDisclaimer` with a location and a fallback (Wrap, Ignore, Reject).
 */
import { displayNamePattern } from './namePatterns';
import type { OrganizationSettings } from '../headers/types';

export type { OrganizationSettings };

export interface HeaderCondition {
  /** Header field name (HeaderMatchesMessageHeader). */
  header: string;
  /** Regular expressions (HeaderMatchesPatterns); any one matching satisfies the condition. */
  patterns: string[];
  /** What each pattern stands for, in words (same order as `patterns`), e.g. the configured name. */
  labels?: string[];
}

export interface TransportRuleDefinition {
  id: 'sender-not-validated' | 'external-internal-display-name';
  name: string;
  description: string;
  /** FromScope: which senders the rule applies to. */
  fromScope: 'InOrganization' | 'NotInOrganization';
  /** All must match. */
  conditions: HeaderCondition[];
  /** Any matching exception stops the rule. */
  exceptions: HeaderCondition[];
  action: {
    type: 'ApplyHtmlDisclaimer';
    disclaimerHtml: string;
    /** The same disclaimer as plain text (what a reader sees). */
    disclaimerText: string;
    /** ApplyHtmlDisclaimerFallbackAction: what to do when the disclaimer cannot be inserted. */
    fallback: 'Wrap' | 'Ignore' | 'Reject';
    location: 'Prepend' | 'Append';
  };
  /** Exchange rule mode; `Audit` logs matches without acting. */
  mode: 'Audit' | 'AuditAndNotify' | 'Enforce';
}

/** Authentication-Results texts that mean "not validated" (rule 1). */
export const UNVALIDATED_PATTERNS = ['dkim=fail', 'spf=TempError', 'spf=PermError', 'spf=SoftFail', 'spf=Fail', 'spf=None'];

export const UNVALIDATED_TEXT = 'The sender of this message could not be validated and may not be the actual sender.';
export const INTERNAL_NAME_TEXT =
  'Caution: this message comes from outside the organisation, but the sender uses the name of someone inside it. Check the sender address before you reply, open attachments or follow links.';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function disclaimerHtml(text: string, colour: string): string {
  return `<table width="100%" cellpadding="6" cellspacing="0" style="border:1px solid ${colour};background:#fff8e6"><tr><td style="font-family:Segoe UI,Arial,sans-serif;font-size:12px;color:#333"><strong style="color:${colour}">${escapeHtml(text)}</strong></td></tr></table><br>`;
}

export function buildTransportRules(org: OrganizationSettings): TransportRuleDefinition[] {
  const rules: TransportRuleDefinition[] = [
    {
      id: 'sender-not-validated',
      name: 'mailsec: sender could not be validated',
      description:
        'Prepends a warning to mail from outside the organisation whose Authentication-Results header shows a failed DKIM signature or an SPF result other than pass or neutral.',
      fromScope: 'NotInOrganization',
      conditions: [{ header: 'Authentication-Results', patterns: [...UNVALIDATED_PATTERNS] }],
      exceptions: [],
      action: { type: 'ApplyHtmlDisclaimer', disclaimerHtml: disclaimerHtml(UNVALIDATED_TEXT, '#b45f06'), disclaimerText: UNVALIDATED_TEXT, fallback: 'Wrap', location: 'Prepend' },
      mode: 'Audit',
    },
  ];
  const named = org.displayNames.map((n) => ({ n: n.trim(), p: displayNamePattern(n) })).filter((x): x is { n: string; p: string } => !!x.p);
  const patterns = named.map((x) => x.p);
  if (patterns.length > 0) {
    rules.push({
      id: 'external-internal-display-name',
      name: 'mailsec: external sender with an internal display name',
      description: `Prepends a warning to mail from outside the organisation whose From header carries the name of ${patterns.length === 1 ? 'a protected person' : `one of ${patterns.length} protected people`}.`,
      fromScope: 'NotInOrganization',
      conditions: [{ header: 'From', patterns, labels: named.map((x) => x.n) }],
      exceptions: [],
      action: { type: 'ApplyHtmlDisclaimer', disclaimerHtml: disclaimerHtml(INTERNAL_NAME_TEXT, '#a4262c'), disclaimerText: INTERNAL_NAME_TEXT, fallback: 'Wrap', location: 'Prepend' },
      mode: 'Audit',
    });
  }
  return rules;
}

export interface MessageForRules {
  headers: Array<{ name: string; value: string }>;
  senderIsInternal: boolean;
}

export interface PatternMatch {
  header: string;
  /** Index into `message.headers` of the header that matched. */
  headerIndex: number;
  pattern: string;
  /** The pattern's label (e.g. the protected name), when the condition has labels. */
  label: string | null;
  matchedText: string;
  /** Offset of the match in that header's value. */
  offset: number;
}

export interface RuleEvaluation {
  ruleId: TransportRuleDefinition['id'];
  ruleName: string;
  fires: boolean;
  /** The FromScope condition held. */
  scopeMatched: boolean;
  /** One entry per condition, in order. */
  conditions: Array<{ header: string; matched: boolean; matches: PatternMatch[]; headerPresent: boolean }>;
  /** The exception that stopped the rule, if any. */
  exception: PatternMatch | null;
  /** Patterns that are not valid regular expressions (they never match). */
  invalidPatterns: string[];
  /** Why the rule fires or not, in words. */
  explanation: string;
}

function matchCondition(cond: HeaderCondition, message: MessageForRules, invalid: string[]): { matches: PatternMatch[]; present: boolean } {
  const lname = cond.header.toLowerCase();
  const matches: PatternMatch[] = [];
  let present = false;
  message.headers.forEach((h, headerIndex) => {
    if (h.name.toLowerCase() !== lname) return;
    present = true;
    cond.patterns.forEach((pattern, k) => {
      let re: RegExp;
      try {
        re = new RegExp(pattern, 'i');
      } catch {
        if (!invalid.includes(pattern)) invalid.push(pattern);
        return;
      }
      const m = re.exec(h.value);
      if (m) matches.push({ header: h.name, headerIndex, pattern, label: cond.labels?.[k] ?? null, matchedText: m[0], offset: m.index });
    });
  });
  return { matches, present };
}

function describe(m: PatternMatch): string {
  return m.label ? `the pattern for "${m.label}"` : `the pattern "${m.pattern}"`;
}

/** Which rules fire on a message, and why (which header, which pattern, which text). */
export function evaluateTransportRules(rules: TransportRuleDefinition[], message: MessageForRules): RuleEvaluation[] {
  return rules.map((rule) => {
    const invalidPatterns: string[] = [];
    const scopeMatched = rule.fromScope === 'NotInOrganization' ? !message.senderIsInternal : message.senderIsInternal;
    const conditions = rule.conditions.map((c) => {
      const { matches, present } = matchCondition(c, message, invalidPatterns);
      return { header: c.header, matched: matches.length > 0, matches, headerPresent: present };
    });
    let exception: PatternMatch | null = null;
    for (const e of rule.exceptions) {
      const { matches } = matchCondition(e, message, invalidPatterns);
      if (matches.length) {
        exception = matches[0]!;
        break;
      }
    }
    const allConditions = conditions.every((c) => c.matched);
    const fires = scopeMatched && allConditions && !exception;
    let explanation: string;
    if (!scopeMatched) {
      explanation = rule.fromScope === 'NotInOrganization' ? 'Does not apply: the sender is inside the organisation.' : 'Does not apply: the sender is outside the organisation.';
    } else if (!allConditions) {
      const failed = conditions.find((c) => !c.matched)!;
      explanation = failed.headerPresent
        ? `Does not fire: no pattern matches the ${failed.header} header.`
        : `Does not fire: the message has no ${failed.header} header.`;
    } else if (exception) {
      explanation = `Does not fire: the exception ${describe(exception)} matches "${exception.matchedText}" in ${exception.header}.`;
    } else {
      const m = conditions.flatMap((c) => c.matches)[0]!;
      explanation = `Fires: the sender is ${rule.fromScope === 'NotInOrganization' ? 'outside' : 'inside'} the organisation and ${describe(m)} matches "${m.matchedText}" in ${m.header}.`;
    }
    return { ruleId: rule.id, ruleName: rule.name, fires, scopeMatched, conditions, exception, invalidPatterns, explanation };
  });
}
