import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { fakeIo as fakeIO } from '../cli/fakeIo';
import { FIXTURES, fixture } from './helpers';

const NOW = ['--now', '2024-04-10T00:00:00Z'];

/** A folder with a .mailsecrc.json and a copy of a fixture in a subfolder. */
function project(fixtureName: string, rc: unknown): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-analyze-'));
  writeFileSync(join(dir, '.mailsecrc.json'), typeof rc === 'string' ? rc : JSON.stringify(rc));
  mkdirSync(join(dir, 'mail'));
  const file = join(dir, 'mail', fixtureName);
  writeFileSync(file, fixture(fixtureName));
  return { dir, file };
}

describe('mailsec analyze', () => {
  it('exit 0 and a readable report for a validated message', async () => {
    const io = fakeIO(FIXTURES);
    const code = await runCli(['analyze', '--no-config', '--org-domain', 'gmail.com', ...NOW, 'gmail.txt'], io);
    assert.equal(code, 0, io.err);
    assert.match(io.out, /^mailsec analyze: gmail\.txt\nVerdict: PASS/);
    for (const section of ['Summary', 'Authentication', 'Route (oldest first)', 'Transport rules (Exchange Online)']) assert.ok(io.out.includes(`\n${section}`), section);
    assert.match(io.out, /From: {8}Élodie Durand <elodie\.durand@fabrikam\.org> {2}\(outside your organisation\)/);
    assert.match(io.out, /◆ first hop of your organisation/);
  });

  it('exit 1 on warnings, 2 on failures', async () => {
    const warn = fakeIO(FIXTURES);
    assert.equal(await runCli(['analyze', '--no-config', '--org-domain', 'contoso.com', '--authserv-id', 'edge01.contoso.com', ...NOW, 'exchange-onprem.txt'], warn), 1);
    const fail = fakeIO(FIXTURES);
    assert.equal(await runCli(['analyze', '--no-config', '--org-domain', 'contoso.com', '--internal-name', 'Jean Dupont', ...NOW, 'phishing-lookalike.txt'], fail), 2);
    assert.match(fail.out, /✖ fires {2}mailsec: external sender with an internal display name/);
    assert.match(fail.out, /Audit: would record, not prepend: "The sender of this message could not be validated and may not be the actual sender\."/);
  });

  it('JSON carries verdict, findings, hops oldest first and authentication', async () => {
    const io = fakeIO(FIXTURES);
    const code = await runCli(['analyze', '--no-config', '--org-domain', 'contoso.com', '--internal-name', 'Jean Dupont', '--format', 'json', ...NOW, 'phishing-lookalike.txt'], io);
    assert.equal(code, 2);
    const j = JSON.parse(io.out);
    assert.equal(j.verdict, 'fail');
    assert.equal(j.file, 'phishing-lookalike.txt');
    assert.deepEqual(j.organization, { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: [] });
    const f = j.findings.find((x: { code: string }) => x.code === 'hdr-lookalike-domain');
    assert.deepEqual(
      { severity: f.severity, line: f.line, column: f.column },
      { severity: 'error', line: 27, column: 23 },
    );
    assert.equal(typeof f.message, 'string');
    assert.deepEqual(
      j.hops.map((h: { by: string }) => h.by),
      ['mail.contoso.com', 'DB1PEPF000509E8.mail.protection.outlook.com', 'DB8PR06CA0044.outlook.office365.com', 'AM9PR08MB6611.eurprd08.prod.outlook.com', 'VI1PR08MB3200.eurprd08.prod.outlook.com'],
    );
    assert.deepEqual(Object.keys(j.hops[1]).filter((k) => ['from', 'by', 'with', 'time', 'delaySeconds'].includes(k)).sort(), ['by', 'delaySeconds', 'from', 'time', 'with']);
    assert.equal(j.hops[1].delaySeconds, 128);
    assert.equal(j.hops[1].time.iso, '2024-04-08T07:42:08.000Z');
    assert.equal(j.authentication.compauth.result, 'fail');
    assert.equal(j.authentication.validated, false);
    assert.equal(j.transportRules[1].fires, true);
  });

  it('reads .mailsecrc.json upward from the file; options add to it', async () => {
    const { dir, file } = project('phishing-lookalike.txt', { organization: { domains: ['contoso.com'], displayNames: ['Nadia Okafor'] } });
    const io = fakeIO(dir);
    await runCli(['analyze', '--format', 'json', '--internal-name', 'Jean Dupont', ...NOW, file], io);
    const j = JSON.parse(io.out);
    assert.equal(j.config, join(dir, '.mailsecrc.json'));
    assert.deepEqual(j.organization.displayNames, ['Nadia Okafor', 'Jean Dupont']);
    assert.equal(j.transportRules[1].fires, true);
  });

  it('reads standard input with -', async () => {
    const io = fakeIO(FIXTURES, fixture('o365-inbound.txt'));
    const code = await runCli(['analyze', '--no-config', '--org-domain', 'contoso.com', '--now', '2024-03-05T12:00:00Z', '-'], io);
    assert.equal(code, 0, io.out);
    assert.match(io.out, /^mailsec analyze: \(standard input\)/);
  });

  it('exit 3 when the file cannot be read or holds no header', async () => {
    const missing = fakeIO(FIXTURES);
    assert.equal(await runCli(['analyze', '--no-config', 'nope.eml'], missing), 3);
    assert.match(missing.err, /nope\.eml: no such file/);
    const folder = fakeIO(FIXTURES);
    assert.equal(await runCli(['analyze', '--no-config', '.'], folder), 3);
    assert.match(folder.err, /is a folder/);
    const empty = fakeIO(FIXTURES, 'Hello Bob,\nsee you tomorrow.\n');
    assert.equal(await runCli(['analyze', '--no-config', '-'], empty), 3);
    assert.match(empty.err, /no header fields found/);
  });

  it('usage errors: exit 64 with the usage text', async () => {
    for (const argv of [['analyze'], ['analyze', 'a', 'b'], ['analyze', '--format', 'xml', 'a'], ['analyze', '--now', 'tomorrow', 'a'], ['analyze', '--bogus', 'a']]) {
      const io = fakeIO(FIXTURES);
      assert.equal(await runCli(argv, io), 64, argv.join(' '));
      assert.match(io.err, /Usage: mailsec analyze/);
    }
  });

  it('a broken .mailsecrc.json is named with its problem (bad usage, 64)', async () => {
    const { dir, file } = project('gmail.txt', { organization: { domains: 'contoso.com' } });
    const io = fakeIO(dir);
    assert.equal(await runCli(['analyze', file], io), 64);
    assert.match(io.err, /\.mailsecrc\.json: organization\.domains must be a list of strings/);
  });

  it('the report neutralises control characters and bidi overrides from the message', async () => {
    const io = fakeIO(FIXTURES);
    await runCli(['analyze', '--no-config', '--org-domain', 'contoso.com', ...NOW, 'hostile.txt'], io);
    assert.ok(![0x00, 0x1b, 0x202e].some((c) => io.out.includes(String.fromCharCode(c))));
    assert.match(io.out, /Sender: {6}Bob<U\+0000>Smith <bob@example\.net>/);
    assert.match(io.out, /To: {10}<U\+202E>gnp\.exe <user@contoso\.com>/);
  });

  it('analyze --help prints the usage', async () => {
    const io = fakeIO(FIXTURES);
    assert.equal(await runCli(['analyze', '--help'], io), 0);
    assert.match(io.out, /--internal-name NAME/);
  });
});
