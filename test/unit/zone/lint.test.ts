import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeZone, lintZone } from '../../../src/core/zone/lint';
import { codes, slice, zone } from './helpers';

function lint(body: string, origin?: string) {
  const text = zone(body, origin);
  const r = analyzeZone(text);
  return { text, r, codes: codes(r.findings) };
}

describe('zone lint: TXT lengths', () => {
  test('a string over 255 bytes is an error naming its length; counted after unescaping', () => {
    const s = 'a'.repeat(250) + '\\065'.repeat(10); // 260 bytes, 290 characters
    const { text, r } = lint(`t IN TXT "${s}"\n`);
    const f = r.findings.find((x) => x.code === 'txt-string-too-long')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /260 bytes/);
    assert.equal(slice(text, f.span), `"${s}"`);
  });

  test('255 bytes exactly is fine; UTF-8 counts bytes (128 × é = 256 bytes)', () => {
    assert.deepEqual(lint(`t IN TXT "${'x'.repeat(255)}"\n`).codes, []);
    const { r } = lint(`t IN TXT "${'é'.repeat(128)}"\n`);
    assert.match(r.findings.find((x) => x.code === 'txt-string-too-long')!.message, /256 bytes/);
  });

  test('a split value over 255 bytes warns about web forms; can be turned off', () => {
    const body = `t IN TXT ( "${'a'.repeat(200)}" "${'b'.repeat(100)}" )\n`;
    const { r } = lint(body);
    const f = r.findings.find((x) => x.code === 'txt-long-for-web-forms')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /300 bytes/);
    assert.deepEqual(codes(analyzeZone(zone(body), { webFormWarning: false }).findings), []);
  });

  test('RDATA over 65535 bytes is an error', () => {
    const strings = Array.from({ length: 260 }, () => `"${'z'.repeat(255)}"`).join(' ');
    const { codes: c } = lint(`t IN TXT ( ${strings} )\n`);
    assert.ok(c.includes('zone-rdata-too-long'));
  });

  test('an unquoted DMARC value cut by ; is reported with what was lost', () => {
    const { text, r } = lint('_dmarc IN TXT v=DMARC1;p=reject;rua=mailto:d@example.com\n');
    const f = r.findings.find((x) => x.code === 'txt-semicolon-comment')!;
    assert.equal(slice(text, f.span), 'v=DMARC1;p=reject;rua=mailto:d@example.com');
    assert.match(f.message, /p=reject/);
  });
});

describe('zone lint: names and records', () => {
  test('CNAME beside other data is an error at the CNAME with the other record related', () => {
    const { text, r } = lint('www IN CNAME ns1\nwww IN A 192.0.2.5\n');
    const f = r.findings.find((x) => x.code === 'zone-cname-and-other-data')!;
    assert.equal(f.severity, 'error');
    assert.equal(slice(text, f.span), 'www IN CNAME ns1');
    assert.equal(slice(text, f.related![0]!.span), 'www IN A 192.0.2.5');
  });

  test('CNAME at the apex conflicts with SOA and NS; RRSIG beside a CNAME is allowed', () => {
    assert.ok(lint('@ IN CNAME other.example.net.\n').codes.includes('zone-cname-and-other-data'));
    assert.deepEqual(lint('c IN CNAME ns1\nc IN RRSIG CNAME 13 3 3600 20250101000000 20240101000000 12345 example.com. abc=\n').codes, []);
  });

  test('two CNAMEs at one name', () => {
    assert.deepEqual(lint('c IN CNAME ns1\nc IN CNAME www\nwww IN A 192.0.2.9\n').codes, ['zone-multiple-cname']);
  });

  test('MX and NS targets: CNAME (warning), no address (warning), fine', () => {
    const { codes: c } = lint('@ IN MX 10 cn\ncn IN CNAME ns1\n@ IN MX 20 noaddr\nnoaddr IN TXT "x"\n@ IN MX 30 ns1\n');
    assert.deepEqual(c, ['zone-target-is-cname', 'zone-target-no-address']);
  });

  test('out-of-zone data is a warning', () => {
    const { text, r } = lint('out.example.net. IN A 192.0.2.1\n');
    const f = r.findings.find((x) => x.code === 'zone-out-of-zone')!;
    assert.equal(slice(text, f.span), 'out.example.net.');
  });

  test('TTL mismatch within an RRset', () => {
    assert.deepEqual(lint('a 300 IN TXT "x"\na 600 IN TXT "y"\n').codes, ['zone-ttl-mismatch']);
  });

  test('missing trailing dot: certain when the origin repeats, probable for a public TLD', () => {
    const { text, r } = lint('@ IN MX 10 mail.example.com\n@ IN MX 20 mx.provider.net\n@ IN MX 30 mail\nmail IN A 192.0.2.3\n');
    const f = r.findings.filter((x) => x.code === 'zone-missing-trailing-dot');
    assert.deepEqual(f.map((x) => [slice(text, x.span), x.data!['certain']]), [
      ['mail.example.com', true],
      ['mx.provider.net', false],
    ]);
  });

  test('SOA checks: not at apex, no NS, fragment without SOA', () => {
    assert.ok(lint('sub IN SOA ns1 hm 1 2 3 4 5\n').codes.includes('zone-soa-not-at-apex'));
    const noNs = analyzeZone('$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns1 hm 1 2 3 4 5\nns1 IN A 192.0.2.1\n');
    assert.deepEqual(codes(noNs.findings), ['zone-no-ns']);
    const fragment = analyzeZone('$TTL 60\nwww.example.com. IN A 192.0.2.1\n');
    assert.deepEqual(fragment.findings.map((f) => [f.code, f.severity]), [['zone-no-soa', 'info']]);
  });

  test('data below a DNAME', () => {
    assert.deepEqual(lint('d IN DNAME other.net.\nx.d IN A 192.0.2.1\n').codes, ['zone-data-below-dname']);
  });

  test('generated records report on their $GENERATE line', () => {
    const text = zone('$GENERATE 1-2 h$ A 192.0.2.3$0\n');
    const r = analyzeZone(text);
    const f = r.findings.find((x) => x.code === 'zone-bad-ipv4')!;
    assert.match(slice(text, f.span), /^\$GENERATE 1-2/);
    assert.match(f.message, /\$GENERATE \(at 1\)/);
  });

  test('lintZone (streaming) finds the same as analyzeZone', () => {
    const text = zone('www IN CNAME ns1\nwww IN A 192.0.2.5\nt IN TXT "' + 'q'.repeat(300) + '"\nbad IN A 1.2.3\n');
    assert.deepEqual(codes(lintZone(text).findings), codes(analyzeZone(text).findings));
  });
});

describe('zone lint: rdata as BIND checks it', () => {
  const cases: [string, string[]][] = [
    ['a IN A 1.2.3', ['zone-bad-ipv4']],
    ['a IN A 01.2.3.4', ['zone-bad-ipv4']],
    ['a IN A 192.0.2.256', ['zone-bad-ipv4']],
    ['a IN AAAA 2001:db8::1::2', ['zone-bad-ipv6']],
    ['a IN AAAA ::ffff:192.0.2.1', []],
    ['a IN MX 70000 ns1', ['zone-number-out-of-range']],
    ['a IN MX 10', ['zone-missing-rdata']],
    ['a IN MX 10 ns1 extra', ['zone-extra-rdata']],
    ['a IN MX ten ns1', ['zone-bad-number']],
    ['a IN SRV 0 5 5060 ns1', []],
    ['a IN TLSA 3 1 1 abcdeg', ['zone-bad-hex']],
    ['a IN SSHFP 1 1 abcdef', ['zone-bad-digest-length']],
    ['a IN SSHFP 1 2 ' + 'ab'.repeat(32), []],
    ['a IN DS 12345 13 2 ' + 'cd'.repeat(32), []],
    ['a IN DS 12345 ECDSAP256SHA256 2 ' + 'cd'.repeat(31), ['zone-bad-digest-length']],
    ['a IN DNSKEY 257 3 13 abc', ['zone-bad-base64']],
    ['a IN DNSKEY 257 3 13 ( mdsswUyr3DPW132mOi8V9xESWE8jTo0d\n xQjjvldlJsx= )', []],
    ['a IN DNSKEY 257 3 13 ( mdsswUyr3DPW132mOi8V9xESWE8jTo0d\n xQjjvldlJs= )', ['zone-bad-base64']],
    ['a IN HTTPS 1 . alpn=h2', []],
    ['a IN HTTPS 1 . foo=bar', ['zone-bad-svcparam']],
    ['a IN CAA 0 issue "letsencrypt.org"', []],
    ['a IN CAA 0 bogus "x"', ['zone-unknown-caa-tag']],
    ['a IN TXT "\\256"', ['zone-bad-escape']],
    ['a IN TXT "\\25"', ['zone-bad-escape']],
    ['a IN TYPE65534 \\# 2 abcd', ['zone-unknown-type']],
    ['a IN TYPE65534 \\# 3 abcd', ['zone-unknown-type', 'zone-bad-rdata']],
    ['a IN A \\# 4 c0000201', []],
    ['a IN NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .', []],
    ['a IN SOA ns1 hm 1 2 3', ['zone-soa-not-at-apex', 'zone-missing-rdata']],
  ];
  for (const [body, expected] of cases) {
    test(body.split('\n')[0]!, () => {
      assert.deepEqual(lint(body + '\n').codes.filter((c) => c !== 'zone-target-no-address'), expected);
    });
  }
});

describe('zone lint: which owners are out of the zone', () => {
  const outOfZone = (body: string): string[] => {
    const text = `$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n${body}`;
    return lintZone(text).findings.filter((f) => f.code === 'zone-out-of-zone').map((f) => slice(text, f.span));
  };

  test('relative, @ and absolute owners under an origin outside the zone are checked one by one', () => {
    // $ORIGIN com.: "www.example" is www.example.com. (in the zone), "other" is other.com. (outside)
    assert.deepEqual(outOfZone('$ORIGIN com.\nwww.example IN A 192.0.2.2\nother IN A 192.0.2.3\n@ IN TXT "x"\n'), ['other', '@']);
  });

  test('owners relative to an origin inside the zone are in it; absolute ones are read', () => {
    assert.deepEqual(outOfZone('$ORIGIN sub.example.com.\na IN A 192.0.2.4\n@ IN A 192.0.2.5\nb.example.net. IN A 192.0.2.6\n'), ['b.example.net.']);
  });
});
