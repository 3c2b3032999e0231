import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSelectorList, checkServerList, domainProblem, ipProblem, normalizeIp, parseSelectorInput, selectorProblem, senderProblem } from '../../../src/core/checks/inputs';

void describe('input validation before querying', () => {
  void it('accepts domains, internationalised ones included, and says what is wrong with the rest', () => {
    assert.equal(domainProblem('example.com'), undefined);
    assert.equal(domainProblem('Bücher.example.'), undefined);
    assert.match(domainProblem('')!, /empty/);
    assert.match(domainProblem('alice@example.com')!, /not a domain name/);
    assert.match(domainProblem('https://example.com/')!, /not a domain name/);
    assert.match(domainProblem('a..example.com')!, /empty label/);
    assert.match(domainProblem(`${'x'.repeat(64)}.com`)!, /over 63/);
  });

  void it('reads a selector, several, or "discover"', () => {
    assert.deepEqual(parseSelectorInput(' selector1 '), { discover: false, selectors: ['selector1'] });
    assert.deepEqual(parseSelectorInput('s1, s2 s1'), { discover: false, selectors: ['s1', 's2'] });
    assert.deepEqual(parseSelectorInput('Discover'), { discover: true });
    assert.deepEqual(parseSelectorInput('2024.q1'), { discover: false, selectors: ['2024.q1'] });
  });

  void it('rejects selectors typed with the _domainkey name, and empty input', () => {
    assert.match(selectorProblem('mail._domainkey.example.com')!, /without "\._domainkey"/);
    assert.match(selectorProblem('')!, /Type a selector/);
    assert.match(selectorProblem('bad/selector')!, /not a DKIM selector/);
    assert.equal(selectorProblem('google'), undefined);
  });

  void it('checks IP addresses, with brackets allowed around IPv6, empty allowed when optional', () => {
    assert.equal(ipProblem('192.0.2.7'), undefined);
    assert.equal(ipProblem('[2001:db8::1]'), undefined);
    assert.equal(normalizeIp(' [2001:db8::1] '), '2001:db8::1');
    assert.equal(ipProblem('', true), undefined);
    assert.match(ipProblem('')!, /Type an IPv4 or IPv6 address/);
    assert.match(ipProblem('192.0.2.300')!, /not an IPv4 address/);
    assert.match(ipProblem('mail.example.com')!, /not its name/);
  });

  void it('checks sender addresses', () => {
    assert.equal(senderProblem('alice@example.com'), undefined);
    assert.equal(senderProblem('<alice@example.com>'), undefined);
    assert.equal(senderProblem('mail.example.com'), undefined, 'a bare domain is the HELO identity');
    assert.equal(senderProblem('', true), undefined);
    assert.match(senderProblem('alice@')!, /domain of the sender/);
    assert.match(senderProblem('@example.com')!, /not a sender address/);
  });

  void it('parses a server list setting and reports each bad entry without dropping the good ones', () => {
    const r = checkServerList(['127.0.0.1:5353', '[::1]:53', 'dns.example.com', 42, '10.0.0.1:99999']);
    assert.deepEqual(r.servers.map((s) => [s.address, s.port, s.family]), [['127.0.0.1', 5353, 4], ['::1', 53, 6]]);
    assert.equal(r.problems.length, 3);
    assert.match(r.problems[0]!, /host names cannot be used/);
    assert.match(r.problems[1]!, /write it as a string/);
    assert.match(r.problems[2]!, /port '99999'/);
    assert.deepEqual(checkServerList([]), { servers: [], problems: [] });
    assert.match(checkServerList('127.0.0.1').problems[0]!, /must be a list/);
  });

  void it('keeps the valid selectors of a setting and names the invalid ones', () => {
    assert.deepEqual(checkSelectorList(['google', ' k1 ', 'google', 'bad sel', 3]), { selectors: ['google', 'k1'], problems: ['"bad sel" is not a DKIM selector (letters, digits, - and _, in dot-separated labels).', '3 is not a DKIM selector (letters, digits, - and _, in dot-separated labels).'] });
  });
});
