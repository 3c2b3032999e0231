import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { checkGeneratedScript, literalValues } from '../../../src/core/powershell/tokenizer';
import { TRANSPORT_SCRIPT_VARIABLES } from '../../../src/core/powershell/transportRules';
import { buildTransportRules } from '../../../src/core/rules/transportRules';
import { parseCommands } from '../powershell/psCommands';
import { fakeIo } from './fakeIo';

const ALLOWED = TRANSPORT_SCRIPT_VARIABLES;
const dir = mkdtempSync(join(tmpdir(), 'mailsec-rules-'));
writeFileSync(join(dir, '.mailsecrc.json'), JSON.stringify({ organization: { domains: ['contoso.com'], displayNames: ['Jean Dupont', "Seán O'Brien"] } }));
const empty = join(dir, 'sub');
mkdirSync(empty);
const bare = mkdtempSync(join(tmpdir(), 'mailsec-rules-bare-'));

void test('writes the create script for the names of .mailsecrc.json; the patterns are the analysis definitions', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['transport-rules'], io), 0);
  assert.deepEqual(checkGeneratedScript(io.out, ALLOWED), []);
  const created = parseCommands(io.out, /-TransportRule$/).filter((c) => c.name === 'New-TransportRule');
  const rules = buildTransportRules({ domains: ['contoso.com'], displayNames: ['Jean Dupont', "Seán O'Brien"] });
  assert.deepEqual(created.map((c) => c.params.get('HeaderMatchesPatterns')), rules.map((r) => r.conditions[0]!.patterns));
  assert.deepEqual(created.map((c) => c.params.get('Mode')), ['Audit', 'Audit']);
  assert.equal(io.err, '');
});

void test('options: script kind, mode, priority, names and texts, extra protected names', async () => {
  const io = fakeIo(empty);
  const code = await runCli(['transport-rules', '--script', 'update', '--mode', 'Enforce', '--priority', '2', '--internal-name', 'Nadia Okafor', '--name-rule-name', "CEO fraud: it's not me", '--sender-rule-text', 'Unverified $(sender)'], io);
  assert.equal(code, 0);
  const updated = parseCommands(io.out, /-TransportRule$/).filter((c) => c.name === 'Set-TransportRule');
  assert.deepEqual(updated.map((c) => [c.params.get('Identity'), c.params.get('Mode'), c.params.get('Priority')]), [
    ['mailsec: sender could not be validated', 'Enforce', '2'],
    ["CEO fraud: it's not me", 'Enforce', '3'],
  ]);
  assert.ok(literalValues(io.out).some((v) => v.includes('Unverified $(sender)')));
  assert.ok((updated[1]!.params.get('HeaderMatchesPatterns') as string[]).length === 6, 'three names from the config and the option, two patterns each');
});

void test('no protected names: rule 1 only, with a warning on standard error', async () => {
  const io = fakeIo(bare);
  assert.equal(await runCli(['transport-rules', '--no-config', '--script', 'rollback'], io), 0);
  assert.match(io.out, /^\$MailsecNames = @\('mailsec: sender could not be validated'\)\r?$/m);
  assert.deepEqual(parseCommands(io.out, /^Remove-TransportRule$/).map((c) => c.params.get('Confirm')), ['$false']);
  assert.match(io.err, /warning rule-no-display-names /);
});

void test('JSON: the definitions, the notes and all three scripts', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['transport-rules', '--format', 'json'], io), 0);
  const j = JSON.parse(io.out) as { rules: { id: string }[]; scripts: Record<string, string>; patternCharacters: number };
  assert.deepEqual(j.rules.map((r) => r.id), ['sender-not-validated', 'external-internal-display-name']);
  assert.deepEqual(Object.keys(j.scripts), ['create', 'update', 'rollback']);
  assert.ok(j.patternCharacters > 0);
});

void test('a name that cannot be a pattern is left out with exit 1; a rule name over 64 characters exits 3; bad usage exits 64 in the user\'s words', async () => {
  const io = fakeIo(bare);
  assert.equal(await runCli(['transport-rules', '--no-config', '--internal-name', 'Jean Dupont', '--internal-name', '!!!'], io), 1);
  assert.match(io.err, /error rule-display-name-invalid "!!!" has no letters or digits/);
  const long = fakeIo(bare);
  assert.equal(await runCli(['transport-rules', '--no-config', '--sender-rule-name', 'x'.repeat(70)], long), 3);
  assert.match(long.err, /at most 64/);
  assert.equal(long.out, '');
  for (const args of [['--mode', 'enforce'], ['--script', 'delete'], ['--priority=-1'], ['--format', 'xml']]) {
    const bad = fakeIo(bare);
    assert.equal(await runCli(['transport-rules', ...args], bad), 64, args.join(' '));
    assert.match(bad.err, /must be/);
  }
});
