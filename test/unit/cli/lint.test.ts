import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { fakeIo } from './fakeIo';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-lint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HEAD = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

describe('mailsec lint', () => {
  test('prints file:line:col severity code message and exits 2 on errors', async () => {
    const dir = workspace({ 'db.example.com': HEAD + 'www IN CNAME ns1\nwww IN A 192.0.2.2\n' });
    const io = fakeIo(dir);
    const code = await runCli(['lint', '.'], io);
    assert.equal(code, 2);
    const lines = io.out.trim().split('\n');
    assert.equal(lines[0], 'db.example.com:5:1 error zone-cname-and-other-data www.example.com. has a CNAME and other records (A). A CNAME must be the only record at its name (RFC 1034 §3.6.2); BIND refuses the zone.');
    assert.match(lines.at(-1)!, /^1 file checked: 1 error, 0 warnings, 0 infos$/);
  });

  test('origin comes from the file name (db.example.com, example.org.zone); a clean file exits 0', async () => {
    const dir = workspace({ 'example.org.zone': HEAD + 'mail IN A 192.0.2.9\n@ IN MX 10 mail\n' });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', 'example.org.zone', '--format', 'json'], io), 0);
    const json = JSON.parse(io.out);
    assert.equal(json.files[0].zone, 'example.org.');
    assert.equal(json.files[0].records, 5);
    assert.deepEqual(json.summary, { files: 1, errors: 0, warnings: 0, infos: 0 });
  });

  test('JSON carries positions, codes and severities', async () => {
    const dir = workspace({ 'a.zone': '$ORIGIN example.com.\n' + HEAD + 'x IN A 1.2.3\n' });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', '--format', 'json', 'a.zone'], io), 2);
    const f = JSON.parse(io.out).files[0].findings[0];
    assert.deepEqual({ ...f, message: undefined }, { file: 'a.zone', severity: 'error', code: 'zone-bad-ipv4', message: undefined, line: 6, column: 8, endLine: 6, endColumn: 13 });
  });

  test('folders: *.zone, db.*, and *.db only with a zone-like first line', async () => {
    const dir = workspace({
      'zones/a.zone': HEAD,
      'zones/db.example.net': HEAD,
      'zones/cache.db': 'SQLite format 3\0...',
      'zones/legacy.db': '$ORIGIN legacy.example.\n' + HEAD,
      'zones/notes.txt': 'nothing',
    });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', 'zones'], io), 0);
    assert.match(io.out, /^3 files checked/m);
  });

  test('folders: the editor\'s detection; db.py, db.json and a binary db.sqlite3 are never linted', async () => {
    const dir = workspace({
      'app/db.py': 'import sqlite3\n$TTL = 1\n',
      'app/db.json': '{"$ORIGIN": "example.com."}\n',
      'app/db.sqlite3': 'SQLite format 3\0\u0001$TTL 3600\n',
      'app/db.example.com': HEAD,
      'app/db.notazone': 'hello\n',
      'app/named.root': '; root hints\n.  3600000  NS  A.ROOT-SERVERS.NET.\n',
    });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', 'app', '--format', 'json'], io), 0, io.err + io.out);
    const files = (JSON.parse(io.out) as { files: { file: string }[] }).files.map((f) => f.file).sort();
    assert.deepEqual(files, ['app/db.example.com', 'app/named.root']);
  });

  test('- reads the zone from standard input (origin from --origin); --fix cannot apply to it', async () => {
    const dir = workspace({});
    const io = fakeIo(dir, HEAD + 'x IN A 1.2.3\n');
    assert.equal(await runCli(['lint', '-', '--origin', 'example.com.'], io), 2);
    assert.match(io.out, /^-:5:8 error zone-bad-ipv4 /m);
    assert.match(io.out, /^1 file checked: 1 error/m);
    const fix = fakeIo(dir, HEAD);
    assert.equal(await runCli(['lint', '--fix', '-'], fix), 64);
    assert.match(fix.err, /cannot fix standard input/);
  });

  test('--fail-on: warnings exit 1 by default, 0 with error or never; errors exit 2 unless never', async () => {
    const warn = workspace({ 'db.example.com': HEAD + 'www 300 IN A 192.0.2.2\nwww 600 IN A 192.0.2.3\n' });
    assert.equal(await runCli(['lint', 'db.example.com'], fakeIo(warn)), 1);
    assert.equal(await runCli(['lint', 'db.example.com', '--fail-on', 'warning'], fakeIo(warn)), 1);
    assert.equal(await runCli(['lint', 'db.example.com', '--fail-on', 'error'], fakeIo(warn)), 0);
    assert.equal(await runCli(['lint', 'db.example.com', '--fail-on', 'never'], fakeIo(warn)), 0);
    const err = workspace({ 'db.example.com': HEAD + 'x IN A 1.2.3\n' });
    assert.equal(await runCli(['lint', 'db.example.com', '--fail-on', 'error'], fakeIo(err)), 2);
    assert.equal(await runCli(['lint', 'db.example.com', '--fail-on', 'never'], fakeIo(err)), 0);
    assert.equal(await runCli(['lint', 'nothere.zone', '--fail-on', 'never'], fakeIo(err)), 3);
    const bad = fakeIo(err);
    assert.equal(await runCli(['lint', 'db.example.com', '--fail-on', 'info'], bad), 64);
    assert.match(bad.err, /--fail-on must be error, warning or never, not 'info'\./);
  });

  test('--fix splits long TXT strings in place and leaves every other byte', async () => {
    const body = HEAD + `k._domainkey IN TXT "v=DKIM1; k=rsa; p=${'A'.repeat(400)}" ; keep me\n`;
    const dir = workspace({ 'db.example.com': body });
    const io = fakeIo(dir);
    const code = await runCli(['lint', '--fix', 'db.example.com'], io);
    const after = readFileSync(join(dir, 'db.example.com'), 'utf8');
    assert.ok(after.startsWith(HEAD + 'k._domainkey IN TXT ( "v=DKIM1; k=rsa; p='));
    assert.ok(after.endsWith('" ) ; keep me\n'));
    assert.match(io.out, /fixed 1 × txt-string-too-long/);
    assert.doesNotMatch(io.out, /txt-string-too-long This/);
    assert.ok(code < 3, `exit ${code}: the fix ran`);
  });

  test('$INCLUDE is resolved relative to the including file; a missing one is an error line', async () => {
    const dir = workspace({ 'z/db.example.com': HEAD + '$INCLUDE keys/k.inc\n$INCLUDE nothere.inc\n', 'z/keys/k.inc': 'bad IN A 300.1.1.1\n' });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', 'z/db.example.com'], io), 2);
    assert.match(io.out, /^z\/keys\/k\.inc:1:\d+ error zone-bad-ipv4 /m);
    assert.match(io.out, /^z\/db\.example\.com:6:10 error zone-include-not-found /m);
  });

  test('usage errors exit 64; a missing path exits 3', async () => {
    const dir = workspace({});
    assert.equal(await runCli(['lint'], fakeIo(dir)), 64);
    assert.equal(await runCli(['lint', '--format', 'xml', 'x'], fakeIo(dir)), 64);
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', 'nothere.zone'], io), 3);
    assert.match(io.err, /nothere\.zone: no such file or folder/);
  });
});
