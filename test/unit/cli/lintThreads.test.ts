// mailsec lint on many files in worker threads: the same output and exit status as one thread,
// for every format, and --fix writes the same files (the shipped dist/cli.js, as a user runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt } from './builtCli';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\nns1 IN A 192.0.2.53\n';
const long = 'x'.repeat(300);

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-lint-threads-'));
  mkdirSync(join(dir, 'zones'));
  for (let i = 0; i < 40; i++) {
    const body = i % 3 === 0 ? `mail${i} IN MX 10 mail.example.com\n` : i % 3 === 1 ? `t${i} IN TXT "${long}"\n` : `ok${i} IN A 192.0.2.${i}\n`;
    writeFileSync(join(dir, 'zones', `db${i}.zone`), HEAD + body);
  }
  return dir;
}

test('40 zone files: one thread and two threads print the same, in every format, with the same status', () => {
  const dir = folder();
  for (const format of ['text', 'json', 'sarif', 'github']) {
    const one = runBuilt(['lint', '--format', format, 'zones'], { cwd: dir, env: { MAILSEC_THREADS: '1' } });
    const two = runBuilt(['lint', '--format', format, 'zones'], { cwd: dir, env: { MAILSEC_THREADS: '2' } });
    assert.equal(one.status, 2, one.stderr);
    assert.equal(two.status, one.status, format);
    assert.equal(two.stdout, one.stdout, format);
    assert.equal(two.stderr, one.stderr, format);
  }
});

test('--fix in two threads writes what one thread writes', () => {
  const a = folder();
  const b = join(mkdtempSync(join(tmpdir(), 'mailsec-lint-threads-')), 'copy');
  cpSync(a, b, { recursive: true });
  const one = runBuilt(['lint', '--fix', 'zones'], { cwd: a, env: { MAILSEC_THREADS: '1' } });
  const two = runBuilt(['lint', '--fix', 'zones'], { cwd: b, env: { MAILSEC_THREADS: '2' } });
  assert.equal(two.status, one.status);
  assert.equal(two.stdout, one.stdout);
  for (const f of readdirSync(join(a, 'zones'))) assert.equal(readFileSync(join(b, 'zones', f), 'utf8'), readFileSync(join(a, 'zones', f), 'utf8'), f);
  assert.match(readFileSync(join(a, 'zones', 'db1.zone'), 'utf8'), /"\n\s+"x/, 'the long string was split');
});

test('findings in $INCLUDEd files and related places in another file: the same positions from a worker as from one thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-lint-threads-'));
  mkdirSync(join(dir, 'zones'));
  // The included file holds the first TXT of a TTL mismatch and a CNAME beside other data; the
  // main file the second: findings in both files, with related places across them.
  writeFileSync(join(dir, 'extra.inc'), '; included\nwww 300 IN TXT "v=spf1 -all"\nalias IN CNAME www\n  IN A 192.0.2.9\n');
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(dir, 'zones', `db${i}.zone`), `${HEAD}$INCLUDE ${join(dir, 'extra.inc')}\nwww 600 IN TXT "other"\nmx${i} IN MX 10 mail.example.com\n`);
  }
  for (const format of ['text', 'json', 'sarif', 'github']) {
    const one = runBuilt(['lint', '--format', format, 'zones'], { cwd: dir, env: { MAILSEC_THREADS: '1' } });
    const two = runBuilt(['lint', '--format', format, 'zones'], { cwd: dir, env: { MAILSEC_THREADS: '2' } });
    assert.equal(two.stdout, one.stdout, format);
    assert.equal(two.stderr, one.stderr, format);
    assert.equal(two.status, one.status, format);
    if (format === 'sarif') {
      const log = JSON.parse(one.stdout) as { runs: { results: { relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
      const related = log.runs[0]!.results.flatMap((r) => r.relatedLocations ?? []);
      assert.ok(related.some((l) => l.physicalLocation.artifactLocation.uri.endsWith('extra.inc') && l.physicalLocation.region.startLine === 2), JSON.stringify(related));
    }
    if (format === 'text') assert.match(one.stdout, /extra\.inc:3:1 error zone-cname-and-other-data/);
  }
});
