import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOW_BASIC_AUTH_SWITCHES, AuthPolicyInputError, authenticationPolicyScripts } from '../../../src/core/powershell/authPolicy';
import { checkGeneratedScript, literalValues, scriptSkeleton } from '../../../src/core/powershell/tokenizer';
import { HOSTILE_STRINGS } from './hostile';

const ALLOWED = ['$null', '$false', '$ErrorActionPreference'];

void test('apply script creates the policy with every Basic-auth switch off and assigns it per user', () => {
  const { apply, users } = authenticationPolicyScripts({ policyName: 'Block Basic Auth', users: ['alice@contoso.com', 'bob@contoso.com'], eol: '\n' });
  assert.deepEqual(users, ['alice@contoso.com', 'bob@contoso.com']);
  const lines = apply.split('\n');
  const create = lines.find((l) => l.startsWith('New-AuthenticationPolicy'))!;
  assert.ok(create.startsWith("New-AuthenticationPolicy -Name 'Block Basic Auth' "));
  for (const s of ALLOW_BASIC_AUTH_SWITCHES) assert.ok(create.includes(` -${s}:$false`), s);
  assert.equal(ALLOW_BASIC_AUTH_SWITCHES.length, 12);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('Set-User')),
    [
      "Set-User -Identity 'alice@contoso.com' -AuthenticationPolicy 'Block Basic Auth' -STSRefreshTokensValidFrom ([System.DateTime]::UtcNow)",
      "Set-User -Identity 'bob@contoso.com' -AuthenticationPolicy 'Block Basic Auth' -STSRefreshTokensValidFrom ([System.DateTime]::UtcNow)",
    ],
  );
  assert.deepEqual(checkGeneratedScript(apply, ALLOWED), []);
});

void test('rollback clears the assignment for the same users and removes the policy', () => {
  const { rollback } = authenticationPolicyScripts({ policyName: 'P', users: ['alice@contoso.com'], eol: '\n' });
  assert.deepEqual(
    rollback.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('$')),
    ["Set-User -Identity 'alice@contoso.com' -AuthenticationPolicy $null", "Remove-AuthenticationPolicy -Identity 'P'"],
  );
  assert.deepEqual(checkGeneratedScript(rollback, ALLOWED), []);
});

void test('CRLF by default', () => {
  const { apply } = authenticationPolicyScripts({ policyName: 'P', users: ['a'] });
  assert.ok(apply.includes('\r\n'));
  assert.ok(!/[^\r]\n/.test(apply));
});

void test('users are trimmed and de-duplicated ignoring case', () => {
  const { users } = authenticationPolicyScripts({ policyName: 'P', users: [' Alice@contoso.com', 'alice@CONTOSO.com', '', 'bob'] });
  assert.deepEqual(users, ['Alice@contoso.com', 'bob']);
});

void test('bad input is refused in the user\'s words', () => {
  assert.throws(() => authenticationPolicyScripts({ policyName: ' ', users: ['a'] }), AuthPolicyInputError);
  assert.throws(() => authenticationPolicyScripts({ policyName: 'x'.repeat(65), users: ['a'] }), /65 characters.*at most 64/);
  assert.throws(() => authenticationPolicyScripts({ policyName: 'P', users: ['  '] }), /at least one user/);
});

void test('hostile user names and policy names change only literal values, never the code', () => {
  const benign = authenticationPolicyScripts({ policyName: 'Policy', users: ['user'], eol: '\n' });
  for (const s of HOSTILE_STRINGS) {
    if (!s.trim()) continue;
    const hostile = authenticationPolicyScripts({ policyName: s.trim().slice(0, 64), users: [s], eol: '\n' });
    for (const which of ['apply', 'rollback'] as const) {
      assert.deepEqual(scriptSkeleton(hostile[which]), scriptSkeleton(benign[which]), `${which}: ${JSON.stringify(s)}`);
      assert.deepEqual(checkGeneratedScript(hostile[which], ALLOWED), [], JSON.stringify(s));
      const values = literalValues(hostile[which]);
      assert.ok(values.includes(s.trim()), JSON.stringify(s));
      assert.ok(values.includes(s.trim().slice(0, 64)));
    }
  }
});

void test('control and text-direction characters produce a warning', () => {
  const { warnings } = authenticationPolicyScripts({ policyName: 'P', users: ['admin\u202Emoc.evil@x.com'] });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /text-direction/);
});
