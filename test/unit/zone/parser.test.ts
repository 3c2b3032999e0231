import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { codes, parse, rdataOf, slice, zone } from './helpers';
import { hashName } from '../../../src/core/zone/nameTable';

describe('zone parser: records and inheritance', () => {
  test('owner, TTL and class are inherited; @ is the origin; TTL/class in either order', () => {
    const text = '$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 hm 1 2 3 4 5\n  IN NS ns1\nwww 300 IN A 192.0.2.1\n  IN 600 AAAA 2001:db8::1\nmail IN 1D MX 10 mx.example.net.\n';
    const r = parse(text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(
      r.records.map((x) => [x.owner, x.ttl, x.class, x.type]),
      [
        ['example.com.', 3600, 'IN', 'SOA'],
        ['example.com.', 3600, 'IN', 'NS'],
        ['www.example.com.', 300, 'IN', 'A'],
        ['www.example.com.', 600, 'IN', 'AAAA'],
        ['mail.example.com.', 86400, 'IN', 'MX'],
      ],
    );
    assert.equal(r.records[1]!.ownerSpan, null, 'a blank owner is inherited, without a span');
    assert.equal(slice(text, r.records[2]!.ownerSpan!), 'www');
    assert.equal(slice(text, r.records[4]!.ttlSpan!), '1D');
    assert.equal(r.apex, 'example.com.');
  });

  test('TTL units: 1h30m, 2w, 1D; a bare number after a unit is a bad TTL', () => {
    const r = parse('$ORIGIN example.com.\na 1h30m IN A 192.0.2.1\nb 2w IN A 192.0.2.1\nc 1h30 IN A 192.0.2.1\n');
    assert.deepEqual(r.records.map((x) => x.ttl), [5400, 1209600]);
    assert.deepEqual(codes(r.findings), ['zone-bad-ttl']);
    assert.match(r.findings[0]!.message, /no unit/);
    assert.equal(slice(r.text, r.findings[0]!.span), '1h30');
  });

  test('without $TTL, a record inherits the previous TTL (RFC 1035); the SOA minimum is used with a warning', () => {
    const r = parse('$ORIGIN example.com.\n@ IN SOA ns1 hm 1 2 3 4 300\n IN NS ns1\nwww 60 IN A 192.0.2.1\nx IN A 192.0.2.2\n');
    assert.deepEqual(r.records.map((x) => x.ttl), [300, 300, 60, 60]);
    assert.deepEqual(codes(r.findings), ['zone-no-ttl']);
    assert.equal(r.findings[0]!.severity, 'warning');
  });

  test('a record without any TTL to inherit is an error', () => {
    const r = parse('$ORIGIN example.com.\nwww IN A 192.0.2.1\n');
    assert.deepEqual(codes(r.findings), ['zone-no-ttl']);
    assert.equal(r.findings[0]!.severity, 'error');
  });

  test('parentheses join lines; comments inside are kept apart; quoted ; is not a comment', () => {
    const text = zone('t IN TXT ( "v=DKIM1; k=rsa; " ; first part\n   "p=abc" ) ; after\n');
    const r = parse(text);
    assert.deepEqual(r.findings, []);
    const t = r.records.find((x) => x.type === 'TXT')!;
    assert.deepEqual(rdataOf(t), ['v=DKIM1; k=rsa; ', 'p=abc']);
    assert.deepEqual(t.entry.comments.map((c) => slice(text, c)), ['; first part', '; after']);
    assert.notEqual(t.entry.open, -1);
    assert.equal(text[t.entry.close], ')');
  });

  test('escapes: \\" and \\\\ inside quotes, \\DDD kept raw', () => {
    const r = parse(zone('t IN TXT "a\\"b\\\\c\\059d"\n'));
    assert.deepEqual(r.findings, []);
    assert.deepEqual(rdataOf(r.records.at(-1)!), ['a\\"b\\\\c\\059d']);
  });

  test('relative, absolute and @ names; $ORIGIN relative to the current origin', () => {
    const r = parse('$ORIGIN example.com.\n$TTL 60\nwww IN CNAME @\nabs.example.org. IN A 192.0.2.1\n$ORIGIN sub\nhost IN A 192.0.2.2\n');
    assert.deepEqual(r.records.map((x) => x.owner), ['www.example.com.', 'abs.example.org.', 'host.sub.example.com.']);
  });

  test('unknown mnemonic is an error (BIND rejects it); TYPEnnn with \\# data is a warning; TYPE16 is TXT', () => {
    const r = parse(zone('a IN FOO bar\nb IN TYPE65534 \\# 2 abcd\nc IN TYPE16 "hello"\n'));
    assert.deepEqual(codes(r.findings), ['zone-unknown-type', 'zone-unknown-type']);
    assert.equal(r.findings[0]!.severity, 'error');
    assert.equal(r.findings[1]!.severity, 'warning');
    const c = r.records.find((x) => x.owner.startsWith('c.'))!;
    assert.equal(c.type, 'TXT');
    const b = r.records.find((x) => x.owner.startsWith('b.'))!;
    assert.equal(b.generic, true);
  });

  test('meta types do not belong in a zone file', () => {
    const r = parse(zone('a IN ANY "x"\n'));
    assert.deepEqual(codes(r.findings), ['zone-type-not-allowed']);
  });

  test('unterminated quote and unbalanced parentheses are reported at the right place', () => {
    const text = zone('q IN TXT "abc\nr IN TXT ( "x"\n');
    const r = parse(text);
    const f = r.findings.map((x) => [x.code, slice(text, x.span)]);
    assert.deepEqual(f, [
      ['zone-unterminated-quote', '"abc'],
      ['zone-unbalanced-parentheses', '('],
    ]);
  });

  test('a stray ) is reported', () => {
    const r = parse(zone('a IN A 192.0.2.1 )\n'));
    assert.deepEqual(codes(r.findings), ['zone-unbalanced-parentheses']);
  });

  test('nested parentheses are accepted (BIND does)', () => {
    const r = parse(zone('t IN TXT ( "a" ( "b" ) )\n'));
    assert.deepEqual(r.findings, []);
    assert.deepEqual(rdataOf(r.records.at(-1)!), ['a', 'b']);
  });

  test('class mismatch is an error; CLASSnnn is a class', () => {
    const r = parse(zone('c1 CH TXT "x"\n'));
    assert.deepEqual(codes(r.findings), ['zone-class-mismatch']);
  });

  test('label over 63 bytes and name over 255 bytes', () => {
    const long = 'a'.repeat(64);
    const r = parse(zone(`${long} IN A 192.0.2.1\n${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)} IN A 192.0.2.1\n`));
    assert.deepEqual(codes(r.findings), ['zone-label-too-long', 'zone-name-too-long']);
    assert.equal(slice(r.text, r.findings[0]!.span), long);
  });

  test('a blank first line has no owner to inherit', () => {
    const r = parse('$TTL 60\n  IN A 192.0.2.1\n');
    assert.deepEqual(codes(r.findings), ['zone-no-owner']);
  });

  test('CRLF line endings', () => {
    const text = '$ORIGIN example.com.\r\n$TTL 60\r\nwww IN TXT "a" ; c\r\nx IN A 192.0.2.1\r\n';
    const r = parse(text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(rdataOf(r.records[0]!), ['a']);
    assert.equal(slice(text, r.records[0]!.entry.comments[0]!), '; c');
    assert.deepEqual(rdataOf(r.records[1]!), ['192.0.2.1']);
  });

  test('TTL over 2^31-1 is a warning and becomes 0; over 2^32-1 is an error', () => {
    const r = parse(zone('a 2147483648 IN A 192.0.2.1\nb 4294967296 IN A 192.0.2.1\n'));
    assert.deepEqual(codes(r.findings), ['zone-ttl-too-large', 'zone-bad-ttl']);
    assert.equal(r.records.find((x) => x.owner.startsWith('a.'))!.ttl, 0);
  });
});

describe('zone parser: directives', () => {
  test('$GENERATE expands with modifiers; records point back to the directive', () => {
    const text = '$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 60\n$GENERATE 1-3 $ PTR host-${0,3,d}.example.com.\n$GENERATE 10-14/2 h${-10,2,x} A 192.0.2.$\n';
    const r = parse(text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(
      r.records.map((x) => [x.owner, x.type, rdataOf(x).join(' ')]),
      [
        ['1.2.0.192.in-addr.arpa.', 'PTR', 'host-001.example.com.'],
        ['2.2.0.192.in-addr.arpa.', 'PTR', 'host-002.example.com.'],
        ['3.2.0.192.in-addr.arpa.', 'PTR', 'host-003.example.com.'],
        ['h00.2.0.192.in-addr.arpa.', 'A', '192.0.2.10'],
        ['h02.2.0.192.in-addr.arpa.', 'A', '192.0.2.12'],
        ['h04.2.0.192.in-addr.arpa.', 'A', '192.0.2.14'],
      ],
    );
    assert.equal(r.records[0]!.generatedBy!.value, 1);
    assert.match(slice(text, r.records[0]!.generatedBy!.entry), /^\$GENERATE 1-3/);
  });

  test('$GENERATE with a bad range is reported', () => {
    const r = parse('$TTL 60\n$GENERATE 5-1 h$ A 192.0.2.$\n');
    assert.deepEqual(codes(r.findings), ['zone-bad-generate']);
  });

  test('$INCLUDE reads the file through the callback; origin and owner revert afterwards', () => {
    const files: Record<string, string> = { '/z/keys.zone': 'k1 IN TXT "one"\n  IN TXT "two"\n' };
    const text = '$ORIGIN example.com.\n$TTL 60\nwww IN A 192.0.2.1\n$INCLUDE keys.zone sub.example.com.\n  IN AAAA 2001:db8::1\n';
    const r = parse(text, {
      file: '/z/main.zone',
      readInclude: (p) => {
        const path = '/z/' + p;
        const t = files[path];
        if (t === undefined) throw new Error('no such file');
        return { path, text: t };
      },
    });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.records.map((x) => [x.owner, x.type, x.file ?? '']), [
      ['www.example.com.', 'A', ''],
      ['k1.sub.example.com.', 'TXT', '/z/keys.zone'],
      ['k1.sub.example.com.', 'TXT', '/z/keys.zone'],
      ['www.example.com.', 'AAAA', ''],
    ]);
    assert.equal(r.includes.length, 1);
  });

  test('a missing $INCLUDE file is a diagnostic at the file name, not a crash', () => {
    const text = '$INCLUDE "nothere.zone"\n';
    const r = parse(text, { readInclude: () => { throw new Error('ENOENT: no such file'); } });
    assert.deepEqual(codes(r.findings), ['zone-include-not-found']);
    assert.equal(slice(text, r.findings[0]!.span), '"nothere.zone"');
    assert.match(r.findings[0]!.message, /nothere\.zone: ENOENT/);
  });

  test('findings inside an included file carry its path', () => {
    const r = parse('$TTL 60\n$INCLUDE bad.zone\n', { readInclude: () => ({ path: '/abs/bad.zone', text: 'x IN A 192.0.2.1 )\n' }) });
    assert.equal(r.findings[0]!.file, '/abs/bad.zone');
  });

  test('$INCLUDE recursion is stopped: a cycle at once, a chain of distinct files at the depth limit', () => {
    const r = parse('$TTL 60\n$INCLUDE self.zone\n', { readInclude: () => ({ path: '/self.zone', text: '$INCLUDE self.zone\n' }) });
    assert.deepEqual(codes(r.findings), ['zone-include-cycle']);
    let n = 0;
    const chain = parse('$TTL 60\n$INCLUDE next.zone\n', { readInclude: () => ({ path: `/f${n++}.zone`, text: '$INCLUDE next.zone\n' }) });
    assert.ok(codes(chain.findings).includes('zone-include-depth'));
  });

  test('unknown directive and wrong argument counts', () => {
    const r = parse('$FOO bar\n$ORIGIN\n$TTL 1 2\n');
    assert.deepEqual(codes(r.findings), ['zone-unknown-directive', 'zone-bad-directive', 'zone-bad-directive']);
  });
});

describe('zone parser: owner hashes', () => {
  test('the hash computed from the source equals the hash of the owner name, whatever its form', () => {
    const r = parse('$ORIGIN Example.COM.\n$TTL 60\n@ IN A 192.0.2.1\nwww IN A 192.0.2.2\n  IN AAAA 2001:db8::1\nAbs.Example.Net. IN A 192.0.2.3\n$ORIGIN .\nrootrel IN A 192.0.2.4\n');
    assert.equal(r.records.length, 5);
    for (const rec of r.records) assert.equal(rec.ownerHash, hashName(rec.owner), rec.owner);
    assert.equal(hashName('WWW.example.com.'), hashName('www.EXAMPLE.com.'));
  });
});
