import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver, withCache } from '../../../src/core/dns/resolver';
import type { ExchangeFn } from '../../../src/core/dns/transport';
import { DnsError, formatServer, type Rcode } from '../../../src/core/dns/types';

const s1 = { address: '192.0.2.1', port: 53, family: 4 as const };
const s2 = { address: '2001:db8::2', port: 5353, family: 6 as const };

function scripted(outcomes: Record<string, Rcode | DnsError>): { fn: ExchangeFn; calls: string[] } {
  const calls: string[] = [];
  const fn: ExchangeFn = async (server, name) => {
    calls.push(`${formatServer(server)} ${name}`);
    const o = outcomes[formatServer(server)]!;
    if (o instanceof DnsError) throw o;
    return { response: { id: 1, rcode: o, truncated: false, authoritative: false, answers: [], authorities: [] }, transport: 'udp', elapsedMs: 3, ignored: 0 };
  };
  return { fn, calls };
}

void describe('createResolver', () => {
  void it('needs at least one server', () => {
    assert.throws(() => createResolver({ servers: [] }), /No DNS server to ask/);
  });

  void it('returns the first usable answer, NXDOMAIN included', async () => {
    const { fn, calls } = scripted({ '192.0.2.1:53': 'NXDOMAIN', '[2001:db8::2]:5353': 'NOERROR' });
    const r = await createResolver({ servers: [s1, s2], exchange: fn }).query('x.example', 'A');
    assert.equal(r.rcode, 'NXDOMAIN');
    assert.equal(r.server, '192.0.2.1:53');
    assert.deepEqual(calls, ['192.0.2.1:53 x.example']);
  });

  void it('moves on after SERVFAIL, REFUSED or a timeout and lists what it skipped', async () => {
    for (const first of ['SERVFAIL', 'REFUSED', new DnsError('ETIMEOUT', '192.0.2.1:53 did not answer')] as const) {
      const { fn } = scripted({ '192.0.2.1:53': first, '[2001:db8::2]:5353': 'NOERROR' });
      const r = await createResolver({ servers: [s1, s2], exchange: fn }).query('x.example', 'A');
      assert.equal(r.server, '[2001:db8::2]:5353');
      assert.equal(r.skipped.length, 1);
      assert.equal(r.skipped[0]!.server, '192.0.2.1:53');
    }
  });

  void it('returns the last SERVFAIL when every server fails that way', async () => {
    const { fn } = scripted({ '192.0.2.1:53': 'SERVFAIL', '[2001:db8::2]:5353': new DnsError('ETIMEOUT', 'no answer') });
    const r = await createResolver({ servers: [s1, s2], exchange: fn }).query('x.example', 'A');
    assert.equal(r.rcode, 'SERVFAIL');
    assert.deepEqual(r.skipped, [{ server: '[2001:db8::2]:5353', reason: 'no answer' }]);
  });

  void it('throws a DnsError naming every server when none answered', async () => {
    const { fn } = scripted({ '192.0.2.1:53': new DnsError('ETIMEOUT', 'a timed out'), '[2001:db8::2]:5353': new DnsError('ECONNREFUSED', 'b refused') });
    await assert.rejects(createResolver({ servers: [s1, s2], exchange: fn }).query('x.example', 'A'), (e: unknown) =>
      e instanceof DnsError && e.code === 'ECONNREFUSED' && /192\.0\.2\.1:53: a timed out; \[2001:db8::2\]:5353: b refused/.test(e.message) && e.tried.length === 2);
  });

  void it('does not swallow cancellation', async () => {
    const fn: ExchangeFn = async () => {
      throw new DOMException('cancelled', 'AbortError');
    };
    await assert.rejects(createResolver({ servers: [s1, s2], exchange: fn }).query('x.example', 'A'), { name: 'AbortError' });
  });
});

void describe('withCache', () => {
  void it('asks once per name and type, case-insensitively, and retries failures', async () => {
    let n = 0;
    let fail = true;
    const fn: ExchangeFn = async () => {
      n++;
      if (fail) {
        fail = false;
        throw new DnsError('ETIMEOUT', 'timeout');
      }
      return { response: { id: 1, rcode: 'NOERROR', truncated: false, authoritative: false, answers: [], authorities: [] }, transport: 'udp', elapsedMs: 1, ignored: 0 };
    };
    const r = withCache(createResolver({ servers: [s1], exchange: fn }));
    await assert.rejects(r.query('a.example', 'A'));
    await r.query('a.example', 'A');
    await r.query('A.Example.', 'A');
    await r.query('a.example', 'AAAA');
    assert.equal(n, 3);
  });
});
