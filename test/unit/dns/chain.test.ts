import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveChain, MAX_CHAIN_LENGTH } from '../../../src/core/dns/chain';
import { fakeResolver, rr, txt } from './fakeResolver';

void describe('resolveChain', () => {
  void it('returns records directly when the name is not an alias', async () => {
    const r = fakeResolver({ 'a.example TXT': { answers: [txt('a.example', 'hello')] } });
    const c = await resolveChain(r, 'a.example', 'TXT');
    assert.deepEqual(c.chain, []);
    assert.equal(c.finalName, 'a.example');
    assert.deepEqual(c.records.map((x) => x.data), [['hello']]);
  });

  void it('asks again for the target when the answer holds only the CNAME', async () => {
    const r = fakeResolver({
      's._domainkey.example.com TXT': { answers: [rr('s._domainkey.example.com', 'CNAME', 'hop.provider.example.', 600)] },
      'hop.provider.example TXT': { answers: [txt('hop.provider.example', 'v=DKIM1; p=AB')] },
    });
    const c = await resolveChain(r, 's._domainkey.example.com', 'TXT');
    assert.deepEqual(r.asked, ['s._domainkey.example.com TXT', 'hop.provider.example TXT']);
    assert.deepEqual(c.chain, [{ name: 's._domainkey.example.com', target: 'hop.provider.example', ttl: 600, server: '192.0.2.53:53' }]);
    assert.deepEqual(c.records.map((x) => x.data), [['v=DKIM1; p=AB']]);
  });

  void it('uses a chain given in one answer and ignores records of other owners', async () => {
    const r = fakeResolver({
      'a.example A': { answers: [rr('a.example', 'CNAME', 'b.example'), rr('b.example', 'CNAME', 'c.example'), rr('c.example', 'A', '192.0.2.1'), rr('evil.example', 'A', '203.0.113.1')] },
    });
    const c = await resolveChain(r, 'a.example', 'A');
    assert.equal(r.asked.length, 1);
    assert.deepEqual(c.chain.map((s) => s.target), ['b.example', 'c.example']);
    assert.deepEqual(c.records.map((x) => x.data), ['192.0.2.1']);
  });

  void it('stops at NXDOMAIN at the end of a chain', async () => {
    const r = fakeResolver({ 'a.example TXT': { answers: [rr('a.example', 'CNAME', 'gone.example')] } });
    const c = await resolveChain(r, 'a.example', 'TXT');
    assert.equal(c.rcode, 'NXDOMAIN');
    assert.equal(c.finalName, 'gone.example');
    assert.deepEqual(c.records, []);
  });

  void it('detects loops across answers and shows the path', async () => {
    const r = fakeResolver({
      'a.example TXT': { answers: [rr('a.example', 'CNAME', 'b.example')] },
      'b.example TXT': { answers: [rr('b.example', 'CNAME', 'a.example')] },
    });
    const c = await resolveChain(r, 'a.example', 'TXT');
    assert.equal(c.problem?.code, 'cname-loop');
    assert.equal(c.problem?.message, 'CNAME loop: a.example → b.example → a.example.');
  });

  void it('gives up on chains longer than the limit', async () => {
    const table: Record<string, { answers: ReturnType<typeof rr>[] }> = {};
    for (let i = 0; i < 20; i++) table[`n${i}.example TXT`] = { answers: [rr(`n${i}.example`, 'CNAME', `n${i + 1}.example`)] };
    const c = await resolveChain(fakeResolver(table), 'n0.example', 'TXT');
    assert.equal(c.problem?.code, 'cname-chain-too-long');
    assert.equal(c.chain.length, MAX_CHAIN_LENGTH + 1);
  });

  void it('does not chase when asked for the CNAME itself', async () => {
    const r = fakeResolver({ 'a.example CNAME': { answers: [rr('a.example', 'CNAME', 'b.example')] } });
    const c = await resolveChain(r, 'a.example', 'CNAME');
    assert.equal(r.asked.length, 1);
    assert.deepEqual(c.records.map((x) => x.data), ['b.example']);
  });
});
