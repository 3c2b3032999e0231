/**
 * Unbounded inputs and outputs of the CLI (issue 11, point 9): devices, FIFOs and oversized
 * files are refused at once with a clear error; a closed pipe ends the output quietly; a
 * full disk on stdout is a clear error; `--format json` is written in pieces.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import type { CliIO } from '../../../src/cli/io';
import { fakeIo } from './fakeIo';
import { runShell } from './builtCli';

const HEAD = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-inputs-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

/** Runs with a time bound: a hang fails the test instead of blocking the suite. */
async function bounded(argv: string[], io: CliIO, ms = 10_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`mailsec ${argv.join(' ')} did not finish in ${ms} ms`)), ms)));
  try {
    return await Promise.race([runCli(argv, io), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('lint: bounded inputs', () => {
  test('/dev/zero is refused at once (it grew to 4.5 GB), and the other files still run', async () => {
    const dir = folder({ 'db.example.com': HEAD });
    const io = fakeIo(dir);
    const code = await bounded(['lint', '/dev/zero', 'db.example.com'], io);
    assert.equal(code, 3);
    assert.match(io.err, /\/dev\/zero: cannot read: it is a character device; mailsec reads regular files only \(give - to read standard input\)/);
    assert.match(io.out, /^1 file checked/m);
    rmSync(dir, { recursive: true, force: true });
  });

  test('$INCLUDE /dev/zero is a finding, not an endless read', async () => {
    const dir = folder({ 'db.example.com': HEAD + '$INCLUDE /dev/zero\n' });
    const io = fakeIo(dir);
    const code = await bounded(['lint', 'db.example.com'], io);
    assert.equal(code, 2); // errors found
    assert.match(io.out, /error zone-include-not-found Cannot read \$INCLUDE file \/dev\/zero: it is a character device/);
    // An $INCLUDE cannot be standard input: no hint that it could.
    assert.doesNotMatch(io.out, /standard input/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a FIFO no one writes to is refused at once, as a file and as an $INCLUDE', async () => {
    const dir = folder();
    assert.equal(spawnSync('mkfifo', [join(dir, 'db.example.com')]).status, 0);
    assert.equal(spawnSync('mkfifo', [join(dir, 'keys.zone')]).status, 0);
    writeFileSync(join(dir, 'db.example.org'), HEAD + '$INCLUDE keys.zone\n');
    const io = fakeIo(dir);
    const code = await bounded(['lint', 'db.example.com', 'db.example.org'], io);
    assert.equal(code, 3);
    assert.match(io.err, /db\.example\.com: cannot read: it is a named pipe \(FIFO\)/);
    assert.match(io.out, /zone-include-not-found Cannot read \$INCLUDE file keys\.zone: it is a named pipe/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a file over the size cap is refused before it is read', async () => {
    const dir = folder({ 'db.example.com': '' });
    truncateSync(join(dir, 'db.example.com'), 450 * 1024 * 1024); // sparse: no disk used
    const io = fakeIo(dir);
    const t0 = performance.now();
    assert.equal(await bounded(['lint', 'db.example.com'], io), 3);
    assert.ok(performance.now() - t0 < 2000);
    assert.match(io.err, /cannot read: it is 450 MiB, more than the 400 MiB mailsec reads/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('lint: output faults', () => {
  /** A zone with one warning per record, so the output is long. */
  function noisyZone(n: number): string {
    let s = HEAD;
    for (let i = 0; i < n; i++) s += `h${i}.example.com IN A 192.0.2.${i % 256}\n`;
    return s;
  }

  test('a reader that closes the pipe early (| head -1): quiet, exit status of the run (1: warnings only)', async () => {
    const dir = folder({ 'db.example.com': noisyZone(20_000) });
    const r = await runShell('$CLI lint db.example.com | head -1; echo "status=${PIPESTATUS[0]}" >&2', dir);
    assert.match(r.stdout, /^db\.example\.com:5:1 warning zone-missing-trailing-dot/);
    assert.equal(r.stderr.replace(/status=\d+\n$/, ''), '', 'nothing but the status on stderr');
    assert.match(r.stderr, /status=1\n$/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a full disk on stdout (>/dev/full): a clear error and status 3, no stack trace', async () => {
    const dir = folder({ 'db.example.com': noisyZone(100) });
    const r = await runShell('$CLI lint db.example.com >/dev/full', dir);
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'mailsec: cannot write the output: the disk is full\n');
    rmSync(dir, { recursive: true, force: true });
  });

  test('--format json is written in pieces (a 215 MB zone ran out of memory as one string) and reads back whole', async () => {
    const dir = folder({ 'db.example.com': noisyZone(5_000), 'db.example.net': HEAD });
    const chunks: number[] = [];
    const io = fakeIo(dir);
    const write = io.stdout.bind(io);
    io.stdout = (t: string) => {
      chunks.push(t.length);
      write(t);
    };
    assert.equal(await runCli(['lint', '--format', 'json', 'db.example.com', 'db.example.net'], io), 1); // warnings only
    assert.ok(chunks.length > 10, `${chunks.length} writes`);
    assert.ok(Math.max(...chunks) < 200_000, `largest write ${Math.max(...chunks)} characters`);
    const json = JSON.parse(io.out) as { files: { findings: unknown[] }[]; summary: { warnings: number } };
    assert.equal(json.files[0]!.findings.length, 5_000);
    assert.deepEqual(json.files[1]!.findings, []);
    assert.equal(json.summary.warnings, 5_000);
    assert.equal(io.out, JSON.stringify(json, null, 2) + '\n', 'the same text JSON.stringify writes');
  });
});
