import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandMacroString, queryName, type MacroValues } from '../../../src/core/mailrecords/spfExpand';
import { dottedForm, inNetwork, ipText, parseIp, parseNetwork, reverseName } from '../../../src/core/net/ipBytes';

const v4: MacroValues = { s: 'strong-bad@email.example.com', l: 'strong-bad', o: 'email.example.com', d: 'email.example.com', i: '192.0.2.3', v: 'in-addr', h: 'mx.example.org', c: '192.0.2.3', r: 'receiver.example', t: '1700000000' };

void describe('SPF macro expansion', () => {
  void it('gives the expansions of RFC 7208 §7.4', () => {
    const cases: [string, string][] = [
      ['%{s}', 'strong-bad@email.example.com'], ['%{o}', 'email.example.com'], ['%{d}', 'email.example.com'], ['%{d4}', 'email.example.com'],
      ['%{d3}', 'email.example.com'], ['%{d2}', 'example.com'], ['%{d1}', 'com'], ['%{dr}', 'com.example.email'], ['%{d2r}', 'example.email'],
      ['%{l}', 'strong-bad'], ['%{l-}', 'strong.bad'], ['%{lr}', 'strong-bad'], ['%{lr-}', 'bad.strong'], ['%{l1r-}', 'strong'],
      ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'], ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
      ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
      ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
      ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
    ];
    for (const [macro, expected] of cases) assert.equal(expandMacroString(macro, v4, false), expected, macro);
    const ip = parseIp('2001:db8::cb01')!;
    const v6 = { ...v4, i: dottedForm(ip), v: 'ip6' };
    assert.equal(expandMacroString('%{ir}.%{v}._spf.%{d2}', v6, false), '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com');
  });

  void it('escapes, URL-encodes upper-case letters, keeps c/r/t for explanations, rejects bad syntax', () => {
    assert.equal(expandMacroString('%%%_%-', v4, true), '% %20');
    assert.equal(expandMacroString('%{S}', { ...v4, s: 'a b@x' }, false), 'a%20b%40x');
    assert.equal(expandMacroString('%{c} %{r} %{t}', v4, true), '192.0.2.3 receiver.example 1700000000');
    assert.equal(expandMacroString('%{c}', v4, false), undefined);
    for (const bad of ['%{d0}', '%{x}', '%{d', '%a', 'a b', 'caf\u00e9', '%{d\u2028}']) assert.equal(expandMacroString(bad, v4, false), undefined, bad);
    assert.equal(expandMacroString('%{p}', v4, false, 'mx.example.org'), 'mx.example.org');
  });
});

void describe('names for queries (RFC 7208 §4.3, §7.3)', () => {
  void it('drops labels from the left beyond 253 octets, keeping as many as fit', () => {
    const q = queryName(`${'a.'.repeat(200)}example.com`);
    assert.ok('name' in q);
    assert.ok(q.name.length <= 253 && q.name.length >= 252, String(q.name.length));
    assert.ok(q.name.endsWith('.example.com'));
    assert.deepEqual(queryName('abc.example.com.'), { name: 'abc.example.com' });
  });
  void it('judges empty and over-long labels locally', () => {
    assert.ok('invalid' in queryName('a..example.com'));
    assert.ok('invalid' in queryName(`${'x'.repeat(64)}.example.com`));
    assert.ok('invalid' in queryName(''));
  });
});

void describe('IP bytes', () => {
  void it('parses, folds IPv4-mapped IPv6, matches prefixes, prints RFC 5952 text and reverse names', () => {
    assert.equal(parseIp('::ffff:192.0.2.1')!.version, 4);
    assert.ok(inNetwork(parseIp('192.0.2.200')!, parseNetwork('192.0.2.0', 4)!, 24));
    assert.ok(!inNetwork(parseIp('192.0.3.1')!, parseNetwork('192.0.2.0', 4)!, 24));
    assert.ok(inNetwork(parseIp('2001:db8:1::25')!, parseNetwork('2001:db8:1::', 6)!, 48));
    assert.ok(inNetwork(parseIp('2001:db8:ffff::1')!, parseNetwork('2001:db8::', 6)!, 33) === false);
    assert.ok(inNetwork(parseIp('203.0.113.9')!, parseNetwork('0.0.0.0', 4)!, 0));
    assert.equal(ipText(parseIp('2001:DB8:0:0:1:0:0:1')!), '2001:db8::1:0:0:1');
    assert.equal(ipText(parseIp('CAFE:BABE::1')!), 'cafe:babe::1');
    assert.equal(reverseName(parseIp('192.0.2.3')!), '3.2.0.192.in-addr.arpa');
    assert.equal(parseIp('192.0.2.256'), undefined);
  });
});
