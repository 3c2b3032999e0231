/**
 * Transport rules: a value of a megabyte in a header the rules read (From display name and
 * domain, Authentication-Results, the X-MS-Exchange-Organization headers that decide
 * -FromScope) or in the rule settings (rule names, disclaimer texts, internal display names)
 * is clipped in the plan notes, the rule verdicts and findings of the header analysis, the
 * -FromScope reason and the "test transport rules" report.
 */
import { test } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { ruleTestMarkdown } from '../../../src/core/rules/testReport';
import { buildTransportRules, evaluateTransportRules, planTransportRules, type TransportRuleOptions } from '../../../src/core/rules/transportRules';
import { BoundedMessages, findingMessages, huge } from '../text/bounded';

const NOW = Date.parse('2024-04-10T00:00:00Z');

const BASE: Record<string, string> = {
  'Received': 'from mail.example.net (mail.example.net [192.0.2.1]) by mx.contoso.com with ESMTPS id abc; Tue, 09 Apr 2024 10:00:00 +0000',
  'Authentication-Results': 'mx.contoso.com; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=contoso.com; compauth=fail reason=601',
  'From': 'Jean Dupont <jean@contoso.com>',
  'To': 'user@contoso.com',
  'Subject': 'Hello',
  'Date': 'Tue, 09 Apr 2024 10:00:00 +0000',
  'Message-ID': '<a@example.net>',
};

const CASES: Array<[string, string]> = [
  ['From', 'JeanXDupont <jean@example.net>'], ['From', 'Dupont,XJean <jean@example.net>'], ['From', 'Jean Dupont <jean@X.contoso.com>'], ['From', 'Jean Dupont <jean@X>'],
  ['From', 'Jean Dupont X <jean@example.net>'],
  ['Authentication-Results', 'mx.contoso.com; spf=pass (X spf=fail X) smtp.mailfrom=contoso.com; dkim=pass header.d=contoso.com; dmarc=pass header.from=contoso.com'],
  ['Authentication-Results', 'mx.contoso.com; spf=fail (X) smtp.mailfrom=X; dmarc=pass header.from=contoso.com; compauth=fail reason=X'],
  ['Authentication-Results', 'mx.contoso.com; spf=X smtp.mailfrom=contoso.com; compauth=fail reason=X'],
  ['Authentication-Results', 'X; spf=fail'],
  ['X-MS-Exchange-Organization-AuthAs', 'X'], ['X-MS-Exchange-Organization-AuthSource', 'X'], ['X-MS-Exchange-Organization-MessageDirectionality', 'X'],
  ['X-MS-Exchange-Organization-AuthAs', 'Internal'],
];

/** ' ' too: a display name with a megabyte of spaces between its words still matches the name's pattern. */
const PLANTED = ['q', '9', 'é', ' '];

function check(b: BoundedMessages, text: string, org: { domains: string[]; displayNames: string[]; authservIds: string[] }, rules: TransportRuleOptions, ch: string, where: string): void {
  const a = analyzeHeaders(text, { org, now: NOW, rules });
  b.check(findingMessages(a.findings), ch, `findings ${where}`);
  b.check(a.transportRules.map((v) => v.explanation), ch, `verdicts ${where}`);
  b.check(a.transportRules.flatMap((v) => v.matches.map((m) => m.pattern)), ch, `verdict patterns ${where}`);
  if (a.transportRuleScope) b.check([a.transportRuleScope.reason], ch, `scope ${where}`);
  b.check(ruleTestMarkdown(text, a, buildTransportRules(org, rules), 'a.eml').split('\n'), ch, `markdown ${where}`);
}

test('transport rules: a megabyte in a header or a rule setting is clipped in notes, verdicts, findings and the report', () => {
  const b = new BoundedMessages();
  for (const ch of PLANTED) {
    const x = huge(ch, 300_000);
    const org = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] };
    for (const [name, value] of CASES) {
      const headers = { ...BASE, [name]: value.replaceAll('X', x) };
      const text = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n';
      for (const mode of ['Audit', 'Enforce'] as const) check(b, text, org, { mode }, ch, `${name}: ${value} ${mode} (${ch})`);
    }
    // the settings: rule names, disclaimer texts, display names
    const rules: TransportRuleOptions = { mode: 'Enforce', senderNotValidated: { name: `a${x}`, text: `a${x}` }, internalDisplayName: { name: `a${x}`, text: `a${x}` } };
    const named = { ...org, displayNames: ['Jean Dupont', `a${x}`, `Jean a${x}`, `${x}!`, `a\u0001${x}`] };
    const text = Object.entries({ ...BASE, From: 'Jean Dupont <jean@example.net>' }).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n';
    check(b, text, named, rules, ch, `settings (${ch})`);
    b.check(planTransportRules(named, rules).notes.map((n) => n.message), ch, `plan notes (${ch})`);
    const evals = evaluateTransportRules(buildTransportRules(named, rules), { headers: [{ name: 'From', value: `Jean${x}Dupont <a@example.net>` }, { name: 'Authentication-Results', value: `mx; spf=fail ${x}` }], senderIsInternal: false, scopeReason: x });
    b.check(evals.map((e) => e.explanation), ch, `evaluateTransportRules (${ch})`);
  }
  b.done();
});
