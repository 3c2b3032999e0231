import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { checkResponse, encodeQuery, encodeTcpQuery, rcodeWord } from '../../../src/core/dns/packet';

const q = { id: 4242, name: 'selector._domainkey.example.com', type: 'TXT' as const };

function response(over: Partial<dnsPacket.Packet> & { rcode?: number } = {}): Buffer {
  const { rcode = 0, ...rest } = over;
  return dnsPacket.encode({
    type: 'response',
    id: 4242,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | rcode,
    questions: [{ type: 'TXT', name: 'selector._domainkey.example.com', class: 'IN' }],
    answers: [{ type: 'TXT', name: 'selector._domainkey.example.com', ttl: 300, data: ['v=DKIM1; ', 'p=AAAA'] }],
    ...rest,
  });
}

void describe('encodeQuery', () => {
  void it('asks for recursion and advertises EDNS0 with a 1232-byte payload', () => {
    const p = dnsPacket.decode(encodeQuery(q));
    assert.equal(p.id, 4242);
    assert.equal(p.flag_rd, true);
    assert.deepEqual(p.questions, [{ name: q.name, type: 'TXT', class: 'IN' }]);
    const opt = p.additionals!.find((a) => a.type === 'OPT') as dnsPacket.OptAnswer;
    assert.equal(opt.udpPayloadSize, 1232);
  });

  void it('frames a TCP query with its length', () => {
    const b = encodeTcpQuery(q, 4096);
    assert.equal(b.readUInt16BE(0), b.length - 2);
    const opt = dnsPacket.decode(b.subarray(2)).additionals!.find((a) => a.type === 'OPT') as dnsPacket.OptAnswer;
    assert.equal(opt.udpPayloadSize, 4096);
  });
});

void describe('checkResponse', () => {
  void it('accepts the matching answer and keeps TXT strings apart', () => {
    const c = checkResponse(response(), q);
    assert.ok(c.ok);
    assert.equal(c.response.rcode, 'NOERROR');
    assert.equal(c.response.authoritative, true);
    assert.deepEqual(c.response.answers, [{ name: q.name, type: 'TXT', ttl: 300, data: ['v=DKIM1; ', 'p=AAAA'] }]);
  });

  void it('compares the question name case-insensitively', () => {
    const c = checkResponse(response({ questions: [{ type: 'TXT', name: 'SELECTOR._DomainKey.Example.COM', class: 'IN' }] }), q);
    assert.ok(c.ok);
  });

  void it('rejects a wrong id, name, type, class, a query, or garbage', () => {
    const reasons = [
      checkResponse(response({ id: 4243 }), q),
      checkResponse(response({ questions: [{ type: 'TXT', name: 'other.example.com' }] }), q),
      checkResponse(response({ questions: [{ type: 'A', name: q.name }] }), q),
      checkResponse(response({ questions: [{ type: 'TXT', name: q.name, class: 'CH' }] }), q),
      checkResponse(response({ questions: [] }), q),
      checkResponse(response({ type: 'query' }), q),
      checkResponse(Buffer.from([1, 2, 3]), q),
    ].map((c) => (c.ok ? 'accepted' : c.reason));
    assert.deepEqual(reasons.map((r) => r.split(' ').slice(0, 2).join(' ')), [
      'id 4243', 'question name', 'question type', 'question class', '0 questions', 'not a', 'undecodable packet',
    ]);
  });

  void it('reads rcodes in words and the truncation flag', () => {
    const nx = checkResponse(response({ rcode: 3, answers: [] }), q);
    assert.ok(nx.ok && nx.response.rcode === 'NXDOMAIN');
    const tc = checkResponse(response({ flags: dnsPacket.TRUNCATED_RESPONSE }), q);
    assert.ok(tc.ok && tc.response.truncated);
    assert.equal(rcodeWord(2), 'SERVFAIL');
    assert.equal(rcodeWord(5), 'REFUSED');
    assert.equal(rcodeWord(14), 'RCODE14');
  });

  void it('decodes MX (null MX included), SOA and unknown types', () => {
    const mq = { id: 7, name: 'example.org', type: 'MX' as const };
    const b = dnsPacket.encode({
      type: 'response', id: 7, questions: [{ type: 'MX', name: 'example.org' }],
      answers: [{ type: 'MX', name: 'example.org', ttl: 60, data: { preference: 0, exchange: '.' } }],
      authorities: [{ type: 'SOA', name: 'example.org', ttl: 60, data: { mname: 'ns1.example.org', rname: 'hostmaster.example.org', serial: 5, refresh: 1, retry: 2, expire: 3, minimum: 4 } }],
      additionals: [{ type: 'NULL', name: 'x.example.org', ttl: 1, data: Buffer.from([0xde, 0xad]) }],
    });
    const c = checkResponse(b, mq);
    assert.ok(c.ok);
    assert.deepEqual(c.response.answers[0]!.data, { preference: 0, exchange: '.' });
    assert.deepEqual(c.response.authorities[0]!.data, { mname: 'ns1.example.org', rname: 'hostmaster.example.org', serial: 5, refresh: 1, retry: 2, expire: 3, minimum: 4 });
  });
});
