/**
 * PowerShell quoting under fuzzing: whatever text goes through psSingleQuoted comes back
 * from PowerShell's tokenizer rules as exactly one verbatim literal with the same value, and
 * generated transport-rule and policy scripts keep their code whatever names they are given.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { authenticationPolicyScripts } from '../../src/core/powershell/authPolicy';
import { psSingleQuoted, psStringArray } from '../../src/core/powershell/quote';
import { smtpClientAuthScripts } from '../../src/core/powershell/smtpAuth';
import { checkGeneratedScript, literalValues, scriptSkeleton, tokenizePowerShell } from '../../src/core/powershell/tokenizer';
import { TRANSPORT_SCRIPT_VARIABLES, transportRuleScripts } from '../../src/core/powershell/transportRules';
import { planTransportRules } from '../../src/core/rules/transportRules';
import { runs, SEED } from './m365Common';

/** Text biased towards what PowerShell treats specially: quotes of all kinds, $, backtick, @, #, line breaks. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("'", '\u2018', '\u2019', '\u201A', '\u201B', '"', '\u201C', '\u201D', '\u201E', '$', '`', '@', '#', '(', ')', '{', '}', '\n', '\r', '\u2028', ' ', '-', ';', '|', '<#', '#>', "'@", '@\''),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

void test('psSingleQuoted: one single-quoted token whose value is the input', () => {
  fc.assert(
    fc.property(hostileText, (s) => {
      const lit = psSingleQuoted(s);
      const { tokens, errors } = tokenizePowerShell(lit);
      assert.deepEqual(errors, []);
      assert.equal(tokens.length, 1, JSON.stringify(tokens));
      assert.equal(tokens[0]!.kind, 'single-quoted');
      assert.equal(tokens[0]!.value, s);
    }),
    { seed: SEED, numRuns: runs() },
  );
});

void test('psStringArray: the literals decode to the items, in order', () => {
  fc.assert(
    fc.property(fc.array(hostileText, { maxLength: 8 }), (items) => {
      assert.deepEqual(literalValues(`$x = ${psStringArray(items)}`), items);
    }),
    { seed: SEED, numRuns: runs() },
  );
});

void test('transport-rule scripts: hostile names and texts change literals only', () => {
  const skeleton = (s: string) => scriptSkeleton(s).filter((t) => t !== 'single-quoted:<literal>' && t !== 'operator:,');
  const benign = skeleton(transportRuleScripts(planTransportRules({ domains: [], displayNames: ['Jean Dupont'] }).rules, { eol: '\n' }).create);
  fc.assert(
    fc.property(hostileText, hostileText, (name, text) => {
      const plan = planTransportRules({ domains: [], displayNames: ['Jean Dupont'] }, { senderNotValidated: { name: `r ${name}`, text }, internalDisplayName: { text: `t ${text}` } });
      for (const kind of ['create', 'rollback'] as const) {
        const script = transportRuleScripts(plan.rules, { eol: '\n' })[kind];
        assert.deepEqual(checkGeneratedScript(script, TRANSPORT_SCRIPT_VARIABLES), [], kind);
        if (kind === 'create') assert.deepEqual(skeleton(script), benign);
      }
    }),
    { seed: SEED, numRuns: Math.ceil(runs() / 4) },
  );
});

void test('authentication policy and SMTP AUTH scripts: hostile users stay literals', () => {
  fc.assert(
    fc.property(fc.array(hostileText.filter((s) => s.trim() !== ''), { minLength: 1, maxLength: 4 }), (users) => {
      const vars = ['$null', '$true', '$false', '$ErrorActionPreference'];
      const a = authenticationPolicyScripts({ policyName: 'p', users });
      const s = smtpClientAuthScripts({ exceptions: users });
      for (const script of [a.apply, a.rollback, s.apply, s.rollback]) assert.deepEqual(checkGeneratedScript(script, vars), []);
      const values = literalValues(a.apply);
      for (const u of a.users) assert.ok(values.includes(u));
    }),
    { seed: SEED, numRuns: Math.ceil(runs() / 4) },
  );
});
