import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mailauthResolver, type MailauthLookup } from '../../../src/core/dns/mailauthResolver';
import { fakeResolver, rr, txt } from './fakeResolver';

const table = {
  'k._domainkey.example.com TXT': { answers: [rr('k._domainkey.example.com', 'CNAME', 'hop.example.net')] },
  'hop.example.net TXT': { answers: [txt('hop.example.net', 'v=DKIM1; ', 'p=AB')] },
  'example.com MX': { answers: [rr('example.com', 'MX', { preference: 10, exchange: 'mx1.example.com' }), rr('example.com', 'MX', { preference: 20, exchange: 'mx2.example.com' })] },
  'example.org MX': { answers: [rr('example.org', 'MX', { preference: 0, exchange: '.' })] },
  'mx1.example.com A': { answers: [rr('mx1.example.com', 'A', '192.0.2.10')] },
  'nodata.example.com TXT': {},
  'fail.example.com TXT': { rcode: 'SERVFAIL' as const },
  'refused.example.com TXT': { rcode: 'REFUSED' as const },
  'slow.example.com TXT': { timeout: true },
};

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as { code: string }).code;
  }
}

void describe('mailauthResolver', () => {
  const log: MailauthLookup[] = [];
  const resolve = mailauthResolver(fakeResolver(table), { onLookup: (l) => log.push(l) });

  void it('returns TXT as string[][] after chasing a CNAME that came alone', async () => {
    assert.deepEqual(await resolve('k._domainkey.example.com', 'TXT'), [['v=DKIM1; ', 'p=AB']]);
    const entry = log.find((l) => l.name === 'k._domainkey.example.com')!;
    assert.equal(entry.result!.chain[0]!.target, 'hop.example.net');
  });

  void it('returns MX as {exchange, priority}, a null MX with an empty exchange', async () => {
    assert.deepEqual(await resolve('example.com', 'MX'), [{ exchange: 'mx1.example.com', priority: 10 }, { exchange: 'mx2.example.com', priority: 20 }]);
    assert.deepEqual(await resolve('example.org', 'MX'), [{ exchange: '', priority: 0 }]);
  });

  void it('returns addresses as string[]', async () => {
    assert.deepEqual(await resolve('mx1.example.com', 'A'), ['192.0.2.10']);
  });

  void it('throws the codes mailauth maps to none/void, temperror', async () => {
    assert.equal(await code(resolve('absent.example.com', 'TXT')), 'ENOTFOUND');
    assert.equal(await code(resolve('nodata.example.com', 'TXT')), 'ENODATA');
    assert.equal(await code(resolve('fail.example.com', 'TXT')), 'ESERVFAIL');
    assert.equal(await code(resolve('refused.example.com', 'TXT')), 'EREFUSED');
    assert.equal(await code(resolve('slow.example.com', 'TXT')), 'ETIMEOUT');
    assert.equal(await code(resolve('example.com', 'SPF')), 'ENOTIMP');
  });

  void it('logs the code thrown for every lookup', () => {
    assert.equal(log.find((l) => l.name === 'nodata.example.com')?.error, 'ENODATA');
    assert.equal(log.find((l) => l.name === 'slow.example.com')?.error, 'ETIMEOUT');
  });
});
