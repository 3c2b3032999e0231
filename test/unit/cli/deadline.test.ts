import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeadline } from '../../../src/cli/dnsOptions';
import { DEFAULT_CHECK_DEADLINE_S, withDeadline } from '../../../src/core/dns/deadline';
import { DnsError } from '../../../src/core/dns/types';
import type { Resolver } from '../../../src/core/dns/resolver';

void describe('--deadline and the check deadline', () => {
  void it('reads whole seconds from 1 to 3600, 30 by default, and refuses anything else in words', () => {
    assert.equal(parseDeadline(undefined), DEFAULT_CHECK_DEADLINE_S);
    assert.equal(parseDeadline('5'), 5);
    for (const bad of ['0', '-1', '1.5', 'x', '3601']) assert.throws(() => parseDeadline(bad), /--deadline must be a number of seconds from 1 to 3600/);
  });

  void it('ends pending and later queries with EDEADLINE once the time is up, counted from the first query', async () => {
    // a resolver that answers only when cancelled, with the signal's reason
    const hanging: Resolver = {
      servers: ['192.0.2.53:53'],
      query: (_name, _type, options) => new Promise((_resolve, reject) => {
        if (options?.signal?.aborted) return reject(options.signal.reason);
        options?.signal?.addEventListener('abort', () => reject(options.signal!.reason), { once: true });
      }),
    };
    const r = withDeadline(hanging, 1);
    // the deadline's timer does not hold the process open (a real query's socket does): hold it here
    const hold = setTimeout(() => undefined, 5000);
    const started = Date.now();
    await assert.rejects(r.query('a.example', 'TXT'), (e: unknown) => e instanceof DnsError && e.code === 'EDEADLINE' && /deadline of 1 s/.test(e.message));
    assert.ok(Date.now() - started >= 900 && Date.now() - started < 3000);
    const later = Date.now();
    await assert.rejects(r.query('b.example', 'A'), (e: unknown) => e instanceof DnsError && e.code === 'EDEADLINE');
    assert.ok(Date.now() - later < 200, 'a query after the deadline ends at once');
    clearTimeout(hold);
  });
});
