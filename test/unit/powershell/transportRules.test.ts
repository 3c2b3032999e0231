import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { MAILSEC_RULE_MARKER, TRANSPORT_SCRIPT_VARIABLES, transportRuleScripts, TransportRuleScriptError } from '../../../src/core/powershell/transportRules';
import { checkGeneratedScript, scriptSkeleton, tokenizePowerShell } from '../../../src/core/powershell/tokenizer';
import { buildTransportRules, estimateRuleSize, evaluateTransportRules, planTransportRules, RULE_SIZE_TARGET, type TransportRuleDefinition } from '../../../src/core/rules/transportRules';
import { HOSTILE_STRINGS } from './hostile';
import { parseCommands, type PsCommand } from './psCommands';

const ALLOWED = TRANSPORT_SCRIPT_VARIABLES;
const RULE_COMMANDS = /-TransportRule$/;
const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont', 'Nadia Okafor', 'Élodie Marchand'] };
const NOW = Date.parse('2024-04-08T08:00:00Z');
const phishing = readFileSync(join(__dirname, '../headers/fixtures/phishing-lookalike.txt'), 'utf8');

const param = (c: PsCommand, name: string) => c.params.get(name);

/** A rule definition rebuilt from nothing but what the script says (decoded from its literals). */
function ruleFromScript(c: PsCommand, like: TransportRuleDefinition): TransportRuleDefinition {
  return {
    ...like,
    name: param(c, 'Name') as string,
    fromScope: param(c, 'FromScope') as TransportRuleDefinition['fromScope'],
    mode: param(c, 'Mode') as TransportRuleDefinition['mode'],
    conditions: [{ header: param(c, 'HeaderMatchesMessageHeader') as string, patterns: param(c, 'HeaderMatchesPatterns') as string[] }],
    exceptions: [],
  };
}

describe('transport rule scripts', () => {
  const rules = buildTransportRules(ORG);
  const scripts = transportRuleScripts(rules, { eol: '\n' });

  it('create: one New-TransportRule per definition, every parameter taken from the definition', () => {
    const commands = parseCommands(scripts.create, RULE_COMMANDS).filter((c) => c.name === 'New-TransportRule');
    assert.equal(commands.length, rules.length);
    commands.forEach((c, k) => {
      const r = rules[k]!;
      assert.equal(param(c, 'Name'), r.name);
      assert.equal(param(c, 'FromScope'), 'NotInOrganization');
      assert.equal(param(c, 'Mode'), 'Audit');
      assert.equal(param(c, 'HeaderMatchesMessageHeader'), r.conditions[0]!.header);
      assert.deepEqual(param(c, 'HeaderMatchesPatterns'), r.conditions[0]!.patterns);
      assert.equal(param(c, 'ApplyHtmlDisclaimerLocation'), 'Prepend');
      assert.equal(param(c, 'ApplyHtmlDisclaimerFallbackAction'), 'Reject', 'Microsoft: not Wrap for incoming external mail (Safe Attachments)');
      assert.equal(param(c, 'ApplyHtmlDisclaimerText'), r.action.disclaimerHtml);
      assert.equal(param(c, 'Comments'), `${r.description} ${MAILSEC_RULE_MARKER}`);
      assert.equal(c.params.has('Priority'), false, 'without a priority the rules go last');
    });
    assert.deepEqual(checkGeneratedScript(scripts.create, ALLOWED), []);
  });

  it('update: Set-TransportRule with the same parameters; rollback: Remove-TransportRule for every mailsec rule', () => {
    const created = parseCommands(scripts.create, RULE_COMMANDS).filter((c) => c.name === 'New-TransportRule');
    const updated = parseCommands(scripts.update, RULE_COMMANDS).filter((c) => c.name === 'Set-TransportRule');
    assert.equal(updated.length, created.length);
    updated.forEach((u, k) => {
      const c = created[k]!;
      assert.equal(param(u, 'Identity'), param(c, 'Name'));
      const strip = (x: PsCommand, key: string) => [...x.params].filter(([n]) => n !== key);
      assert.deepEqual(strip(u, 'Identity'), strip(c, 'Name'));
    });
    const removed = parseCommands(scripts.rollback, /^Remove-TransportRule$/);
    assert.deepEqual(removed.map((c) => [param(c, 'Identity'), param(c, 'Confirm')]), [['$Rule.Guid.ToString()', '$false']]);
    assert.deepEqual(checkGeneratedScript(scripts.update, ALLOWED), []);
    assert.deepEqual(checkGeneratedScript(scripts.rollback, ALLOWED), []);
  });

  it('priority: consecutive from the one given; refused when not a whole number', () => {
    const s = transportRuleScripts(rules, { priority: 3, eol: '\n' });
    assert.deepEqual(parseCommands(s.create, RULE_COMMANDS).filter((c) => c.name === 'New-TransportRule').map((c) => param(c, 'Priority')), ['3', '4']);
    assert.deepEqual(parseCommands(s.update, RULE_COMMANDS).filter((c) => c.name === 'Set-TransportRule').map((c) => param(c, 'Priority')), ['3', '4']);
    assert.throws(() => transportRuleScripts(rules, { priority: -1 }), TransportRuleScriptError);
    assert.throws(() => transportRuleScripts(rules, { priority: 1.5 }), /whole number/);
  });

  it('mode, names and texts come from the options, through the definitions', () => {
    const custom = buildTransportRules(ORG, {
      mode: 'Enforce',
      senderNotValidated: { name: 'Unvalidated sender', text: 'Be careful <b>here</b>' },
      internalDisplayName: { name: 'CEO fraud', text: 'Not our CEO.' },
    });
    const [a, b] = parseCommands(transportRuleScripts(custom, { eol: '\n' }).create, RULE_COMMANDS).filter((c) => c.name === 'New-TransportRule');
    assert.equal(param(a!, 'Name'), 'Unvalidated sender');
    assert.equal(param(b!, 'Name'), 'CEO fraud');
    assert.equal(param(a!, 'Mode'), 'Enforce');
    assert.match(param(a!, 'ApplyHtmlDisclaimerText') as string, /Be careful &lt;b&gt;here&lt;\/b&gt;/, 'plain text is HTML-escaped');
    assert.match(param(b!, 'ApplyHtmlDisclaimerText') as string, /Not our CEO\./);
  });

  it('CRLF by default; the UTF-8-with-BOM advice only when the script has non-ASCII letters', () => {
    const crlf = transportRuleScripts(rules).create;
    assert.ok(!/[^\r]\n/.test(crlf));
    assert.match(crlf, /UTF-8 with BOM/);
    const ascii = transportRuleScripts(buildTransportRules({ domains: [], displayNames: [] })).create;
    assert.doesNotMatch(ascii, /UTF-8 with BOM/);
  });

  it('the rollback (rule names only, no patterns) has no non-ASCII note; lookalike patterns are explained above them (issue 15)', () => {
    const scripts = transportRuleScripts(rules, { eol: '\n' });
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(scripts.rollback, /[^\x00-\x7F]/, 'the rollback holds no non-ASCII text');
    assert.doesNotMatch(scripts.rollback, /UTF-8 with BOM|non-ASCII/, 'so no note about it');
    for (const kind of ['create', 'update'] as const) {
      const lines = scripts[kind].split('\n');
      let seen = 0;
      for (const [i, line] of lines.entries()) {
        // eslint-disable-next-line no-control-regex
        if (!/^\s*-HeaderMatchesPatterns .*[^\x00-\x7F]/.test(line)) continue;
        // the rule's block: `if (<rule exists>) { New-… } else { Set-… }` (one script creates or updates)
        const start = lines.slice(0, i).findLastIndex((l) => /^if \(@\(\$AllRules /.test(l));
        assert.match(lines[start - 1] ?? '', /ambiguous Unicode characters/, `${kind}: the comment sits above the rule with lookalike patterns`);
        seen++;
      }
      assert.ok(seen > 0, `${kind}: the test rules have lookalike patterns`);
      const ascii = transportRuleScripts(buildTransportRules({ domains: ['contoso.com'], displayNames: [] }), { eol: '\n' })[kind];
      assert.doesNotMatch(ascii, /ambiguous Unicode/, `${kind}: no comment when there is no lookalike`);
    }
  });
});

describe('scripts that can be run again (issue 14)', () => {
  const assignment = (script: string, variable: string) => {
    const line = script.split('\n').find((l) => l.startsWith(`${variable} = `))!;
    return tokenizePowerShell(line).tokens.filter((t) => t.kind === 'single-quoted').map((t) => t.value);
  };

  it('create and update are one idempotent script: New- when missing, Set- when present, stale split parts removed', () => {
    const s = transportRuleScripts(buildTransportRules(ORG), { eol: '\n' });
    assert.equal(s.update, s.create);
    assert.match(s.create, /# It can be run again: it creates the rules that are missing, updates those that exist/);
    for (const r of buildTransportRules(ORG)) {
      const q = `'${r.name.replace(/'/g, "''")}'`;
      assert.ok(s.create.includes(`if (@($AllRules | Where-Object { $_.Name -eq ${q} }).Count -eq 0) {\nNew-TransportRule -Name ${q}`), r.name);
      assert.ok(s.create.includes(`} else {\nSet-TransportRule -Identity ${q}`), r.name);
    }
    assert.deepEqual(assignment(s.create, '$Wanted'), buildTransportRules(ORG).map((r) => r.name));
    assert.match(s.create, /foreach \(\$Rule in \$AllRules\) \{ if \(\(Test-MailsecRule \$Rule\) -and \(\$Wanted -notcontains \$Rule\.Name\)\) \{\nRemove-TransportRule -Identity \$Rule\.Guid\.ToString\(\) -Confirm:\$false/);
  });

  it('rule names do not change when more names split the display-name rule into more parts', () => {
    const few = planTransportRules({ domains: [], displayNames: Array.from({ length: 40 }, (_, i) => `Firstname Lastname${i}`) }).rules.map((r) => r.name);
    const more = planTransportRules({ domains: [], displayNames: Array.from({ length: 90 }, (_, i) => `Firstname Lastname${i}`) }).rules.map((r) => r.name);
    assert.ok(more.length > few.length && few.length > 2, `${few.length} then ${more.length}`);
    assert.deepEqual(more.slice(0, few.length), few, 'the parts deployed before keep their names');
  });

  it('rollback removes every mailsec rule (marker or names, old "(1 of 4)" parts too) without prompting, then restores the backup', () => {
    const s = transportRuleScripts(buildTransportRules(ORG), { eol: '\n' });
    assert.deepEqual(assignment(s.rollback, '$MailsecNames'), [...new Set(buildTransportRules(ORG).map((r) => r.part?.baseName ?? r.name))]);
    assert.match(s.rollback, /\$Rule\.Comments\.Contains\(\$Marker\)/);
    assert.match(s.rollback, /\$Rule\.Name\.StartsWith\(\$Name \+ ' \('\)/);
    assert.match(s.rollback, /foreach \(\$Rule in \$AllRules\) \{ if \(Test-MailsecRule \$Rule\) \{\nRemove-TransportRule -Identity \$Rule\.Guid\.ToString\(\) -Confirm:\$false/);
    assert.match(s.rollback, /Import-Clixml -LiteralPath \$BackupFile/);
    assert.match(s.rollback, /New-TransportRule -Name \$Old\.Name/);
    // the create script saves what it is about to replace, once
    assert.match(s.create, /if \(-not \(Test-Path -LiteralPath \$BackupFile\)\) \{ Export-Clixml -LiteralPath \$BackupFile -InputObject @\(\$AllRules \| Where-Object \{ Test-MailsecRule \$_ \}\) \}/);
    assert.ok(s.create.indexOf('Export-Clixml') < s.create.indexOf('\nNew-TransportRule'), 'the backup comes before any change');
    assert.deepEqual(checkGeneratedScript(s.rollback, ALLOWED), []);
  });

  it('checked limits: priority beyond the rules (script and generator), disclaimer over 5000 characters', () => {
    const rules = buildTransportRules(ORG);
    assert.throws(() => transportRuleScripts(rules, { priority: 299 }), /beyond the rules Exchange Online can hold.*at most 300/);
    const s = transportRuleScripts(rules, { priority: 5, eol: '\n' });
    assert.match(s.create, /if \(5 -gt \$Others\) \{ throw \('Priority 5 is beyond the number of rules/);
    assert.ok(s.create.indexOf('-gt $Others') < s.create.indexOf('Export-Clixml'), 'checked before anything changes');
    const long = planTransportRules(ORG, { internalDisplayName: { text: 'x'.repeat(4800) } });
    const note = long.notes.find((n) => n.code === 'rule-disclaimer-too-long');
    assert.ok(note && note.severity === 'error', JSON.stringify(long.notes));
    assert.match(note.message, /at most 5000/);
    assert.equal(planTransportRules(ORG, { internalDisplayName: { text: 'x'.repeat(4000) } }).notes.some((n) => n.code === 'rule-disclaimer-too-long'), false);
  });

  it('the header of an Enforce script does not tell you to switch to Enforce', () => {
    const enforce = transportRuleScripts(buildTransportRules(ORG, { mode: 'Enforce' }), { eol: '\n' }).create;
    assert.doesNotMatch(enforce, /[Ss]witch to Enforce/);
    assert.match(enforce, /# Mode: Enforce\. The rules act on matching mail/);
    const audit = transportRuleScripts(buildTransportRules(ORG), { eol: '\n' }).create;
    assert.match(audit, /# Mode: Audit\. Audit only records matches/);
    assert.match(audit, /Switch to Enforce once the matches look right/);
  });

  it('the fallback is Reject (or Ignore on request), never Wrap, and the script says why', () => {
    const s = transportRuleScripts(buildTransportRules(ORG), { eol: '\n' }).create;
    assert.match(s, /do not use\n# Wrap in rules for incoming mail from external senders, it interferes with Safe Attachments/);
    const ignore = parseCommands(transportRuleScripts(buildTransportRules(ORG, { fallback: 'Ignore' }), { eol: '\n' }).create, /^New-TransportRule$/);
    assert.deepEqual([...new Set(ignore.map((c) => param(c, 'ApplyHtmlDisclaimerFallbackAction')))], ['Ignore']);
    const wrap = buildTransportRules(ORG).map((r) => ({ ...r, action: { ...r.action, fallback: 'Wrap' as const } }));
    assert.throws(() => transportRuleScripts(wrap), /Safe Attachments/);
  });
});

describe('one rule engine: the script and the header analysis come from the same definitions', () => {
  it('the patterns decoded from the script are exactly the definitions the analysis evaluates, with the same verdict', () => {
    const analysis = analyzeHeaders(phishing, { org: ORG, now: NOW });
    const rules = buildTransportRules(ORG);
    const commands = parseCommands(transportRuleScripts(rules, { eol: '\n' }).create, RULE_COMMANDS).filter((c) => c.name === 'New-TransportRule');
    const fromScript = commands.map((c, k) => ruleFromScript(c, rules[k]!));
    assert.deepEqual(fromScript.map((r) => r.conditions), rules.map((r) => r.conditions.map(({ header, patterns }) => ({ header, patterns }))));
    // Evaluate the decoded rules on the headers the analysis passed to its evaluator.
    const trusted = analysis.authentication.trusted !== null ? analysis.authentication.results[analysis.authentication.trusted]!.headerIndex : -1;
    const headers = analysis.headers.filter((f) => f.lname !== 'authentication-results' || f.index === trusted).map((f) => ({ name: f.name, value: f.decoded }));
    const verdicts = evaluateTransportRules(fromScript, { headers, senderIsInternal: analysis.summary.senderIsInternal });
    assert.deepEqual(
      verdicts.map((v) => ({ fires: v.fires, texts: v.conditions.flatMap((c) => c.matches.map((m) => m.matchedText)) })),
      analysis.transportRules.map((v) => ({ fires: v.fires, texts: v.matches.map((m) => m.matchedText) })),
    );
    assert.deepEqual(verdicts.map((v) => v.fires), [true, true], 'the phishing fixture trips both rules');
  });

  it('with custom options the analysis evaluates the rules the script creates', () => {
    const options = { internalDisplayName: { name: 'Impersonation' } };
    const analysis = analyzeHeaders(phishing, { org: ORG, now: NOW, rules: options });
    const names = parseCommands(transportRuleScripts(buildTransportRules(ORG, options)).create, RULE_COMMANDS)
      .filter((c) => c.name === 'New-TransportRule')
      .map((c) => param(c, 'Name'));
    assert.deepEqual(analysis.transportRules.map((v) => v.ruleName), names);
  });
});

describe('hostile names and texts change literal values only, never the code', () => {
  const codeOnly = (script: string) => scriptSkeleton(script).filter((t) => t !== 'single-quoted:<literal>' && t !== 'operator:,');
  const benign = codeOnly(transportRuleScripts(buildTransportRules(ORG), { eol: '\n' }).create);

  for (const s of HOSTILE_STRINGS) {
    it(JSON.stringify(s), () => {
      const org = { domains: ['contoso.com'], displayNames: ['Jean Dupont', `Jean ${s}`, s] };
      const plan = planTransportRules(org, { senderNotValidated: { name: s, text: s }, internalDisplayName: { text: `${s} ${s}` } });
      for (const kind of ['create', 'update', 'rollback'] as const) {
        const script = transportRuleScripts(plan.rules, { eol: '\n' })[kind];
        assert.deepEqual(checkGeneratedScript(script, ALLOWED), [], kind);
        assert.deepEqual(tokenizePowerShell(script).errors, []);
        if (kind === 'create') assert.deepEqual(codeOnly(script), benign);
        if (kind !== 'rollback') {
          const commands = parseCommands(script, /^(New|Set)-TransportRule$/);
          assert.equal(commands.length, 2 * plan.rules.length);
          commands.forEach((c, k) => {
            const r = plan.rules[k >> 1]!;
            assert.equal(param(c, c.name === 'New-TransportRule' ? 'Name' : 'Identity'), r.name);
            assert.deepEqual(param(c, 'HeaderMatchesPatterns'), r.conditions[0]!.patterns);
            assert.equal(param(c, 'ApplyHtmlDisclaimerText'), r.action.disclaimerHtml);
          });
        }
      }
      // the hostile name is protected, and its patterns find it
      const refused = plan.notes.find((n) => n.code === 'rule-display-name-invalid' && n.message.includes(JSON.stringify(s.trim().replace(/\s+/g, ' '))));
      const patterns = plan.rules.find((r) => r.id === 'external-internal-display-name')!.conditions[0]!.patterns;
      for (const p of patterns) assert.equal(new RegExp(p, 'i').test(''), false, `${p} matches an empty From`);
      if (s.trim() && !refused) {
        assert.ok(patterns.some((p) => new RegExp(p, 'i').test(`"${s.trim().replace(/\s+/g, ' ')}" <x@evil.example>`)), `pattern for ${JSON.stringify(s)}`);
      }
      if (/^[^\p{L}\p{N}]*$/u.test(s) && s.trim()) assert.ok(refused, `${JSON.stringify(s)} is refused`);
    });
  }
});

describe('rule size: many names are split into several Exchange rules', () => {
  const names = Array.from({ length: 70 }, (_, i) => `Firstname${String.fromCharCode(97 + (i % 26))} Lastname${i}`);
  const plan = planTransportRules({ domains: ['contoso.com'], displayNames: names });

  it('every rule stays under the size target and every name is in exactly one rule', () => {
    const parts = plan.rules.filter((r) => r.id === 'external-internal-display-name');
    assert.ok(parts.length > 1, `${parts.length} part(s)`);
    for (const r of parts) assert.ok(estimateRuleSize(r) <= RULE_SIZE_TARGET, `${r.name}: ${estimateRuleSize(r)}`);
    // names do not depend on the number of parts (issue 14): part 1 keeps the rule's name
    assert.deepEqual(parts.map((r) => r.name), parts.map((_, k) => (k === 0 ? 'mailsec: external sender with an internal display name' : `mailsec: external sender with an internal display name (part ${k + 1})`)));
    assert.deepEqual([...new Set(parts.flatMap((r) => r.conditions[0]!.labels))], names);
    assert.ok(plan.notes.some((n) => n.code === 'rule-split'));
  });

  it('says when the patterns take more than the organisation-wide 20 KB', () => {
    assert.ok(plan.patternCharacters > 10240);
    const note = plan.notes.find((n) => n.code === 'rule-pattern-budget');
    assert.ok(note, JSON.stringify(plan.notes));
    assert.equal(note.severity, plan.patternCharacters > 20480 ? 'error' : 'warning');
    assert.match(note.message, new RegExp(String(plan.patternCharacters)));
  });

  it('the analysis finds a name in whichever part holds it', () => {
    const last = names[names.length - 1]!;
    const header = `Authentication-Results: mx.contoso.com; spf=pass smtp.mailfrom=evil.example\nFrom: "${last}" <boss@evil.example>\nSubject: hi\n`;
    const a = analyzeHeaders(header, { org: { domains: ['contoso.com'], displayNames: names }, now: NOW });
    const firing = a.transportRules.filter((v) => v.fires);
    assert.equal(firing.length, 1);
    assert.match(firing[0]!.ruleName, /\(part \d+\)$/);
    assert.equal(firing[0]!.matches[0]!.matchedText, last);
  });
});

describe('plan notes', () => {
  it('no display names: a warning, and only rule 1', () => {
    const plan = planTransportRules({ domains: ['contoso.com'], displayNames: [] });
    assert.deepEqual(plan.rules.map((r) => r.id), ['sender-not-validated']);
    assert.deepEqual(plan.notes.map((n) => [n.code, n.severity]), [['rule-no-display-names', 'warning']]);
  });

  it('a rule name over 64 characters and a display name too long for a pattern are errors', () => {
    const plan = planTransportRules(
      { domains: [], displayNames: ['Jean Dupont', `Jean ${'Dupont-'.repeat(20)}X`] },
      { senderNotValidated: { name: 'x'.repeat(65) } },
    );
    assert.deepEqual(plan.notes.filter((n) => n.severity === 'error').map((n) => n.code).sort(), ['rule-display-name-too-long', 'rule-name-too-long']);
    assert.equal(plan.rules[1]!.conditions[0]!.labels!.every((l) => l === 'Jean Dupont'), true);
  });

  it('the script generator refuses no rules at all', () => {
    assert.throws(() => transportRuleScripts([]), /no rules/);
  });
});
