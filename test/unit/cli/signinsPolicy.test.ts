/**
 * `mailsec signins --policy-script` (issue 14): the Exchange Online scripts the report
 * promises, for the accounts chosen by group — legacy users, accounts under attack, and
 * the Authenticated SMTP users kept as SMTP AUTH exceptions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { checkGeneratedScript } from '../../../src/core/powershell/tokenizer';
import { smtpClientAuthScripts } from '../../../src/core/powershell/smtpAuth';
import { analyzeSignins, policyUsers } from '../../../src/core/signins/index';
import { parseCommands } from '../powershell/psCommands';
import { HOSTILE_STRINGS } from '../powershell/hostile';
import { scenario, toPortalCsv } from '../signins/logBuilder';
import { fakeIo } from './fakeIo';

const VARS = ['$null', '$true', '$false', '$ErrorActionPreference'];
const dir = mkdtempSync(join(tmpdir(), 'mailsec-signins-policy-'));
writeFileSync(join(dir, 'attack.csv'), toPortalCsv(scenario()));

const assigned = (script: string) => parseCommands(script).filter((c) => c.name === 'Set-User').map((c) => c.params.get('Identity'));

void test('policyUsers: legacy users, accounts under attack, Authenticated SMTP users', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  assert.deepEqual(policyUsers(r), {
    legacy: ['old.phone@contoso.com', 'printer@contoso.com'],
    attacked: ['ceo@contoso.com', 'user3@contoso.com'],
    smtp: ['printer@contoso.com'],
  });
});

void test('--policy-script auth: legacy users and accounts under attack by default, or the groups chosen; --rollback', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'auth'], io), 0);
  assert.deepEqual(checkGeneratedScript(io.out, VARS), []);
  assert.deepEqual(assigned(io.out), ['ceo@contoso.com', 'old.phone@contoso.com', 'printer@contoso.com', 'user3@contoso.com']);
  assert.match(io.out, /New-AuthenticationPolicy -Name 'mailsec-block-basic-auth'/);
  assert.doesNotMatch(io.out, /does the same|equivalent/i, 'an authentication policy is not Conditional Access');
  assert.match(io.out, /before\r?\n# the password is checked \(Conditional Access decides after it\)/);
  const attacked = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'auth', '--policy-users', 'attacked', '--policy-name', 'Under attack'], attacked), 0);
  assert.deepEqual(assigned(attacked.out), ['ceo@contoso.com', 'user3@contoso.com']);
  const back = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'auth', '--rollback'], back), 0);
  assert.match(back.out, /Remove-AuthenticationPolicy -Identity 'mailsec-block-basic-auth'/);
});

void test('--policy-script smtp-auth: SMTP AUTH off for the organisation, on for the Authenticated SMTP users', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'smtp-auth'], io), 0);
  assert.deepEqual(checkGeneratedScript(io.out, VARS), []);
  const commands = parseCommands(io.out).filter((c) => c.name.startsWith('Set-'));
  assert.deepEqual(
    commands.map((c) => [c.name, c.params.get('Identity') ?? null, c.params.get('SmtpClientAuthenticationDisabled')]),
    [
      ['Set-CASMailbox', 'printer@contoso.com', '$false'],
      ['Set-TransportConfig', null, '$true'],
    ],
  );
  assert.match(io.out, /MC786329/);
  const back = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'smtp-auth', '--rollback'], back), 0);
  assert.deepEqual(parseCommands(back.out).filter((c) => c.name === 'Set-CASMailbox').map((c) => c.params.get('SmtpClientAuthenticationDisabled')), ['$null']);
});

void test('bad policy options are usage errors in the user\'s words', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'ntlm'], io), 64);
  const groups = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--policy-script', 'auth', '--policy-users', 'vip'], groups), 64);
  const alone = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--rollback'], alone), 64);
  assert.match(alone.err, /go with --policy-script/);
});

void test('the report text names the late-2026 state: SMTP AUTH is the last Basic-auth protocol; MC786329', async () => {
  const r = await analyzeSignins([toPortalCsv(scenario())]);
  const all = r.recommendations.join('\n');
  assert.match(all, /except SMTP AUTH client submission/);
  assert.match(all, /MC786329 turns Basic authentication for SMTP AUTH off by default for existing tenants at the end of December 2026/);
  assert.match(all, /1 user\(s\) still sign in successfully with Authenticated SMTP/);
  assert.match(all, /not a Conditional Access policy: it refuses Basic authentication before the password is checked/);
  assert.doesNotMatch(all, /does the same/);
});

void test('SMTP AUTH script: hostile mailbox names stay literals', () => {
  for (const s of HOSTILE_STRINGS) {
    const { apply, rollback } = smtpClientAuthScripts({ exceptions: [s, 'a@contoso.com'], eol: '\n' });
    assert.deepEqual(checkGeneratedScript(apply, VARS), [], JSON.stringify(s));
    assert.deepEqual(checkGeneratedScript(rollback, VARS), [], JSON.stringify(s));
  }
});
