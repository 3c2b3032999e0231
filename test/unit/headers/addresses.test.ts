import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAddressList } from '../../../src/core/headers/addresses';

const parse = (v: string) => parseAddressList(v, (start, end) => ({ start, end }));
const pairs = (v: string) => parse(v).addresses.map((a) => [a.name, a.address]);

describe('parseAddressList', () => {
  it('reads display names, quoted strings with escapes and bare addresses', () => {
    assert.deepEqual(pairs('John Smith <john@example.com>'), [['John Smith', 'john@example.com']]);
    assert.deepEqual(pairs('"Smith, John \\"JS\\"" <john@example.com>'), [['Smith, John "JS"', 'john@example.com']]);
    assert.deepEqual(pairs('john@example.com'), [['', 'john@example.com']]);
    assert.deepEqual(pairs('<john@example.com>'), [['', 'john@example.com']]);
  });

  it('splits several addresses and ignores empty entries', () => {
    assert.deepEqual(pairs('a@example.com, "B, Bee" <b@example.com>,, c@example.com,'), [
      ['', 'a@example.com'],
      ['B, Bee', 'b@example.com'],
      ['', 'c@example.com'],
    ]);
  });

  it('keeps comments apart and uses a lone comment as the name (obsolete form)', () => {
    const r = parse('john@example.com (John Smith)');
    assert.equal(r.addresses[0]!.name, 'John Smith');
    assert.equal(r.addresses[0]!.address, 'john@example.com');
    const c = parse('John (the boss) <john@example.com> (work)').addresses[0]!;
    assert.equal(c.name, 'John');
    assert.deepEqual(c.comments, ['the boss', 'work']);
  });

  it('reads groups, including empty ones', () => {
    const r = parse('Team: a@example.com, b@example.com;, Undisclosed recipients:;');
    assert.deepEqual(
      r.addresses.map((a) => [a.group, a.address]),
      [
        ['Team', 'a@example.com'],
        ['Team', 'b@example.com'],
      ],
    );
    assert.equal(r.problems.length, 0);
  });

  it('drops an obsolete source route', () => {
    assert.deepEqual(pairs('<@relay1.example,@relay2.example:john@example.com>'), [['', 'john@example.com']]);
  });

  it('decodes encoded words in names, even inside quotes as mail clients do', () => {
    assert.deepEqual(pairs('=?UTF-8?Q?=C3=89lodie?= Durand <e@example.fr>'), [['Élodie Durand', 'e@example.fr']]);
    assert.deepEqual(pairs('"=?UTF-8?B?Y2VvQGNvbnRvc28uY29t?=" <x@example.net>'), [['ceo@contoso.com', 'x@example.net']]);
  });

  it('treats an encoded word carrying raw specials as one word', () => {
    const r = parse('=?UTF-8?Q?Eve=0D=0ABcc:_victim@contoso.com?= <eve@example.net>');
    assert.equal(r.addresses.length, 1);
    assert.equal(r.addresses[0]!.address, 'eve@example.net');
    assert.equal(r.addresses[0]!.name, 'Eve\r\nBcc: victim@contoso.com');
    assert.equal(r.addresses[0]!.group, null);
  });

  it('flags a second <address> in one entry as ambiguous instead of merging it', () => {
    const r = parse('Jean Dupont <jd@a.example> <x@b.example>');
    assert.equal(r.addresses[0]!.address, 'jd@a.example');
    assert.equal(r.problems[0]!.code, 'hdr-address-ambiguous');
  });

  it('keeps control characters in the address (nodemailer drops them)', () => {
    const r = parse('a@b.example\u0000d');
    assert.equal(r.addresses[0]!.address, 'a@b.example\u0000d');
  });

  it('reports entries that are not addresses, and unclosed quotes or brackets', () => {
    assert.equal(parse('Joe Foo, PhD <joe@example.com>').problems[0]!.code, 'hdr-address-invalid');
    assert.deepEqual(pairs('Joe Foo, PhD <joe@example.com>')[1], ['PhD', 'joe@example.com']);
    assert.match(parse('"Unclosed <a@example.com>').problems[0]!.message, /never closed/);
    assert.match(parse('Name <a@example.com').problems[0]!.message, /never closed/);
  });

  it('gives spans of the entry, the name and the address', () => {
    const v = 'Jane Roe <jane@example.com>, bob@example.org';
    const [a, b] = parse(v).addresses;
    assert.equal(v.slice(a!.span.start, a!.span.end), 'Jane Roe <jane@example.com>');
    assert.equal(v.slice(a!.nameSpan!.start, a!.nameSpan!.end), 'Jane Roe');
    assert.equal(v.slice(a!.addressSpan!.start, a!.addressSpan!.end), 'jane@example.com');
    assert.equal(v.slice(b!.addressSpan!.start, b!.addressSpan!.end), 'bob@example.org');
    assert.equal(b!.nameSpan, null);
  });

  it('lower-cases the domain and decodes punycode', () => {
    const a = parse('Billing <billing@XN--PYPAL-4VE.com>').addresses[0]!;
    assert.equal(a.domain, 'xn--pypal-4ve.com');
    assert.equal(a.domainUnicode, 'pаypal.com');
    assert.equal(a.local, 'billing');
  });
});
