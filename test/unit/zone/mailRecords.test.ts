import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { analyzeZone } from '../../../src/core/zone/lint';
import { codes, slice, zone } from './helpers';

const key = (bits: number): string => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('zone lint: DKIM, SPF and DMARC with the shared validators', () => {
  test('a DKIM finding lands on the exact characters in the file, across split strings and escapes', () => {
    const k = key(1024);
    const body = `s1._domainkey IN TXT ( "v=DKIM1; k=rsa; "\n   "p=${k.slice(0, 100)}"\n   "${k.slice(100)}" )\n`;
    const text = zone(body);
    const f = analyzeZone(text).findings.find((x) => x.code === 'dkim-key-weak')!;
    assert.ok(f, 'the 1024-bit key is reported');
    const covered = slice(text, f.span);
    assert.ok(covered.startsWith(k.slice(0, 20)), covered.slice(0, 40));
    assert.ok(covered.endsWith(k.slice(-10)), covered.slice(-40));
  });

  test('revoked key (empty p=) is information; unknown k= an error', () => {
    const c = codes(analyzeZone(zone('old._domainkey IN TXT "v=DKIM1; p="\nx._domainkey IN TXT "v=DKIM1; k=dsa; p=AAAA"\n')).findings);
    assert.ok(c.includes('dkim-revoked'));
    assert.ok(c.includes('dkim-unknown-key-type'));
  });

  test('SPF: +all, two records at a name, the obsolete SPF type', () => {
    const c = codes(analyzeZone(zone('@ IN TXT "v=spf1 +all"\n@ IN TXT "v=spf1 -all"\nold IN SPF "v=spf1 -all"\n')).findings);
    assert.ok(c.includes('spf-plus-all'));
    assert.ok(c.includes('spf-multiple-records'));
    assert.ok(c.includes('zone-spf-type'));
  });

  test('SPF lookups are counted through includes inside the zone', () => {
    const inner = Array.from({ length: 6 }, (_, i) => `a:h${i}.example.net`).join(' ');
    const text = zone(`@ IN TXT "v=spf1 mx include:_spf1.example.com include:_spf2.example.com -all"\n_spf1 IN TXT "v=spf1 ${inner} -all"\n_spf2 IN TXT "v=spf1 a mx ptr:x.example.net -all"\n`);
    const f = analyzeZone(text).findings.find((x) => x.code === 'spf-lookup-limit')!;
    assert.ok(f, 'over the limit through includes');
    assert.equal(f.data!['lookups'], 3 + 6 + 3);
    assert.match(f.message, /_spf1\.example\.com\. \(6\)/);
    assert.match(slice(text, f.span), /^"v=spf1 mx include:_spf1\.example\.com/);
  });

  test('SPF include counting: 20 records that include each other many ways (issue 11, stack overflow) and a 2,000-record chain (54 MB of messages)', () => {
    const n = 20;
    const targets = (i: number): number[] => Array.from({ length: Math.min(9, n - i - 1) }, (_, k) => i + k + 1);
    const body = Array.from({ length: n }, (_, i) => `r${i} IN TXT "v=spf1 ${targets(i).map((j) => `include:r${j}.example.com`).join(' ')} -all"`).join('\n');
    assert.ok(body.length < 5500);
    const memo = new Map<number, number>();
    const expected = (i: number): number => memo.get(i) ?? (memo.set(i, targets(i).length + targets(i).reduce((sum, j) => sum + expected(j), 0)), memo.get(i)!);
    const started = Date.now();
    const f = analyzeZone(zone(body + '\n')).findings.filter((x) => x.code === 'spf-lookup-limit');
    assert.ok(Date.now() - started < 2000);
    const r0 = f.find((x) => /^Evaluating the SPF record of r0\./.test(x.message))!;
    assert.equal(r0.data!['lookups'], expected(0));
    assert.ok(r0.message.length < 600, r0.message);

    const chain = Array.from({ length: 2000 }, (_, i) => `c${i} IN TXT "v=spf1 include:c${i + 1}.example.com -all"`).join('\n') + '\nc2000 IN TXT "v=spf1 -all"\n';
    const t1 = Date.now();
    const found = analyzeZone(zone(chain)).findings.filter((x) => x.code === 'spf-lookup-limit');
    assert.ok(Date.now() - t1 < 5000);
    assert.equal(found.length, 2000 - 10);
    const bytes = found.reduce((sum, x) => sum + x.message.length, 0);
    assert.ok(bytes < 1_000_000, `${bytes} bytes of messages`);
    assert.match(found[0]!.message, /takes 2000 DNS lookups .*c5\.example\.com\. \(1\) → …\)/);
  });

  test('U+2028/U+2029 inside an SPF macro is a finding, not a crash (issue 11)', () => {
    const c = codes(analyzeZone(zone('@ IN TXT "v=spf1 include:%{d\u2028}.example.com exists:%{i\u2029}.x.example.com -all"\n')).findings);
    assert.ok(c.includes('spf-bad-macro'), c.join(', '));
  });

  test('an include loop inside the zone, and an include of a name with no SPF record', () => {
    const loop = codes(analyzeZone(zone('@ IN TXT "v=spf1 include:_a.example.com -all"\n_a IN TXT "v=spf1 include:example.com -all"\n')).findings);
    assert.ok(loop.includes('spf-include-loop'));
    const text = zone('@ IN TXT "v=spf1 include:_nothing.example.com -all"\n_nothing IN A 192.0.2.1\n');
    const f = analyzeZone(text).findings.find((x) => x.code === 'spf-include-no-record')!;
    assert.equal(slice(text, f.span), '_nothing.example.com');
  });

  test('an include into a delegated subzone is not judged from this file', () => {
    const c = codes(analyzeZone(zone('@ IN TXT "v=spf1 include:_spf.mail.example.com -all"\nmail IN NS ns.mail.example.net.\n')).findings);
    assert.ok(!c.includes('spf-include-no-record'));
  });

  test('DMARC: p=none is information; a bare rua address is an error; a policy away from _dmarc is flagged', () => {
    const c = codes(analyzeZone(zone('_dmarc IN TXT "v=DMARC1; p=none; rua=dmarc@example.com"\nwrong IN TXT "v=DMARC1; p=reject"\n')).findings);
    assert.ok(c.includes('dmarc-policy-none'));
    assert.ok(c.includes('dmarc-uri-missing-mailto'));
    assert.ok(c.includes('dmarc-wrong-owner'));
  });

  test('TXT records that are not mail records are left alone', () => {
    assert.deepEqual(codes(analyzeZone(zone('@ IN TXT "google-site-verification=abc"\n_domainkey IN TXT "o=~; r=postmaster@example.com"\n')).findings), []);
  });
});
