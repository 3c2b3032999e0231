import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { fakeIo } from './fakeIo';

const HEAD = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-incbase-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('mailsec lint --include-base DIR resolves $INCLUDE from DIR, as BIND does from its working directory', async () => {
  // zones/db.example.com includes keys.inc: beside it there is a good one, in /var/named (the base) a bad one.
  const dir = workspace({ 'zones/db.example.com': HEAD + '$INCLUDE keys.inc\n', 'zones/keys.inc': 'good IN A 192.0.2.7\n', 'named/keys.inc': 'bad IN A 300.1.1.1\n' });
  const editorWay = fakeIo(dir);
  assert.equal(await runCli(['lint', 'zones/db.example.com'], editorWay), 0, editorWay.out);
  const bindWay = fakeIo(dir);
  assert.equal(await runCli(['lint', '--include-base', 'named', 'zones/db.example.com'], bindWay), 2, bindWay.out);
  assert.match(bindWay.out, /^named\/keys\.inc:1:\d+ error zone-bad-ipv4 /m);
  assert.equal(await runCli(['lint', '--include-base', 'nowhere', 'zones/db.example.com'], fakeIo(dir)), 64);
});
