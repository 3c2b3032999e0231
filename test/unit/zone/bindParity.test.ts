/**
 * What BIND 9.18 checks at load, checked by mailsec the same way (issue 13): SVCB/HTTPS,
 * the presentation formats of every type BIND knows, DS at the apex, CDS/CDNSKEY, NS below
 * a DNAME, $GENERATE limits, out-of-zone data and targets without addresses. The
 * differential tier (test/differential) runs named-checkzone itself; these pin each rule.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lintZone, analyzeZone } from '../../../src/core/zone/lint';
import { rdataWire } from '../../../src/core/zone/wire';
import { zoneHover } from '../../../src/core/zone/editor/hover';
import { resolveIncludePath } from '../../../src/core/zone/includePath';
import { parseZone } from '../../../src/core/zone/parser';

const HEAD = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
const lint = (body: string) => lintZone(HEAD + body, { origin: 'example.com.', zone: 'example.com.' }).findings;
const errors = (body: string) => lint(body).filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
const codes = (body: string) => lint(body).map((f) => f.code);
const wireOf = (line: string): string => {
  const z = parseZone(HEAD + line, { origin: 'example.com.' });
  return Buffer.from(rdataWire(z.records[z.records.length - 1]!)).toString('hex');
};

describe('SVCB and HTTPS (RFC 9460)', () => {
  const ok = [
    'a IN HTTPS 0 foo.example.net.',
    'a IN SVCB 0 .',
    'a IN HTTPS 1 .',
    'a IN HTTPS 1 . alpn="h2,h3"',
    'a IN HTTPS 1 . alpn=h2,h3',
    'a IN HTTPS 1 . alpn=h2 no-default-alpn',
    'a IN HTTPS 1 . port=8443',
    'a IN HTTPS 1 . port="443"',
    'a IN HTTPS 1 . ipv4hint="10.0.0.1,10.0.0.2"',
    'a IN HTTPS 1 . ipv4hint=10.0.0.1,10.0.0.2',
    'a IN HTTPS 1 . ech="AEX+DQBBpQAgACA="',
    'a IN HTTPS 1 . ech=AEX+DQBBpQAgACA=',
    'a IN HTTPS 1 . ipv6hint="2001:db8::1,2001:db8::53:1"',
    'a IN SVCB 1 doh.example.net. alpn=h2 dohpath=/dns-query{?dns}',
    'a IN SVCB 1 . ohttp',
    'a IN SVCB 1 . key65000="opaque" key667=hello',
    'a IN HTTPS 1 . alpn=h2 port=1 mandatory=alpn,port',
    'a IN HTTPS 16 foo.example.org. ( alpn=h2,h3-19 mandatory=ipv4hint,alpn\n    ipv4hint=192.0.2.1 )',
  ];
  for (const line of ok) test(`accepts ${line}`, () => assert.deepEqual(errors(line + '\n'), []));

  const bad: [string, RegExp][] = [
    ['a IN HTTPS 1 . mandatory=port', /mandatory lists port, but the record has no port/],
    ['a IN HTTPS 1 . port=1 port=2', /port appears twice/],
    ['a IN HTTPS 1 . key3=1 port=2', /port appears twice|key3 is port written by number/],
    ['a IN HTTPS 1 . alpn=h2 mandatory=mandatory', /mandatory must not list itself/],
    ['a IN HTTPS 1 . alpn=h2 mandatory=alpn,alpn', /mandatory lists alpn twice/],
    ['a IN HTTPS 1 . no-default-alpn', /no-default-alpn needs an alpn/],
    ['a IN HTTPS 1 . PORT=1', /is not a service parameter key/],
    ['a IN HTTPS 1 . bogus=1', /'bogus' is not a service parameter key/],
    ['a IN HTTPS 1 . alpn', /alpn needs a value/],
    ['a IN HTTPS 1 . alpn=a,,b', /alpn has an empty item/],
    ['a IN HTTPS 1 . port=65536', /port must be a number from 0 to 65535/],
    ['a IN HTTPS 1 . ipv4hint=1.2.3', /ipv4hint: '1.2.3' is not an IPv4 address/],
    ['a IN HTTPS 1 . ipv6hint=1.2.3.4', /ipv6hint: '1.2.3.4' is not an IPv6 address/],
    ['a IN HTTPS 1 . ech=W', /ech value is not valid base64/],
    ['a IN HTTPS 1 . dohpath=/x', /dohpath must be a path/],
    ['a IN HTTPS 1 . ohttp=x', /ohttp takes no value/],
    ['a IN HTTPS 65536 .', /priority 65536 is out of range/],
    ['a IN HTTPS 1', /target.* missing/],
  ];
  for (const [line, want] of bad) {
    test(`refuses ${line}`, () => {
      const e = errors(line + '\n');
      assert.ok(e.some((x) => want.test(x)), e.join('\n') || 'no error');
    });
  }

  test('AliasMode with parameters is a warning (clients ignore them), as BIND loads it', () => {
    assert.deepEqual(errors('a IN HTTPS 0 x.example.net. alpn=h2\n'), []);
    assert.ok(codes('a IN HTTPS 0 x.example.net. alpn=h2\n').includes('zone-svcb-alias-params'));
  });

  test('wire format equals RFC 9460 Appendix D test vectors', () => {
    // D.1 AliasMode
    assert.equal(wireOf('example.com. HTTPS 0 foo.example.com.\n'), '0000' + '03666f6f076578616d706c6503636f6d00');
    // D.2 ServiceMode, figure 6: keys in ascending order, mandatory sorted
    assert.equal(
      wireOf('example.com. SVCB 16 foo.example.org. ( alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1 )\n'),
      '0010' + '03666f6f076578616d706c65036f726700' + '000000040001' + '0004' + '000100090268320568332d3139' + '00040004c0000201',
    );
    // figure 7: escaped commas in a value list
    assert.equal(wireOf('example.com. SVCB 16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"\n'), '0010' + '03666f6f076578616d706c65036f726700' + '0001000c' + '08665c6f6f2c626172' + '026832');
    // figure 4: port
    assert.equal(wireOf('example.com. SVCB 16 foo.example.com. port=53\n'), '0010' + '03666f6f076578616d706c6503636f6d00' + '000300020035');
    // ipv6hint
    assert.equal(wireOf('example.com. SVCB 1 example.com. ipv6hint="::ffff:198.51.100.100"\n'), '0001' + '076578616d706c6503636f6d00' + '00060010' + '00000000000000000000ffffc6336464');
  });
});

describe('presentation formats of the other types BIND 9.18 knows', () => {
  const ok = [
    'a IN ATMA +16505551212',
    'a IN ATMA 39246f00e7c9c0312000010001234567890000000001',
    'a IN NIMLOC 32251a03',
    'a IN EID 3a2d7d2f2b7a',
    'a IN NSAP 0x47.0005.80.005a00.0000.0001.e133.ffffff000162.00',
    'a IN APL 1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32',
    'a IN DSYNC CDS NOTIFY 5359 dsync.example.net.',
    'a IN SINK 1 0 0 AQIDBA==',
    'a IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m',
    'a IN CERT PGP 0 0 AAAA',
    'a IN IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==',
    'a IN RRSIG A 13 3 300 20250101000000 20240101000000 12345 example.com. AAAA',
    'a IN NSEC b.example.com. A RRSIG NSEC TYPE1234',
    'a IN NSEC3 1 1 0 - CPNMU A RRSIG',
    'a IN CSYNC 66 3 A NS AAAA',
    'a IN ZONEMD 2021071219 1 1 ( 4274F6BC562CF8CE512B21AAA4CCC1EB9F4FAAAECD01642D0A07BDEA890C8845849D4F2255C8B8F4A6DEEAD71D4F2FC7 )',
    'a IN WALLET "BTC" "bc1q"',
    'a IN L32 10 10.1.2.0',
    'a IN L64 10 2001:0DB8:1140:1000',
    'a IN URI 10 1 "ftp://ftp1.example.com/public"',
    'a IN TYPE65534 \\# 3 abcdef',
    'a IN TYPE1 \\# 4 c0000201',
  ];
  for (const line of ok) test(`accepts ${line}`, () => assert.deepEqual(errors(line + '\n'), []));
  const bad: [string, RegExp][] = [
    ['a IN ATMA +1650x', /E\.164 ATM address/],
    ['a IN NIMLOC 3225z', /hexadecimal/],
    ['a IN NSAP 47.0005', /starts with 0x/],
    ['a IN APL 1:192.168.32.0/33', /prefix length 33 is too long/],
    ['a IN APL 3:1.2.3.4/8', /address family 3/],
    ['a IN DSYNC CDS BOGUS 53 x.', /not a DSYNC scheme/],
    ['a IN LOC 91 0 0 N 0 0 0 E 0', /beyond 90°|out of range/],
    ['a IN CERT X 0 0 AA==', /not a certificate type/],
    ['a IN IPSECKEY 0 4 0 . AA==', /gateway type 4 is out of range/],
    ['a IN RRSIG A 0 0 0 2226010100000x 0 0 . AA==', /expiration must be/],
    ['a IN NSEC .', /type list is empty/],
    ['a IN NSEC3 0 0 0 - 00======', /not valid base32hex/],
    ['a IN ZONEMD 1 1 1 00', /at least 12/],
    ['a IN A \\# 0', /cannot be empty/],
    ['a IN TYPE0 \\# 0', /reserved/],
    ['a IN TYPE200 \\# 1 00', /query and meta types/],
    ['a IN CAA 0 "issue" "x"', /must not be quoted/],
  ];
  for (const [line, want] of bad) {
    test(`refuses ${line}`, () => {
      const e = errors(line + '\n');
      assert.ok(e.some((x) => want.test(x)), e.join('\n') || 'no error');
    });
  }
  test('\\# data of a known type is decoded as BIND decodes it', () => {
    for (const ok of ['a IN NSEC \\# 4 00000140', 'a IN MX \\# 3 000a00', 'a IN TXT \\# 3 026162', 'a IN SVCB \\# 16 00010000010003026833000300020050']) assert.deepEqual(errors(ok + '\n'), [], ok);
    const bad: [string, RegExp][] = [
      ['a IN NSEC \\# 1 00', /type bitmap is empty/],
      ['a IN MX \\# 4 000ac000', /compression/],
      ['a IN TXT \\# 3 016162', /runs past the end/],
      ['a IN A \\# 3 c00002', /4 bytes, not 3/],
      ['a IN IPSECKEY \\# 3 000000', /public key is missing/],
      ['a IN LOC \\# 16 00000000000000000000000000000000', /latitude is out of range/],
      ['a IN ZONEMD \\# 18 000000010101000102030405060708090a0b', /48 bytes/],
    ];
    for (const [line, want] of bad) assert.ok(errors(line + '\n').some((e) => want.test(e)), line);
  });
  test('DNSKEY wire keeps the protocol as written (dns-packet forced 3)', () => {
    assert.equal(wireOf('a IN DNSKEY 256 2 13 AAAA\n'), '010002' + '0d' + '000000');
  });
  test('names with escapes encode as BIND does', () => {
    assert.equal(wireOf('a IN NS a\\.b\\032c.example.net.\n'), '0561' + '2e62' + '2063' + '076578616d706c65036e657400');
  });
});

describe('zone checks BIND makes at load', () => {
  const KEY = 'AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjFFVQUTf6v58fLjwBd0YI0EzrAcQqBGCzh/RStIoO8g0NfnfL2MTJRkxoXbfDaUeVPQuYEhg37NZWAJQ9VnMVDxP/VHL496M/QZxkjf5/Efucp2gaDX6RS6CXpoY68LsvPVjR0ZSwzz1apAzvN9dlzEheX7ICJBBtuA6G3LQpzW5hOA2hzCTMjJPJ8LbqF6dsV6DoBQzgul0sGIcGOYl7OyQdXfZ57relSQageu+ipAdTTJ25AsRTAoub8ONGcLmqrAmRLKBP1dfwhYB4N7knNnulqQxA+Uk1ihz0=';
  test('DS at the apex is an error; below it is fine', () => {
    const ds = `DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118\n`;
    assert.ok(errors(`@ IN ${ds}`).some((e) => e.startsWith('zone-ds-at-apex')));
    assert.deepEqual(errors(`sub IN NS ns1.example.net.\nsub IN ${ds}`), []);
  });
  test('CDS/CDNSKEY: an algorithm no DNSKEY has, no DNSKEY at all, a delete record not alone', () => {
    assert.ok(errors('@ IN CDS 1 8 2 ' + '00'.repeat(32) + '\n').some((e) => e.startsWith('zone-cds-mismatch') && /no DNSKEY records/.test(e)));
    assert.ok(errors(`@ IN DNSKEY 257 3 8 ${KEY}\n@ IN CDNSKEY 257 3 13 AAAA\n`).some((e) => /algorithm 13, but no DNSKEY/.test(e)));
    assert.ok(errors(`@ IN DNSKEY 257 3 8 ${KEY}\n@ IN CDS 0 0 0 00\n@ IN CDS 1 8 2 ${'00'.repeat(32)}\n`).some((e) => /delete record must be the only/.test(e)));
    assert.deepEqual(errors('@ IN CDS 0 0 0 00\n@ IN CDNSKEY 0 3 0 AA==\n'), []);
  });
  test('CDNSKEY copying the DNSKEY is clean; a CDS of no key is a warning', () => {
    assert.deepEqual(errors(`@ IN DNSKEY 257 3 8 ${KEY}\n@ IN CDNSKEY 257 3 8 ${KEY}\n`), []);
    const f = lint(`@ IN DNSKEY 257 3 8 ${KEY}\n@ IN CDS 1 8 2 ${'00'.repeat(32)}\n`);
    assert.ok(f.some((x) => x.code === 'zone-cds-no-key' && x.severity === 'warning'));
  });
  test('the apex name server below an apex DNAME is an error; a delegation below a DNAME is not', () => {
    const z = `$ORIGIN example.com.\n$TTL 300\n@ SOA ns.example.com. h 1 1 1 1 1\n@ NS ns.example.com.\n@ DNAME example.net.\nns A 192.0.2.1\n`;
    assert.ok(lintZone(z, { zone: 'example.com.' }).findings.some((f) => f.code === 'zone-ns-below-dname' && f.severity === 'error'));
    assert.deepEqual(errors('sub NS ns.d\nd DNAME example.net.\nns.d A 192.0.2.9\n'), []);
  });
  test('NS at a wildcard is refused', () => {
    assert.ok(errors('*.w IN NS ns1\n').some((e) => e.startsWith('zone-ns-wildcard')));
  });
  test('an apex NS target in the zone without address records is an error; MX/SRV targets get BIND\'s warning', () => {
    assert.ok(errors('@ IN NS ns2\n').some((e) => e.startsWith('zone-ns-no-address') && /has no address records/.test(e)));
    const f = lint('@ IN MX 10 mail\n_sip._tcp IN SRV 0 0 5060 sip\nsip IN TXT "x"\n');
    assert.deepEqual(f.filter((x) => x.code === 'zone-target-no-address').map((x) => x.severity), ['warning', 'warning']);
    assert.ok(f.every((x) => x.code !== 'zone-target-no-address' || /has no address records \(A or AAAA\)/.test(x.message)));
  });
  test('a wildcard with an address answers for a target that does not exist (BIND loads it)', () => {
    assert.deepEqual(errors('@ IN NS ns9\n* IN A 192.0.2.9\n'), []);
    assert.ok(errors('@ IN NS ns9\nns9 IN TXT "x"\n* IN A 192.0.2.9\n').some((e) => e.startsWith('zone-ns-no-address')));
  });
  test('an MX target below a delegation without glue gets BIND\'s warning; an apex NS there does not', () => {
    assert.deepEqual(lint('@ IN MX 10 mail.sub\nsub IN NS ns1\n').filter((f) => f.code === 'zone-target-no-address').length, 1);
    assert.deepEqual(lint('@ IN NS ns.sub\nsub IN NS ns1\n').filter((f) => f.code.includes('address')), []);
  });
  test('a fragment without SOA only judges targets that exist in it', () => {
    assert.deepEqual(lintZone('@ IN MX 10 mail\n', { origin: 'example.com.' }).findings.filter((f) => f.code === 'zone-target-no-address'), []);
  });
  test('out-of-zone records, an SOA for another name too, are ignored with a warning', () => {
    const f = lint('x.example.net. IN SOA a b 1 1 1 1 1\nother.example.org. IN A 192.0.2.1\n');
    assert.deepEqual(f.filter((x) => x.severity === 'error'), []);
    assert.deepEqual(f.filter((x) => x.code === 'zone-out-of-zone').length, 2);
  });
  test('an identical second SOA is dropped (BIND), a different one is an error', () => {
    assert.deepEqual(errors('@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n'), []);
    assert.ok(errors('@ IN SOA ns1 hostmaster 2 3600 600 86400 300\n').length > 0);
  });
  test('NSEC3PARAM: hash algorithm 1 only, at most 150 iterations', () => {
    assert.deepEqual(errors('@ IN NSEC3PARAM 1 0 0 -\n'), []);
    assert.ok(errors('@ IN NSEC3PARAM 2 0 0 -\n').some((e) => /not supported/.test(e)));
    assert.ok(errors('@ IN NSEC3PARAM 1 0 151 -\n').some((e) => /151 iterations/.test(e)));
  });
});

describe('$GENERATE within BIND\'s limits', () => {
  const gen = (line: string) => errors(line + '\n').filter((e) => e.startsWith('zone-bad-generate'));
  test('start, stop and step up to 2147483647', () => {
    assert.deepEqual(gen('$GENERATE 2147483640-2147483647 h$ A 192.0.2.1'), []);
    assert.match(gen('$GENERATE 2147483647-2147483648 h$ A 192.0.2.1')[0] ?? '', /out of range: at most 2147483647/);
    assert.match(gen('$GENERATE 1-3/4294967296 h$ A 192.0.2.1')[0] ?? '', /step .* out of range/);
  });
  test('widths 0–127, integer fields, no empty ones, value + offset within int', () => {
    assert.deepEqual(gen('$GENERATE 1-3 h$ TXT ${0,127}'), []);
    assert.match(gen('$GENERATE 1-3 h$ TXT ${0,128}')[0] ?? '', /width 128 .* out of range/);
    assert.match(gen('$GENERATE 1-3 h$ TXT ${1,-2,d}')[0] ?? '', /out of range/);
    for (const m of ['${0,,d}', '${,2,d}', '${0,2,}', '${a}', '${0,2,d,x}']) assert.ok(gen(`$GENERATE 1-3 h$ TXT ${m}`).length > 0, m);
    assert.match(gen('$GENERATE 1-1 host$ TXT foo${2147483647}')[0] ?? '', /past 2147483647/);
  });
  test('a negative value in nibble mode prints as BIND prints it (unsigned 32-bit)', () => {
    const z = analyzeZone(HEAD + '$GENERATE 1024-1024 ${-2000,0,n} AAAA 2001:db8::1\n', { origin: 'example.com.' });
    assert.ok(z.records.some((r) => r.owner === '0.3.c.f.f.f.f.f.example.com.'), z.records.map((r) => r.owner).join(' '));
  });
});

describe('$INCLUDE base directory', () => {
  test('the editor reads beside the including file; --include-base reads from the base (BIND)', () => {
    assert.equal(resolveIncludePath('keys.inc', '/zones/db.example.com'), '/zones/keys.inc');
    assert.equal(resolveIncludePath('keys.inc', '/zones/sub/db.example.com', '/var/named'), '/var/named/keys.inc');
    assert.equal(resolveIncludePath('/etc/k.inc', '/zones/db', '/var/named'), '/etc/k.inc');
  });
  test('the hover on the path says how BIND resolves it', () => {
    const text = HEAD + '$INCLUDE keys/k.inc\n';
    const parse = parseZone(text, { origin: 'example.com.' });
    const h = zoneHover(parse, text.indexOf('keys/k.inc') + 2);
    assert.ok(h && /relative to the file that includes it/.test(h.markdown) && /--include-base/.test(h.markdown), h?.markdown);
  });
});
