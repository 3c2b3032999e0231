import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discoverDmarc, policyApplied, selectOrgDomain, type DmarcAt } from '../../../src/core/checks/dmarcDiscovery';
import { fakeResolver } from '../dns/fakeResolver';
import { parseDmarcRecord } from '../../../src/core/mailrecords';

const rec = (v: string) => parseDmarcRecord(v).record;
const at = (domain: string, v: string): DmarcAt => ({ domain, lookup: undefined as never, records: [v], record: v, parsed: rec(v) });

void describe('RFC 9989 policy rules, without DNS', () => {
  void it('§4.10.2: psd=n, one label below psd=y, else the fewest labels, else the domain itself', () => {
    assert.equal(selectOrgDomain('a.b.c.example', []), 'a.b.c.example');
    assert.equal(selectOrgDomain('a.b.c.example', [at('b.c.example', 'v=DMARC1; p=none'), at('c.example', 'v=DMARC1; p=none')]), 'c.example');
    assert.equal(selectOrgDomain('a.b.c.example', [at('b.c.example', 'v=DMARC1; p=none; psd=n'), at('c.example', 'v=DMARC1; p=none')]), 'b.c.example');
    assert.equal(selectOrgDomain('a.b.c.example', [at('c.example', 'v=DMARC1; p=none; psd=y')]), 'b.c.example');
    // the start domain's own psd=y does not make a label below it
    assert.equal(selectOrgDomain('c.example', [at('c.example', 'v=DMARC1; p=none; psd=y')]), 'c.example');
  });

  void it('§4.10.1: p= for the domain, np= for a name that does not exist, else sp=, else p=', () => {
    const r = rec('v=DMARC1; p=reject; sp=quarantine; np=none');
    assert.deepEqual([policyApplied(r, true, true).tag, policyApplied(r, true, true).policy], ['p', 'reject']);
    assert.deepEqual([policyApplied(r, false, true).tag, policyApplied(r, false, true).policy], ['sp', 'quarantine']);
    assert.deepEqual([policyApplied(r, false, false).tag, policyApplied(r, false, false).policy], ['np', 'none']);
    // existence unknown: the weaker of np= and sp=
    assert.equal(policyApplied(r, false, undefined).policy, 'none');
    assert.equal(policyApplied(rec('v=DMARC1; p=reject'), false, false).tag, 'p');
  });

  void it('§4.7 t=y one level lower; §4.10.1 invalid policy: p=none with a valid rua=, no DMARC without', () => {
    assert.equal(policyApplied(rec('v=DMARC1; p=reject; t=y'), true, true).policy, 'quarantine');
    assert.equal(policyApplied(rec('v=DMARC1; p=quarantine; t=y'), true, true).policy, 'none');
    assert.equal(policyApplied(rec('v=DMARC1; p=none; t=y'), true, true).policy, 'none');
    assert.deepEqual(policyApplied(rec('v=DMARC1; p=block; rua=mailto:a@example.com'), true, true), { policy: 'none', published: 'none', tag: 'p', testing: false, invalidPolicy: 'p' });
    assert.equal(policyApplied(rec('v=DMARC1; p=block'), true, true).policy, 'no-dmarc');
    assert.equal(policyApplied(rec('v=DMARC1; rua=mailto:a@example.com'), true, true).policy, 'none');
    assert.equal(policyApplied(rec('v=DMARC1; p=reject; np=bogus'), false, false).policy, 'no-dmarc');
    assert.equal(policyApplied(rec('v=DMARC1; p=reject; sp=bogus; rua=mailto:a@example.com'), false, true).policy, 'none');
    assert.equal(policyApplied(rec('v=DMARC1; p=REJECT'), true, true).policy, 'reject');
  });

  void it('asks no _dmarc name that cannot exist (over 253 octets): the walk goes on above it', async () => {
    const d = `${Array.from({ length: 5 }, () => 'a'.repeat(49)).join('.')}.example.com`;
    const resolver = fakeResolver({});
    const r = await discoverDmarc(resolver, d);
    assert.ok(r.asked.every((a) => `_dmarc.${a.domain}`.length <= 253));
    assert.ok(resolver.asked.every((q) => q.split(' ')[0]!.length <= 253), resolver.asked.join('\n'));
    assert.deepEqual(r.asked.map((a) => a.domain).slice(-2), ['example.com', 'com']);
  });
});
