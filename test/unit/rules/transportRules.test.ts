import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayNamePatterns, EXCHANGE_PATTERN_MAX_LENGTH, portabilityProblem, splitName } from '../../../src/core/rules/namePatterns';
import { buildTransportRules, evaluateTransportRules, UNVALIDATED_TEXT, type TransportRuleDefinition } from '../../../src/core/rules/transportRules';

const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont', 'Élodie Marchand', "Seán O'Brien", 'Anne-Marie de la Tour', 'J. R. (Bob) Smith+1'] };

function patternsOf(name: string): string[] {
  const r = displayNamePatterns(name);
  assert.ok(r && r.ok, `patterns for ${name}`);
  return r.patterns;
}

function matches(name: string, value: string): boolean {
  return patternsOf(name).some((p) => new RegExp(p, 'i').test(value));
}

describe('buildTransportRules', () => {
  const rules = buildTransportRules(ORG);

  it('defines the two rules as data, in Audit mode', () => {
    assert.deepEqual(
      rules.map((r) => r.id),
      ['sender-not-validated', 'external-internal-display-name'],
    );
    for (const r of rules) {
      assert.equal(r.fromScope, 'NotInOrganization');
      assert.equal(r.mode, 'Audit');
      assert.equal(r.action.type, 'ApplyHtmlDisclaimer');
      assert.equal(r.action.location, 'Prepend');
      assert.equal(r.action.fallback, 'Reject');
      assert.deepEqual(r.exceptions, []);
    }
    assert.deepEqual(rules[0]!.conditions, [{ header: 'Authentication-Results', patterns: ['dkim=fail', 'spf=TempError', 'spf=PermError', 'spf=SoftFail', 'spf=Fail', 'spf=None'] }]);
    assert.equal(rules[0]!.action.disclaimerText, UNVALIDATED_TEXT);
    assert.ok(rules[0]!.action.disclaimerHtml.includes('The sender of this message could not be validated and may not be the actual sender.'));
    assert.equal(rules[1]!.conditions[0]!.header, 'From');
    // two patterns per name ("First Last" and "Last, First"), each labelled with the name
    assert.equal(rules[1]!.conditions[0]!.patterns.length, 10);
    assert.deepEqual(rules[1]!.conditions[0]!.labels, ORG.displayNames.flatMap((n) => [n, n]));
  });

  it('is plain JSON (the PowerShell generator reads the same data)', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(rules)), rules);
  });

  it('leaves out the display-name rule when no names are configured', () => {
    assert.deepEqual(
      buildTransportRules({ domains: ['contoso.com'], displayNames: [' '] }).map((r) => r.id),
      ['sender-not-validated'],
    );
  });
});

describe('display-name patterns', () => {
  it('match "First Last", "Last, First", "Last First" and any whitespace, in any case', () => {
    for (const v of ['Jean Dupont <x@evil.example>', '"Dupont, Jean" <x@evil.example>', 'DUPONT JEAN', 'jean\t  dupont', 'Dupont ,Jean']) {
      assert.ok(matches('Jean Dupont', v), v);
    }
    assert.ok(!matches('Jean Dupont', 'Jeanne Dupond'));
    assert.ok(!matches('Jean Dupont', 'jean.dupont@example.com'), 'an address is not a display name');
  });

  it('are accent-insensitive both ways and catch Cyrillic lookalikes', () => {
    assert.ok(matches('Élodie Marchand', 'Elodie Marchand'));
    assert.ok(matches('Jean Dupont', 'Jéan Dupönt'));
    assert.ok(matches('Jean Dupont', 'J\u0435an Dupont'), 'Cyrillic е');
    assert.ok(matches('Nadia Okafor', 'Nadi\u03b1 Ok\u03b1for'), 'Greek α');
    assert.ok(matches('Élodie Marchand', 'MARCHAND, ÉLODIE'));
  });

  it('escape metacharacters and treat hyphens and apostrophes loosely', () => {
    assert.ok(matches("Seán O'Brien", 'Sean O’Brien'));
    assert.ok(matches("Seán O'Brien", 'Sean OBrien'));
    assert.ok(matches('Anne-Marie de la Tour', 'Anne Marie de la Tour'));
    assert.ok(matches('Anne-Marie de la Tour', 'de la Tour, Anne-Marie'));
    assert.ok(matches('J. R. (Bob) Smith+1', 'J. R. (Bob) Smith+1'));
    assert.ok(!matches('J. R. (Bob) Smith+1', 'JX R (Bob) Smith1'), 'dots, parentheses and + are literal');
  });

  it('split names: comma means "Last, First", else the first word is the first name', () => {
    assert.deepEqual(splitName('Dupont, Jean'), { first: 'Jean', last: 'Dupont' });
    assert.deepEqual(splitName('Anne-Marie de la Tour'), { first: 'Anne-Marie', last: 'de la Tour' });
    assert.deepEqual(splitName('Cher'), { first: 'Cher', last: '' });
    assert.equal(displayNamePatterns('   '), null);
    assert.ok(matches('Cher', 'CHER'));
  });

  it('stay in the .NET/JavaScript common subset', () => {
    for (const n of [...ORG.displayNames, 'Zoë Ångström-Øster', 'a[b]c{d}e|f\\g^h$i?j*k', 'Łukasz Żółć']) {
      for (const p of patternsOf(n)) assert.equal(portabilityProblem(p), null, `${n}: ${p}`);
    }
    assert.match(portabilityProblem('\\d+')!, /escape/);
    assert.match(portabilityProblem('(?<name>x)')!, /\(\?/);
    assert.match(portabilityProblem('(?i)x')!, /\(\?/);
    assert.match(portabilityProblem('[^a]')!, /negated/);
    assert.match(portabilityProblem('a{2}')!, /quantifier/);
    assert.match(portabilityProblem('\\p{L}')!, /escape/);
    assert.match(portabilityProblem('x'.repeat(129))!, /129 characters/);
    assert.match(portabilityProblem('(ab)+c')!, /repeated group/);
    assert.match(portabilityProblem('a|')!, /empty/);
    assert.match(portabilityProblem('(?:|a)b')!, /empty/);
    assert.match(portabilityProblem('.*abc')!, /wildcard/);
    assert.equal(portabilityProblem('a\\|b'), null, 'an escaped | is a literal');
  });

  it('are at most 128 characters (Exchange Online refuses longer ones), with fewer variants for long names', () => {
    const short = displayNamePatterns('Jean Dupont')!;
    assert.ok(short.ok);
    // The name's word boundaries (namePatterns.ts) take room: the common accents and the lookalikes still fit.
    assert.equal(short.level, 'common');
    const long = displayNamePatterns('Maximiliane Alexandrina von Hohenzollern-Sigmaringen')!;
    assert.ok(long.ok);
    assert.notEqual(long.level, 'all');
    for (const p of long.patterns) assert.ok(p.length <= EXCHANGE_PATTERN_MAX_LENGTH, `${p.length}: ${p}`);
    assert.ok(matches('Maximiliane Alexandrina von Hohenzollern-Sigmaringen', 'Alexandrina von Hohenzollern Sigmaringen, Maximiliane'));
    // the Cyrillic lookalikes survive longer than the rarer accents
    const mid = displayNamePatterns('Christopher Montgomery')!;
    assert.ok(mid.ok && mid.level !== 'as-written', mid.ok ? mid.level : '');
    assert.ok(matches('Christopher Montgomery', 'Christ\u043epher M\u043entg\u043emery'));
  });

  it('refuse a name that cannot fit even without variants, in words', () => {
    const r = displayNamePatterns(`Jean ${'Dupont-'.repeat(20)}X`)!;
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /at most 128/);
  });
});

describe('evaluateTransportRules', () => {
  const rules = buildTransportRules(ORG);
  const ev = (headers: Array<[string, string]>, senderIsInternal = false) =>
    evaluateTransportRules(rules, { headers: headers.map(([name, value]) => ({ name, value })), senderIsInternal });

  it('rule 1 fires on a failing Authentication-Results and says which pattern matched what', () => {
    const [r1] = ev([['Authentication-Results', 'mx.contoso.com; spf=softfail smtp.mailfrom=x.example; dkim=none']]);
    assert.equal(r1!.fires, true);
    const m = r1!.conditions[0]!.matches[0]!;
    assert.equal(m.pattern, 'spf=SoftFail');
    assert.equal(m.matchedText, 'spf=softfail');
    assert.equal(m.offset, 16);
    assert.match(r1!.explanation, /Fires: .*"spf=SoftFail" matches "spf=softfail" in Authentication-Results/);
  });

  it('rule 1 does not fire on passes, nor for internal senders', () => {
    assert.equal(ev([['Authentication-Results', 'mx; spf=pass; dkim=pass']])[0]!.fires, false);
    const internal = ev([['Authentication-Results', 'mx; spf=fail']], true)[0]!;
    assert.equal(internal.fires, false);
    assert.equal(internal.scopeMatched, false);
    assert.match(internal.explanation, /inside the organisation/);
    const none = ev([['Subject', 'x']])[0]!;
    assert.match(none.explanation, /has no Authentication-Results header/);
  });

  it('rule 2 fires on an internal name from outside and names it', () => {
    const r2 = ev([['From', '"Dupont, Jean" <jean.dupont@c0ntoso.example>']])[1]!;
    assert.equal(r2.fires, true);
    assert.equal(r2.conditions[0]!.matches[0]!.label, 'Jean Dupont');
    assert.equal(r2.conditions[0]!.matches[0]!.matchedText, 'Dupont, Jean');
    assert.match(r2.explanation, /the pattern for "Jean Dupont" matches "Dupont, Jean" in From/);
  });

  it('an exception stops a rule; an invalid pattern is reported, not thrown', () => {
    const custom: TransportRuleDefinition[] = [
      { ...rules[0]!, exceptions: [{ header: 'X-Trusted-Relay', patterns: ['yes'] }] },
      { ...rules[0]!, conditions: [{ header: 'Authentication-Results', patterns: ['spf=(fail', 'spf=fail'] }] },
    ];
    const [a, b] = evaluateTransportRules(custom, {
      headers: [
        { name: 'Authentication-Results', value: 'mx; spf=fail' },
        { name: 'X-Trusted-Relay', value: 'yes' },
      ],
      senderIsInternal: false,
    });
    assert.equal(a!.fires, false);
    assert.match(a!.explanation, /exception/);
    assert.equal(b!.fires, true);
    assert.deepEqual(b!.invalidPatterns, ['spf=(fail']);
  });
});
