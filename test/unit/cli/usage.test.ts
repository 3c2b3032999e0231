import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { runCli } from '../../../src/cli/run';
import { commands } from '../../../src/cli/commands/index';
import { fakeIo } from './fakeIo';

for (const { name } of commands) {
  test(`mailsec ${name}: an unknown option is bad usage, answered with the command's usage`, async () => {
    const io = fakeIo(tmpdir());
    const code = await runCli([name, '--no-such-option', 'x'], io);
    assert.equal(code, 64, io.err);
    assert.match(io.err, /no-such-option/);
    assert.match(io.err, /Usage|usage/);
    assert.equal(io.out, '');
  });
}

test('a word option names its choices', async () => {
  const io = fakeIo(tmpdir());
  assert.equal(await runCli(['signins', '--format', 'xml', 'log.csv'], io), 64);
  assert.match(io.err, /--format must be text, json, csv or markdown, not 'xml'\./);
  const tr = fakeIo(tmpdir());
  assert.equal(await runCli(['transport-rules', '--no-config', '--mode', 'Block'], tr), 64);
  assert.match(tr.err, /--mode must be Audit, AuditAndNotify or Enforce, not 'Block'\./);
});
