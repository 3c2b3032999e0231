import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../../src/cli/run';
import { fakeIo } from './fakeIo';
import { aggregateXml } from '../reports/reportBuilder';

const dir = mkdtempSync(join(tmpdir(), 'mailsec-reports-'));
mkdirSync(join(dir, 'inbox'));
const service = { ip: '167.89.0.10', count: 50, dkim: 'fail' as const, spf: 'fail' as const, dkimAuth: [{ domain: 'sendgrid.net', result: 'pass' }], spfAuth: [{ domain: 'contoso.com', result: 'fail' }] };
const own = { ip: '192.0.2.1', count: 950, dkim: 'pass' as const, spf: 'pass' as const };
writeFileSync(join(dir, 'inbox', 'google.xml.gz'), gzipSync(aggregateXml({ id: 'g1', rows: [own, service] })));
writeFileSync(join(dir, 'inbox', 'README.txt'), 'not a report');
writeFileSync(join(dir, 'clean.xml'), aggregateXml({ id: 'c1', rows: [own] }));
writeFileSync(join(dir, 'db.contoso.com'), '$ORIGIN contoso.com.\n@ 3600 IN SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n@ TXT "v=spf1 ip4:192.0.2.0/28 -all"\n');
writeFileSync(join(dir, 'broken.xml'), '<feedback><report_metadata>');

void test('exit 1 when a legitimate source would be affected; the text names it and the SPF fix on the zone record', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['reports', 'inbox', '--zone', 'db.contoso.com'], io), 1);
  assert.match(io.out, /NOT YET: If you published p=quarantine for contoso\.com today, 1 legitimate source\(s\) would be affected: 50 message\(s\), 5\.0%/);
  assert.match(io.out, /SendGrid/);
  assert.match(io.out, /add include:sendgrid\.net to the SPF record of contoso\.com — 1 DNS lookups after the change \(within the limit of 10\)/);
  assert.match(io.out, /contoso\.com TXT "v=spf1 ip4:192\.0\.2\.0\/28 include:sendgrid\.net -all"/);
  assert.doesNotMatch(io.out + io.err, /README/, 'a file in a folder that is not a report is skipped quietly');
});

void test('exit 0 when ready; 3 when nothing can be read; bad usage is a usage error (64); --fail-on never', async () => {
  assert.equal(await runCli(['reports', 'clean.xml'], fakeIo(dir)), 0);
  assert.equal(await runCli(['reports', 'inbox', '--fail-on', 'never'], fakeIo(dir)), 0);
  const bad = fakeIo(dir);
  assert.equal(await runCli(['reports', 'broken.xml'], bad), 3);
  assert.match(bad.out + bad.err, /broken\.xml: not well-formed XML/);
  const missing = fakeIo(dir);
  assert.equal(await runCli(['reports', 'nowhere'], missing), 3);
  assert.match(missing.err, /nowhere: there is no such file or folder/);
  for (const args of [['reports'], ['reports', 'clean.xml', '--format', 'xml'], ['reports', 'clean.xml', '--since', 'yesterday'], ['reports', 'clean.xml', '--legitimate', '300.1.1.1']]) {
    const io = fakeIo(dir);
    const code = await runCli(args, io);
    assert.equal(code, 64, `${args.join(' ')} → ${code}`);
    assert.match(io.err, /Usage: mailsec reports/);
  }
});

void test('--format csv, json, markdown and ndjson', async () => {
  const csv = fakeIo(dir);
  await runCli(['reports', 'inbox', '--format', 'csv'], csv);
  const rows = parse(csv.out, { columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.map((r) => [r.source_ip, r.category, r.messages]), [['192.0.2.1', 'aligned', '950'], ['167.89.0.10', 'service-unaligned', '50']]);
  const json = fakeIo(dir);
  await runCli(['reports', 'inbox', '--format', 'json'], json);
  assert.equal(JSON.parse(json.out).domains[0].readiness.affectedMessages, 50);
  const md = fakeIo(dir);
  await runCli(['reports', 'inbox', '--format', 'markdown'], md);
  assert.match(md.out, /### Legitimate sources that would be affected/);
  const nd = fakeIo(dir);
  await runCli(['reports', 'inbox', '--format', 'ndjson'], nd);
  const lines = nd.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[1].source_ip_address, '167.89.0.10');
});

void test('--legitimate marks your own sources: they get an ip4: fix', async () => {
  writeFileSync(join(dir, 'own.xml'), aggregateXml({ id: 'o1', rows: [own, { ip: '198.51.100.20', count: 10, dkim: 'fail', spf: 'fail' }] }));
  const io = fakeIo(dir);
  assert.equal(await runCli(['reports', 'own.xml', '--legitimate', '198.51.100.0/24'], io), 1);
  assert.match(io.out, /add ip4:198\.51\.100\.20 to the SPF record of contoso\.com/);
});

void test('the shipped CLI reads many files in worker threads with the same result as one thread', async () => {
  const { spawnSync } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const cli = join(__dirname, '../../../dist/cli.js');
  assert.ok(existsSync(cli), 'dist/cli.js is built (npm run build) before the unit tier');
  const many = join(dir, 'many');
  mkdirSync(many);
  for (let i = 0; i < 80; i++) {
    const xml = aggregateXml({ id: `m${i}`, org: i % 2 ? 'Yahoo' : 'google.com', begin: 1764547200 + 86400 * (i % 5), rows: [own, { ...service, count: i + 1 }, { ip: `198.51.100.${i}`, count: 1, dkim: 'fail', spf: 'fail' }] });
    writeFileSync(join(many, `r${i}.xml${i % 3 ? '' : '.gz'}`), i % 3 ? xml : gzipSync(xml));
  }
  writeFileSync(join(many, `copy.xml`), aggregateXml({ id: 'm5', org: 'Yahoo', rows: [own] }));
  const run = (threads: string) => spawnSync(process.execPath, [cli, 'reports', 'many', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, MAILSEC_THREADS: threads } });
  const one = run('1');
  const two = run('2');
  assert.equal(one.status, 1, one.stderr);
  assert.equal(two.status, 1, two.stderr);
  assert.equal(two.stdout, one.stdout);
  const view = JSON.parse(two.stdout);
  assert.equal(view.aggregateReports, 80);
  assert.equal(view.duplicates, 1);
  // copy.xml comes first in name order, so r5 (950 + 6 + 1) is the duplicate left out
  assert.equal(view.domains[0].summary.messages, 80 * 950 + (80 * 81) / 2 + 80 - 7);
});

void test('a device is refused at once, without suggesting standard input (reports reads files only)', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['reports', '/dev/zero'], io), 3);
  assert.match(io.out + io.err, /\/dev\/zero.*it is a character device; mailsec reads regular files only/);
  assert.doesNotMatch(io.out + io.err, /standard input/);
});
