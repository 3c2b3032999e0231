/**
 * `mailsec lint --fix` against BIND (issue 11): the zone BIND loads after the fix holds
 * the same DNS data as before it, as `named-checkzone -D` dumps it.
 *  - Trailing dots: BIND loads the zone before and after; the dumps are identical but for
 *    the names that repeated the origin (`www.example.com.example.com.` → `www.example.com.`).
 *  - Over-long TXT strings: BIND refuses the zone before the fix; after it, its dump equals
 *    the dump of the same values split by hand at other places (TXT strings of one record
 *    joined, as verifiers join them) — so BIND reads our split as the original value.
 * Skipped, loudly, where named-checkzone is not installed (apt-get install bind9-utils).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { fakeIo } from '../unit/cli/fakeIo';

function findCheckzone(): string | undefined {
  if (process.env.MAILSEC_NAMED_CHECKZONE) return process.env.MAILSEC_NAMED_CHECKZONE;
  for (const p of ['/usr/bin/named-checkzone', '/usr/sbin/named-checkzone', '/usr/local/bin/named-checkzone', '/usr/local/sbin/named-checkzone', '/opt/homebrew/bin/named-checkzone']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v named-checkzone'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

const CHECKZONE = findCheckzone();
const skip = CHECKZONE ? false : 'named-checkzone not installed (apt-get install bind9-utils)';
if (skip) console.warn(`SKIPPED test/dns/fixParity.test.ts: ${skip}`);

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

/** BIND's reading of a zone: `named-checkzone -D` records, one per line, blanks collapsed. */
function dump(text: string, name = 'db.example.com'): { ok: boolean; lines: string[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-fixparity-'));
  try {
    writeFileSync(join(dir, name), text);
    const r = spawnSync(CHECKZONE!, ['-D', '-o', '-', '-i', 'none', 'example.com', join(dir, name)], { encoding: 'utf8', timeout: 30_000 });
    const lines = r.stdout.split('\n').filter((l) => l && !/^zone |^OK$/.test(l)).map(collapseBlanks);
    return { ok: r.status === 0, lines: lines.sort(), output: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of blanks outside quoted strings become one space (inside them every byte counts). */
function collapseBlanks(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      out += c;
      if (c === '\\') out += line[++i] ?? '';
      else if (c === '"') quoted = false;
    } else if (c === ' ' || c === '\t') {
      if (!out.endsWith(' ')) out += ' ';
    } else {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out.trim();
}

/** The TXT strings of each dumped record joined into one (BIND escapes byte by byte, so escaped forms join). */
function joinTxt(line: string): string {
  const m = /^(\S+ \d+ IN TXT) (.*)$/.exec(line);
  if (!m) return line;
  const parts = [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]);
  return `${m[1]} "${parts.join('')}"`;
}

async function fix(text: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-fixparity-'));
  try {
    writeFileSync(join(dir, 'db.example.com'), text);
    const io = fakeIo(dir);
    const code = await runCli(['lint', '--fix', 'db.example.com'], io);
    assert.ok(code === 0 || code === 1, io.err);
    return readFileSync(join(dir, 'db.example.com'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Character units of a TXT value as written (escapes whole), so a hand split never cuts one. */
const UNITS = ['a', 'b', ' ', ';', '\\"', '\\\\', '\\065', '\\255', 'é', '€', '😀', '=', 'k'];
function value(seed: number, units: number): string[] {
  const out: string[] = [];
  let s = seed;
  for (let i = 0; i < units; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out.push(UNITS[s % UNITS.length]!);
  }
  return out;
}

describe('lint --fix against named-checkzone -D', { skip }, () => {
  test('trailing dots: the same dump but for the names that repeated the origin', async () => {
    const before = HEAD + 'www.example.com IN A 192.0.2.7\n  IN AAAA 2001:db8::7\n@ IN MX 10 mail.example.com\nmail IN A 192.0.2.8\nalias IN CNAME www.example.com\nother IN MX 20 mx.other.net\n';
    const after = await fix(before);
    assert.notEqual(after, before);
    const b = dump(before);
    const a = dump(after);
    assert.ok(b.ok && a.ok, b.output + a.output);
    assert.deepEqual(a.lines, b.lines.map((l) => l.split('example.com.example.com.').join('example.com.')).sort());
    // The probable one (mx.other.net without a dot) was left as it was.
    assert.ok(a.lines.some((l) => l.includes('mx.other.net.example.com.')));
  });

  for (const crlf of [false, true]) {
    test(`over-long TXT strings${crlf ? ' (CRLF file)' : ''}: BIND refuses the zone before, and reads the split values as the originals`, async () => {
      const records: { long: string; byHand: string }[] = [];
      for (let k = 0; k < 6; k++) {
        const units = value(k + 1, 200 + k * 150);
        const owner = `t${k}`;
        const chunks: string[] = [];
        for (let i = 0; i < units.length; i += 60) chunks.push(`"${units.slice(i, i + 60).join('')}"`);
        const comment = k % 2 ? ' ; keep me' : '';
        records.push({
          long: k === 3 ? `${owner} IN TXT ( "${units.join('')}" "tail" )${comment}` : `${owner} IN TXT "${units.join('')}"${comment}`,
          byHand: `${owner} IN TXT ( ${chunks.join(' ')}${k === 3 ? ' "tail"' : ''} )${comment}`,
        });
      }
      const eol = crlf ? '\r\n' : '\n';
      const long = (HEAD + records.map((r) => r.long).join('\n') + '\n').replace(/\n/g, eol);
      const byHand = (HEAD + records.map((r) => r.byHand).join('\n') + '\n').replace(/\n/g, eol);
      const refused = dump(long);
      assert.equal(refused.ok, false, 'BIND refuses strings over 255 bytes');
      const fixed = await fix(long);
      assert.ok(!/\r(?!\n)|[^\r]\n/.test(crlf ? fixed : ''), 'a CRLF file stays CRLF');
      const ours = dump(fixed);
      const reference = dump(byHand);
      assert.ok(ours.ok, ours.output);
      assert.ok(reference.ok, reference.output);
      assert.deepEqual(ours.lines.map(joinTxt).sort(), reference.lines.map(joinTxt).sort());
      assert.ok(fixed.includes('; keep me'), 'comments are kept');
    });
  }
});
