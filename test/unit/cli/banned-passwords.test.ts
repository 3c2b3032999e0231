import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { fakeIo } from './fakeIo';

const dir = mkdtempSync(join(tmpdir(), 'mailsec-banned-'));

void test('banned-passwords lint prints file:line:col severity code message and exits 2 on errors', async () => {
  writeFileSync(join(dir, 'list.txt'), '\uFEFFcontoso\r\nabc\r\n  London\r\nCONTOSO\r\n');
  const io = fakeIo(dir);
  const code = await runCli(['banned-passwords', 'lint', 'list.txt'], io);
  assert.equal(code, 2);
  const lines = io.out.trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
    ['list.txt:2:1 error banned-term-too-short', 'list.txt:3:1 warning banned-term-whitespace', 'list.txt:4:1 warning banned-duplicate-term'],
  );
  assert.match(lines[0]!, /"abc" has 3 characters; Entra accepts terms of 4 to 16 characters\.$/);
  assert.match(io.err, /list\.txt: 4 terms, 1 error, 2 warnings/);
});

void test('infos alone exit 0; json output carries line and column', async () => {
  writeFileSync(join(dir, 'warn.txt'), 'contoso\ncontosa\n');
  const io = fakeIo(dir);
  assert.equal(await runCli(['banned-passwords', 'lint', 'warn.txt', '--format', 'json'], io), 0);
  const out = JSON.parse(io.out) as { terms: number; findings: { code: string; line: number; column: number }[] };
  assert.equal(out.terms, 2);
  assert.deepEqual(out.findings.map((f) => [f.code, f.line, f.column]), [['banned-term-within-edit-distance', 2, 1]]);
});

void test('standard input with -, a missing file exits 3, bad usage exits 64', async () => {
  const io = fakeIo(dir, 'abcd\nabcd\n');
  assert.equal(await runCli(['banned-passwords', 'lint', '-'], io), 1);
  assert.match(io.out, /^-:2:1 warning banned-duplicate-term/);
  assert.equal(await runCli(['banned-passwords', 'lint', '-', '--fail-on', 'error'], fakeIo(dir, 'abcd\nabcd\n')), 0);
  const missing = fakeIo(dir);
  assert.equal(await runCli(['banned-passwords', 'lint', 'nope.txt'], missing), 3);
  assert.match(missing.err, /cannot read nope\.txt: there is no such file/);
  assert.equal(await runCli(['banned-passwords', 'check', 'x'], fakeIo(dir)), 64);
  assert.equal(await runCli(['banned-passwords', 'lint'], fakeIo(dir)), 64);
});
