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
import { clipped } from '../text/visible';
import { displayNamePatterns, EXCHANGE_PATTERN_MAX_LENGTH, isNameSeparator } from './namePatterns';
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

/** Exchange rule modes: `Audit` only logs matches, `AuditAndNotify` also shows policy tips, `Enforce` acts. */
export type RuleMode = 'Audit' | 'AuditAndNotify' | 'Enforce';
export const RULE_MODES: readonly RuleMode[] = ['Audit', 'AuditAndNotify', 'Enforce'];

export type TransportRuleId = 'sender-not-validated' | 'external-internal-display-name';

export interface TransportRuleDefinition {
  id: TransportRuleId;
  /** The Exchange rule name (at most 64 characters). */
  name: string;
  description: string;
  /**
   * Set when one logical rule had to be split into several Exchange rules (8 KB per rule).
   * Part 1 is named `baseName`, part k `baseName (part k)`: a name never depends on how
   * many parts there are, so adding names does not rename the rules already deployed.
   */
  part?: { index: number; of: number; baseName: string };
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
  mode: RuleMode;
}

/**
 * What a firing rule does with its disclaimer in its mode, in words. In Audit mode Exchange
 * only records the match (message trace, rule reports); nothing is prepended.
 */
export function disclaimerActionLabel(mode: RuleMode): string {
  if (mode === 'Audit') return 'Audit: would record, not prepend';
  if (mode === 'AuditAndNotify') return 'Audit and notify: would record and show a policy tip, not prepend';
  return 'Would prepend';
}

/** How the display-name rule is shown when no internal display names are set. */
export const DISPLAY_NAME_RULE_NOT_CONFIGURED =
  'Not configured — add internal display names (mailsec.organization.displayNames, or displayNames in .mailsecrc.json) to get the rule that warns about outsiders using them.';

/** Authentication-Results texts that mean "not validated" (rule 1). */
export const UNVALIDATED_PATTERNS = ['dkim=fail', 'spf=TempError', 'spf=PermError', 'spf=SoftFail', 'spf=Fail', 'spf=None'];

export const UNVALIDATED_TEXT = 'The sender of this message could not be validated and may not be the actual sender.';
export const INTERNAL_NAME_TEXT =
  'Caution: this message comes from outside the organisation, but the sender uses the name of someone inside it. Check the sender address before you reply, open attachments or follow links.';

export const DEFAULT_RULE_NAMES: Record<TransportRuleId, string> = {
  'sender-not-validated': 'mailsec: sender could not be validated',
  'external-internal-display-name': 'mailsec: external sender with an internal display name',
};

/**
 * Exchange Online limits (Exchange Online service description, "Journal, transport, and
 * inbox rule limits"): at most 300 rules; one rule at most 8 KB — New-TransportRule says
 * "…exceeds the maximum limit of 8192 characters" (KB 3003043), counted on the rule's
 * stored XML (name, conditions, actions, exceptions; Exchange Team Blog, "Finding
 * Transport Rule Size", 2022); and 20 KB (20,480 characters) for the words and patterns
 * of ALL rules of the organisation together ("Finding Transport Rule Size Part 2 – Regex
 * Limit"). A rule name has at most 64 characters (New-TransportRule -Name).
 */
export const EXCHANGE_RULE_MAX_SIZE = 8192;
export const EXCHANGE_REGEX_BUDGET = 20480;
export const EXCHANGE_RULE_NAME_MAX = 64;
/** -ApplyHtmlDisclaimerText: "The maximum number of characters is 5000." (New-TransportRule). */
export const EXCHANGE_DISCLAIMER_MAX = 5000;
/** We fill a rule up to this estimated size, leaving room for what our estimate cannot know. */
export const RULE_SIZE_TARGET = 7000;

export interface TransportRuleOptions {
  /** Mode of every rule; default Audit (watch what would match before enforcing). */
  mode?: RuleMode;
  /** Rule name and disclaimer text (plain text; it is HTML-escaped) of rule 1. */
  senderNotValidated?: { name?: string; text?: string };
  /** Rule name and disclaimer text of rule 2. */
  internalDisplayName?: { name?: string; text?: string };
  /**
   * -ApplyHtmlDisclaimerFallbackAction; default Reject. Both rules act on incoming mail
   * from external senders, where New-TransportRule says: "In Microsoft 365, don't use this
   * value [Wrap] in rules that affect incoming messages from external senders. Use the
   * value Reject instead. The effects of the value Wrap interfere with Safe Attachments
   * scanning of messages from external senders." Ignore delivers the message without the
   * disclaimer instead. Wrap is not offered.
   */
  fallback?: 'Reject' | 'Ignore';
}

export const DISCLAIMER_FALLBACKS: readonly ('Reject' | 'Ignore')[] = ['Reject', 'Ignore'];

/** Something the admin should know before deploying the rules (not tied to a place in a file). */
export interface RulePlanNote {
  code: 'rule-display-name-too-long' | 'rule-display-name-invalid' | 'rule-name-too-long' | 'rule-split' | 'rule-pattern-budget' | 'rule-no-display-names' | 'rule-disclaimer-too-long';
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface TransportRulePlan {
  rules: TransportRuleDefinition[];
  notes: RulePlanNote[];
  /** Characters of words and patterns the rules use (they count against the 20,480 of the organisation). */
  patternCharacters: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function disclaimerHtml(text: string, colour: string): string {
  return `<table width="100%" cellpadding="6" cellspacing="0" style="border:1px solid ${colour};background:#fff8e6"><tr><td style="font-family:Segoe UI,Arial,sans-serif;font-size:12px;color:#333"><strong style="color:${colour}">${escapeHtml(text)}</strong></td></tr></table><br>`;
}

/**
 * An upper estimate of the size Exchange counts for a rule: the length of its stored XML
 * (msExchTransportRuleXml), with every value XML-escaped. The fixed part (element names,
 * the rule's id, version and tags, the FromScope predicate) is taken generously.
 */
export function estimateRuleSize(rule: TransportRuleDefinition): number {
  const FIXED = 1200;
  const PER_VALUE = 40;
  let size = FIXED + escapeXml(rule.name).length + escapeXml(rule.description).length + escapeXml(rule.action.disclaimerHtml).length;
  for (const c of [...rule.conditions, ...rule.exceptions]) {
    size += c.header.length + PER_VALUE;
    for (const p of c.patterns) size += escapeXml(p).length + PER_VALUE;
  }
  return size;
}

function patternCharacters(rules: TransportRuleDefinition[]): number {
  let n = 0;
  for (const r of rules) for (const c of [...r.conditions, ...r.exceptions]) for (const p of c.patterns) n += p.length;
  return n;
}

/** The Exchange name of part `index` (1-based) of a split rule: independent of the number of parts. */
export function partName(baseName: string, index: number): string {
  return index === 1 ? baseName : `${baseName} (part ${index})`;
}

function describeNamed(count: number): string {
  return count === 1 ? 'a protected person' : `one of ${count} protected people`;
}

/**
 * The rules as data, split where one rule would pass Exchange Online's 8 KB, with notes
 * on what does not fit. The PowerShell generator and the header analysis both read these
 * definitions.
 */
export function planTransportRules(org: OrganizationSettings, options: TransportRuleOptions = {}): TransportRulePlan {
  const notes: RulePlanNote[] = [];
  const mode = options.mode ?? 'Audit';
  const fallback = options.fallback ?? 'Reject';
  const text1 = options.senderNotValidated?.text?.trim() || UNVALIDATED_TEXT;
  const text2 = options.internalDisplayName?.text?.trim() || INTERNAL_NAME_TEXT;
  const name1 = options.senderNotValidated?.name?.trim() || DEFAULT_RULE_NAMES['sender-not-validated'];
  const name2 = options.internalDisplayName?.name?.trim() || DEFAULT_RULE_NAMES['external-internal-display-name'];

  const rules: TransportRuleDefinition[] = [
    {
      id: 'sender-not-validated',
      name: name1,
      description:
        'Prepends a warning to mail from outside the organisation whose Authentication-Results header shows a failed DKIM signature or an SPF result other than pass or neutral.',
      fromScope: 'NotInOrganization',
      conditions: [{ header: 'Authentication-Results', patterns: [...UNVALIDATED_PATTERNS] }],
      exceptions: [],
      action: { type: 'ApplyHtmlDisclaimer', disclaimerHtml: disclaimerHtml(text1, '#b45f06'), disclaimerText: text1, fallback, location: 'Prepend' },
      mode,
    },
  ];

  const named: { name: string; patterns: string[] }[] = [];
  for (const n of org.displayNames) {
    const r = displayNamePatterns(n);
    if (!r) continue;
    if (!r.ok) {
      notes.push({ code: r.problem === 'too-long' ? 'rule-display-name-too-long' : 'rule-display-name-invalid', severity: 'error', message: `${r.reason} It is left out of the rule.` });
      continue;
    }
    named.push({ name: r.name, patterns: r.patterns });
  }
  if (named.length === 0) {
    notes.push({
      code: 'rule-no-display-names',
      severity: 'warning',
      message: 'No internal display names are configured (mailsec.organization.displayNames, or displayNames in .mailsecrc.json), so only the "sender could not be validated" rule is generated. Add the names of the people outsiders impersonate (executives, finance) to get the display-name rule.',
    });
  }

  // Fill display-name rules up to the size target, one name (all its patterns) at a time.
  const groups: { name: string; patterns: string[] }[][] = [];
  const make = (group: { name: string; patterns: string[] }[], name: string): TransportRuleDefinition => ({
    id: 'external-internal-display-name',
    name,
    description: `Prepends a warning to mail from outside the organisation whose From header carries the name of ${describeNamed(group.length)}.`,
    fromScope: 'NotInOrganization',
    conditions: [{ header: 'From', patterns: group.flatMap((g) => g.patterns), labels: group.flatMap((g) => g.patterns.map(() => g.name)) }],
    exceptions: [],
    action: { type: 'ApplyHtmlDisclaimer', disclaimerHtml: disclaimerHtml(text2, '#a4262c'), disclaimerText: text2, fallback, location: 'Prepend' },
    mode,
  });
  const longName = `${name2} (part 99)`;
  for (const entry of named) {
    const current = groups[groups.length - 1];
    if (current && estimateRuleSize(make([...current, entry], longName)) <= RULE_SIZE_TARGET) current.push(entry);
    else groups.push([entry]);
  }
  groups.forEach((group, k) => {
    const rule = make(group, partName(name2, k + 1));
    if (groups.length > 1) rule.part = { index: k + 1, of: groups.length, baseName: name2 };
    rules.push(rule);
  });
  if (groups.length > 1) {
    notes.push({
      code: 'rule-split',
      severity: 'info',
      message: `The ${named.length} display names do not fit in one Exchange Online rule (8 KB at most), so the display-name rule is split into ${groups.length} rules with the same condition and action.`,
    });
  }

  for (const [id, r] of new Map(rules.map((x) => [x.id, x]))) {
    const n = r.action.disclaimerHtml.length;
    if (n > EXCHANGE_DISCLAIMER_MAX) {
      notes.push({
        code: 'rule-disclaimer-too-long',
        severity: 'error',
        message: `The disclaimer of "${clipped(r.part?.baseName ?? r.name, 80)}" (${id}) is ${n} characters as HTML; Exchange Online accepts at most ${EXCHANGE_DISCLAIMER_MAX}. Shorten the text by at least ${n - EXCHANGE_DISCLAIMER_MAX} characters (the HTML frame takes ${n - r.action.disclaimerText.length} of them, more where the text has characters to escape).`,
      });
    }
  }
  for (const r of rules) {
    if (r.name.length > EXCHANGE_RULE_NAME_MAX) {
      notes.push({ code: 'rule-name-too-long', severity: 'error', message: `The rule name "${clipped(r.name, 80)}" has ${r.name.length} characters; Exchange Online accepts at most ${EXCHANGE_RULE_NAME_MAX}. Choose a shorter name.` });
    }
  }

  const used = patternCharacters(rules);
  if (used > EXCHANGE_REGEX_BUDGET) {
    notes.push({
      code: 'rule-pattern-budget',
      severity: 'error',
      message: `These rules use ${used} characters of patterns; Exchange Online allows ${EXCHANGE_REGEX_BUDGET} for the words and patterns of all rules of the organisation together. Protect fewer names (each takes up to ${2 * EXCHANGE_PATTERN_MAX_LENGTH}).`,
    });
  } else if (used > EXCHANGE_REGEX_BUDGET / 2) {
    notes.push({
      code: 'rule-pattern-budget',
      severity: 'warning',
      message: `These rules use ${used} of the ${EXCHANGE_REGEX_BUDGET} characters Exchange Online allows for the words and patterns of all rules of the organisation; your other rules share the remaining ${EXCHANGE_REGEX_BUDGET - used}.`,
    });
  }
  return { rules, notes, patternCharacters: used };
}

/** The rules as data (see planTransportRules for the notes on what does not fit). */
export function buildTransportRules(org: OrganizationSettings, options: TransportRuleOptions = {}): TransportRuleDefinition[] {
  return planTransportRules(org, options).rules;
}

export interface MessageForRules {
  headers: Array<{ name: string; value: string }>;
  /** The sender is InOrganization for -FromScope (see fromScope.ts: AuthAs, not the domain alone). */
  senderIsInternal: boolean;
  /** Why the sender is inside or outside (fromScope.ts), shown in the explanation. */
  scopeReason?: string;
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
  ruleId: TransportRuleId;
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
      if (m) {
        // A name pattern also matches the separator before and after the name (namePatterns.ts): report the name.
        // Counted from each end by hand: a regular expression anchored at the end ($) retries
        // from every character of a long run of separators (quadratic on a hostile header).
        let lead = 0;
        while (lead < m[0].length && isNameSeparator(m[0][lead]!)) lead++;
        let end = m[0].length;
        while (end > lead && isNameSeparator(m[0][end - 1]!)) end--;
        const text = m[0].slice(lead, end);
        matches.push({ header: h.name, headerIndex, pattern, label: cond.labels?.[k] ?? null, matchedText: text || m[0], offset: text ? m.index + lead : m.index });
      }
    });
  });
  return { matches, present };
}

function describe(m: PatternMatch): string {
  return m.label ? `the pattern for "${clipped(m.label, 80)}"` : `the pattern "${clipped(m.pattern, 120)}"`;
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
      explanation = `${rule.fromScope === 'NotInOrganization' ? 'Does not apply: the sender is inside the organisation' : 'Does not apply: the sender is outside the organisation'}${message.scopeReason ? ` (${message.scopeReason})` : ''}.`;
    } else if (!allConditions) {
      const failed = conditions.find((c) => !c.matched)!;
      explanation = failed.headerPresent
        ? `Does not fire: no pattern matches the ${failed.header} header.`
        : `Does not fire: the message has no ${failed.header} header.`;
    } else if (exception) {
      explanation = `Does not fire: the exception ${describe(exception)} matches "${clipped(exception.matchedText, 80)}" in ${exception.header}.`;
    } else {
      const m = conditions.flatMap((c) => c.matches)[0]!;
      explanation = `Fires: the sender is ${rule.fromScope === 'NotInOrganization' ? 'outside' : 'inside'} the organisation and ${describe(m)} matches "${clipped(m.matchedText, 80)}" in ${m.header}.`;
    }
    return { ruleId: rule.id, ruleName: rule.name, fires, scopeMatched, conditions, exception, invalidPatterns, explanation };
  });
}
