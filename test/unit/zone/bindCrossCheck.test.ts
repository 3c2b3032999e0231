/**
 * Cross-check against BIND: for each zone below, `named-checkzone` (Debian bind9-utils)
 * and mailsec must agree — what BIND rejects we flag as an error, and what BIND loads we
 * do not call an error. "Error" here means a DNS error (zone-*, txt-* codes); DKIM/SPF/DMARC
 * findings judge what receivers do with a record, which BIND does not look at.
 * Skipped, loudly, where named-checkzone is not installed. named-checkzone spends most of
 * its 0.2 s start-up waiting, so the cases run concurrently.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintZone } from '../../../src/core/zone/lint';

// $MAILSEC_NAMED_CHECKZONE names the binary; a name that does not run skips the suite, which a
// required run (MAILSEC_REQUIRE_ALL=1) then fails.
const WANTED = process.env.MAILSEC_NAMED_CHECKZONE;
const CHECKZONE = (WANTED ? [WANTED] : ['/usr/bin/named-checkzone', '/usr/sbin/named-checkzone']).find((p) => spawnSync(p, ['-v']).status === 0);
const skip = CHECKZONE ? false : WANTED ? `named-checkzone not found at MAILSEC_NAMED_CHECKZONE=${WANTED}` : 'named-checkzone not installed (apt-get install bind9-utils)';
if (skip) console.log(`# SKIPPED BIND cross-check: ${skip}`);

const HEAD = '$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
const L = (n: number, c = 'x'): string => c.repeat(n);

/** [description, zone body after HEAD, does BIND accept it?] */
const CASES: [string, string, boolean][] = [
  ['plain records', 'www IN A 192.0.2.2\n@ IN MX 10 www\n', true],
  ['TTL units 1H30M', 'www 1H30M IN A 192.0.2.2\n', true],
  ['TTL 1h30 (no unit on the last number)', 'www 1h30 IN A 192.0.2.2\n', false],
  ['TTL over 2^31-1 (warning, becomes 0)', 'www 2147483648 IN A 192.0.2.2\n', true],
  ['TTL over 2^32-1', 'www 4294967296 IN A 192.0.2.2\n', false],
  ['class before TTL', 'www IN 300 A 192.0.2.2\n', true],
  ['nested parentheses', 't IN TXT ( "a" ( "b" ) )\n', true],
  ['parentheses over lines with comments', 't IN TXT ( "a" ; one\n "b" ; two\n )\n', true],
  ['unbalanced (', 't IN TXT ( "a"\n', false],
  ['quoted string over a newline', 'q IN TXT "abc\ndef"\n', false],
  ['escaped quote and backslash', 't IN TXT "a\\"b\\\\c"\n', true],
  ['\\DDD escapes', 't IN TXT "\\065\\066"\n', true],
  ['\\256 is not a byte', 't IN TXT "\\256"\n', false],
  ['\\25 is not an escape', 't IN TXT "\\25"\n', false],
  ['255-byte string', `t IN TXT "${L(255)}"\n`, true],
  ['256-byte string', `t IN TXT "${L(256)}"\n`, false],
  ['DKIM split in two strings', `k._domainkey IN TXT ( "v=DKIM1; k=rsa; " "p=${L(300, 'A')}" )\n`.replace(`"p=${L(300, 'A')}"`, `"p=${L(200, 'A')}" "${L(100, 'A')}"`), true],
  ['unquoted TXT with ; comment', '_dmarc IN TXT v=DMARC1;p=none\n', true],
  ['quote inside a word', 't IN TXT abc"def"\n', true],
  ['empty TXT string', 't IN TXT ""\n', true],
  ['TXT without data', 't IN TXT\n', false],
  ['label of 63', `${L(63, 'a')} IN A 192.0.2.1\n`, true],
  ['label of 64', `${L(64, 'a')} IN A 192.0.2.1\n`, false],
  ['bad dotted quad', 'a IN A 1.2.3\n', false],
  ['leading zero in IPv4', 'a IN A 01.2.3.4\n', false],
  ['IPv4-mapped IPv6', 'a IN AAAA ::ffff:1.2.3.4\n', true],
  ['two :: in IPv6', 'a IN AAAA 2001:db8::1::2\n', false],
  ['CNAME and other data', 'www IN CNAME ns1\nwww IN A 192.0.2.5\n', false],
  ['CNAME at the apex', '@ IN CNAME ns1\n', false],
  ['two CNAMEs', 'c1 IN CNAME ns1\nc1 IN CNAME www\nwww IN A 192.0.2.1\n', false],
  ['MX target is a CNAME (warning)', 'mx IN MX 10 cn\ncn IN CNAME ns1\n', true],
  ['MX target is an address (warning)', 'x IN MX 10 192.0.2.1\n', true],
  ['SOA not at the apex', 'sub IN SOA ns1 hostmaster 1 3600 600 86400 300\n', false],
  ['class mismatch', 'c1 CH TXT "x"\n', false],
  ['$GENERATE', '$GENERATE 1-3 host$ A 192.0.2.$\n', true],
  ['$INCLUDE of a missing file', '$INCLUDE /nonexistent/nothere.zone\n', false],
  ['MX preference out of range', 'a IN MX 70000 ns1\n', false],
  ['MX without exchange', 'a IN MX 10\n', false],
  ['MX with extra text', 'a IN MX 10 ns1 extra\n', false],
  ['DNAME with data below (Knot warns)', 'd IN DNAME other.net.\nx.d IN A 192.0.2.1\n', true],
  ['CAA issue', 'a IN CAA 0 issue "letsencrypt.org"\n', true],
  ['CAA unknown tag', 'a IN CAA 0 bogus "x"\n', true],
  ['SRV', 'a IN SRV 0 5 5060 ns1\n', true],
  ['SRV port out of range', 'x IN SRV 1 2 70000 ns1\n', false],
  ['TLSA', 'a IN TLSA 3 1 1 abcdef\n', true],
  ['TLSA bad hex', 'a IN TLSA 3 1 1 abcdeg\n', false],
  ['SSHFP SHA-1 of wrong length', 'a IN SSHFP 1 1 abcdef\n', false],
  ['SSHFP SHA-256', `a IN SSHFP 4 2 ${L(32, 'ab')}\n`, true],
  ['DS SHA-256', `a IN DS 12345 13 2 ${L(32, 'cd')}\n`, true],
  ['DNSKEY bad base64', '@ IN DNSKEY 257 3 13 abc\n', false],
  ['HTTPS alpn', 'a IN HTTPS 1 . alpn=h2\n', true],
  ['HTTPS unknown key', 'a IN HTTPS 1 . foo=bar\n', false],
  ['unknown mnemonic', 'a IN FOO "x"\n', false],
  ['TYPEnnn generic', 'a IN TYPE65534 \\# 2 abcd\n', true],
  ['TYPE16 is TXT', 'a IN TYPE16 "hello"\n', true],
  ['A as generic', 'a IN A \\# 4 c0000201\n', true],
  ['SPF type (BIND warns)', 'x IN SPF "v=spf1 -all"\n', true],
  ['out-of-zone data (ignored)', 'out.example.net. IN A 192.0.2.1\n', true],
  ['NAPTR', 'a IN NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .\n', true],
  ['wildcard', '*.wild IN A 192.0.2.1\n', true],
  ['HINFO', 'x IN HINFO "a" "b"\n', true],
  ['duplicate records', 'x IN A 192.0.2.1\nx IN A 192.0.2.1\n', true],
  ['TTL mismatch in an RRset (BIND warns)', 'a 300 IN TXT "x"\na 600 IN TXT "y"\n', true],
  ['RDATA over 65535 bytes', `t IN TXT ( ${Array.from({ length: 260 }, () => `"${L(255)}"`).join(' ')} )\n`, false],
];

interface Verdict {
  ok: boolean;
  output: string;
}

function checkzone(zoneName: string, text: string, fileName = 'db.example.com'): Promise<Verdict> {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-xcheck-'));
  const file = join(dir, fileName);
  writeFileSync(file, text);
  return new Promise((resolve) => {
    execFile(CHECKZONE!, [zoneName, file], { encoding: 'utf8', cwd: dir }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: (stdout + stderr).trim() });
    });
  });
}

/** Runs jobs with at most `width` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  }));
  return out;
}

const isDnsError = (code: string): boolean => code.startsWith('zone-') || code.startsWith('txt-');

function mailsecErrors(text: string, zoneName = 'example.com.'): string[] {
  return lintZone(text, { origin: zoneName, zone: zoneName, file: '/tmp/db.example.com', readInclude: (p) => ({ path: p, text: readFileSync(p, 'utf8') }) })
    .findings.filter((f) => f.severity === 'error' && isDnsError(f.code))
    .map((f) => `${f.code}: ${f.message}`);
}

describe('BIND cross-check (named-checkzone)', { skip }, () => {
  const verdicts: Verdict[] = [];
  before(async () => {
    verdicts.push(...(await pool(CASES.map(([, body]) => () => checkzone('example.com', HEAD + body)), 12)));
  });
  CASES.forEach(([what, body, accepted], i) => {
    test(what, () => {
      const text = HEAD + body;
      const bind = verdicts[i]!;
      assert.equal(bind.ok, accepted, `the corpus says BIND ${accepted ? 'accepts' : 'rejects'} this, but named-checkzone said:\n${bind.output}`);
      const errors = mailsecErrors(text);
      if (bind.ok) assert.deepEqual(errors, [], `BIND loads this zone, so mailsec must not call it an error`);
      else assert.ok(errors.length > 0, `BIND rejects this zone (${bind.output.split('\n')[0]}), so mailsec must report an error`);
    });
  });

  for (const example of ['example.com.zone', 'example.net.zone']) {
    test(`examples/${example}`, async () => {
      const text = readFileSync(join(__dirname, '../../../examples', example), 'utf8');
      const zoneName = example.replace(/\.zone$/, '');
      const bind = await checkzone(zoneName, text, example);
      const errors = mailsecErrors(text, zoneName + '.');
      assert.equal(bind.ok, errors.length === 0, `${bind.output}\n${errors.join('\n')}`);
    });
  }
});
