import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { checkDkim, discoverDkim } from '../../../src/core/checks/dkim';
import { checkSpf } from '../../../src/core/checks/spf';
import { checkDomain } from '../../../src/core/checks/domain';
import type { NamedInstance } from '../harness';

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

/** DKIM and SPF checks on the test zones. */
export function mailChecksSuite(named: () => NamedInstance): void {
  void describe('DKIM and SPF checks against named', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });

    void it('joins a multi-string DKIM key and reads its size', async () => {
      const r = await checkDkim(resolver(), 'example.com', 'mail2024');
      assert.equal(r.verdict, 'pass');
      assert.equal(r.parsed!.strings.length, 3);
      assert.equal(r.parsed!.record, r.parsed!.strings.join(''));
      assert.equal(r.parsed!.key.keyBits, 2048);
      assert.equal(r.parsed!.key.keyType, 'rsa');
      assert.equal(r.dns[0]!.records[0]!.ttl, 3600);
    });

    void it('follows the CNAME to a key in another zone and shows the chain', async () => {
      const r = await checkDkim(resolver(), 'example.com', 'safemail');
      assert.equal(r.verdict, 'pass');
      assert.equal(r.parsed!.finalName, 'safemailhop.example.net');
      assert.deepEqual(r.dns[0]!.chain.map((s) => [s.name, s.target]), [['safemail._domainkey.example.com', 'safemailhop.example.net']]);
      assert.match(r.summary, /2048-bit RSA key .* via CNAME safemailhop\.example\.net/);
    });

    void it('reports an Ed25519 key, a weak key in testing mode and a revoked key with the validator\'s codes', async () => {
      const ed = await checkDkim(resolver(), 'example.com', 'ed');
      assert.equal(ed.parsed!.key.keyType, 'ed25519');
      assert.equal(ed.verdict, 'pass');
      const weak = await checkDkim(resolver(), 'example.com', 'weak');
      assert.equal(weak.parsed!.key.keyBits, 1024);
      assert.ok(codes(weak).includes('dkim-testing'));
      assert.ok(codes(weak).includes('dkim-key-weak'), codes(weak).join());
      const old = await checkDkim(resolver(), 'example.com', 'old');
      assert.equal(old.parsed!.key.revoked, true);
      assert.ok(codes(old).includes('dkim-revoked'));
    });

    void it('fails a missing selector and a CNAME loop', async () => {
      const none = await checkDkim(resolver(), 'example.com', 'nosuchselector');
      assert.deepEqual(codes(none), ['dkim-record-missing']);
      assert.equal(none.verdict, 'fail');
      const loop = await checkDkim(resolver(), 'example.com', 'loop1');
      assert.deepEqual(codes(loop), ['dns-cname-loop']);
      assert.equal(loop.verdict, 'error');
    });

    void it('discovers common selectors in parallel', async () => {
      const r = await discoverDkim(resolver(), 'example.com');
      assert.deepEqual(r.parsed!.found.map((f) => f.parsed!.selector), ['selector1']);
      assert.equal(r.verdict, 'pass');
      const none = await discoverDkim(resolver(), 'example.org');
      assert.deepEqual(codes(none), ['dkim-no-selector-found']);
    });

    void it('expands SPF includes across zones, counts 5 lookups, lists the authorised ranges', async () => {
      const r = await checkSpf(resolver(), 'example.com');
      assert.equal(r.verdict, 'pass', JSON.stringify(r.findings));
      assert.equal(r.parsed!.lookups, 5);
      assert.deepEqual(r.parsed!.authorized.map((x) => x.range), ['192.0.2.0/24', '192.0.2.10', '2001:db8::10', '192.0.2.11', '198.51.100.0/24', '2001:db8:1::/48', '203.0.113.0/24']);
      const net = r.parsed!.authorized.find((x) => x.range === '203.0.113.0/24')!;
      assert.deepEqual(net.path, ['example.com', '_spf.example.net']);
    });

    void it('fails the chain over the lookup limit, the include loop and the void lookups', async () => {
      const many = await checkSpf(resolver(), 'toomany.example.com');
      // counted as a receiver does, in order, stopping at the 11th: the rest is not evaluated
      assert.equal(many.parsed!.lookups, 11);
      assert.deepEqual(codes(many), ['spf-lookup-limit']);
      assert.equal(many.parsed!.otherServers.result, 'permerror');
      assert.match(many.findings[0]!.message, /mx:example\.com in the record of t3\.example\.com would be lookup 11/);
      const loop = await checkSpf(resolver(), 'loop.example.com');
      assert.deepEqual(codes(loop), ['spf-include-loop']);
      assert.match(loop.findings[0]!.message, /loop\.example\.com → loop2\.example\.com → loop\.example\.com/);
      const v = await checkSpf(resolver(), 'void.example.com');
      assert.deepEqual(codes(v), ['spf-too-many-void-lookups', 'spf-void-lookup', 'spf-void-lookup', 'spf-void-lookup']);
      assert.deepEqual(v.parsed!.voids.map((x) => x.term), ['a:nx1.example.com', 'mx:nomx.example.com', 'exists:nx3.example.com']);
    });

    void it('reports +all, ptr and two SPF records with the validator\'s codes', async () => {
      const open = await checkSpf(resolver(), 'open.example.com');
      assert.ok(codes(open).includes('spf-plus-all'));
      assert.ok(codes(open).includes('spf-ptr'));
      const multi = await checkSpf(resolver(), 'multi.example.com');
      assert.deepEqual(codes(multi), ['spf-multiple-records']);
      assert.equal(multi.verdict, 'fail');
    });

    void it('evaluates an address with the same engine, over our resolver', async () => {
      const pass = await checkSpf(resolver(), 'example.com', { ip: '2001:db8:1::25', sender: 'alice@example.com' });
      assert.equal(pass.parsed!.evaluation!.result, 'pass');
      const fail = await checkSpf(resolver(), 'example.com', { ip: '192.0.0.9' });
      assert.equal(fail.parsed!.evaluation!.result, 'fail');
      assert.ok(codes(fail).includes('spf-ip-not-permitted'));
      assert.equal(fail.verdict, 'fail');
      // three void lookups: permerror for this client as for every other
      const voids = await checkSpf(resolver(), 'void.example.com', { ip: '192.0.0.9' });
      assert.equal(voids.parsed!.evaluation!.result, 'permerror');
    });

    void it('checks a whole domain with DKIM discovery and the given selectors', async () => {
      const r = await checkDomain(resolver(), 'example.com', { selectors: ['mail2024', 'safemail'] });
      assert.deepEqual(r.results.map((x) => x.check), ['spf', 'dkim', 'dkim', 'dmarc', 'mx', 'mta-sts', 'tls-rpt']);
      assert.equal(r.verdict, 'fail'); // mta-sts.example.com is not published
    });
  });
}
