import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { checkMx } from '../../../src/core/checks/mx';
import { checkMtaSts } from '../../../src/core/checks/mtaSts';
import { checkTlsRpt } from '../../../src/core/checks/tlsRpt';
import { checkDmarc } from '../../../src/core/checks/dmarc';
import type { NamedInstance } from '../harness';

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

export function domainChecksSuite(named: () => NamedInstance): void {
  void describe('MX, MTA-STS, TLS-RPT and DMARC checks against named', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });

    void it('lists exchangers by priority with their addresses and TTLs', async () => {
      const r = await checkMx(resolver(), 'example.com');
      assert.equal(r.verdict, 'pass');
      assert.deepEqual(r.parsed!.hosts.map((h) => [h.preference, h.exchange, h.addresses]), [
        [10, 'mx1.example.com', ['192.0.2.10', '2001:db8::10']],
        [20, 'mx2.example.com', ['192.0.2.11']],
      ]);
      const mx2a = r.dns.find((e) => e.name === 'mx2.example.com' && e.type === 'A')!;
      assert.equal(mx2a.records[0]!.ttl, 300);
      assert.equal(mx2a.servers[0], named().server);
    });

    void it('recognises a null MX', async () => {
      const r = await checkMx(resolver(), 'example.org');
      assert.equal(r.parsed!.nullMx, true);
      assert.deepEqual(codes(r), ['mx-null']);
      assert.equal(r.verdict, 'pass');
    });

    void it('warns about an MX target that is a CNAME and fails a target without address', async () => {
      const c = await checkMx(resolver(), 'cnamemx.example.org');
      assert.deepEqual(codes(c), ['mx-target-cname']);
      assert.equal(c.verdict, 'warn');
      assert.deepEqual(c.parsed!.hosts[0]!.addresses, ['192.0.2.40']);
      assert.equal(c.parsed!.hosts[0]!.cnameTarget, 'host.example.org');
      const d = await checkMx(resolver(), 'dangling.example.org');
      assert.deepEqual(codes(d), ['mx-target-no-address']);
      assert.equal(d.verdict, 'fail');
      assert.match(d.findings[0]!.message, /nowhere\.example\.org .* does not exist/);
    });

    void it('falls back to the implicit MX of a name with only an address', async () => {
      const r = await checkMx(resolver(), 'nomx.example.com');
      assert.deepEqual(codes(r), ['mx-missing']);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.deepEqual(r.parsed!.implicitAddresses, ['192.0.2.30']);
    });

    void it('says "could not check" when the zone is broken (SERVFAIL)', async () => {
      const r = await checkMx(resolver(), 'www.broken.test');
      assert.equal(r.verdict, 'error');
      assert.deepEqual(codes(r), ['dns-server-failure']);
      assert.match(r.findings[0]!.message, /SERVFAIL/);
    });

    void it('reads MTA-STS and TLS-RPT records', async () => {
      const sts = await checkMtaSts(resolver(), 'example.com');
      assert.equal(sts.parsed!.id, '20240101T000000');
      // mta-sts.example.com is not published in the test zone
      assert.deepEqual(codes(sts), ['mta-sts-host-missing']);
      const rpt = await checkTlsRpt(resolver(), 'example.com');
      assert.equal(rpt.verdict, 'pass');
      assert.deepEqual(rpt.parsed!.rua, ['mailto:tlsrpt@example.com']);
      const none = await checkTlsRpt(resolver(), 'example.org');
      assert.deepEqual(codes(none), ['tlsrpt-missing']);
    });

    void it('checks the DMARC record, authorised and unauthorised external report addresses', async () => {
      const r = await checkDmarc(resolver(), 'example.com');
      assert.equal(r.parsed!.source, 'domain');
      assert.equal(r.parsed!.effectivePolicy, 'reject');
      const dests = r.parsed!.destinations.map((x) => [x.uri, x.external, x.authorized]);
      assert.deepEqual(dests, [
        ['mailto:dmarc@example.com', false, undefined],
        ['mailto:agg@example.net', true, true],
        ['mailto:forensic@example.org', true, false],
      ]);
      assert.deepEqual(codes(r), ['dmarc-report-unauthorized']);
      assert.match(r.findings[0]!.message, /example\.com\._report\._dmarc\.example\.org/);
      assert.equal(r.verdict, 'warn');
      const ttl = r.dns.find((e) => e.name === '_dmarc.example.com')!.records[0]!.ttl;
      assert.equal(ttl, 600);
    });

    void it('accepts a wildcard report authorisation and explains p=none', async () => {
      const r = await checkDmarc(resolver(), 'example.org');
      assert.deepEqual(r.parsed!.destinations.map((x) => [x.domain, x.authorized]), [['reporter.test', true]]);
      assert.deepEqual(codes(r), ['dmarc-not-enforced']);
      assert.match(r.findings[0]!.message, /monitoring only/);
    });

    void it('falls back from a subdomain to the organisational domain and applies sp=', async () => {
      const r = await checkDmarc(resolver(), 'sub.example.com');
      assert.equal(r.parsed!.recordDomain, 'example.com');
      assert.equal(r.parsed!.source, 'organizational-domain');
      assert.equal(r.parsed!.policyTag, 'sp');
      assert.equal(r.parsed!.effectivePolicy, 'quarantine');
      assert.ok(codes(r).includes('dmarc-inherited'));
    });

    void it('takes the record with the fewest labels (RFC 9989 §4.10.2), not an intermediate one, as the PSL does too', async () => {
      const r = await checkDmarc(resolver(), 'x.dept.example.com');
      assert.equal(r.parsed!.recordDomain, 'example.com');
      assert.equal(r.parsed!.source, 'organizational-domain');
      assert.equal(r.parsed!.policyTag, 'sp');
      assert.ok(!codes(r).includes('dmarc-discovery-differs'));
      assert.deepEqual(r.dns.slice(0, 3).map((e) => e.name), ['_dmarc.x.dept.example.com', '_dmarc.dept.example.com', '_dmarc.example.com']);
    });

    void it('says when RFC 7489 (PSL) receivers find another record than the tree walk (psd=n)', async () => {
      const r = await checkDmarc(resolver(), 'x.team.fewest.example');
      assert.equal(r.parsed!.recordDomain, 'team.fewest.example');
      assert.ok(codes(r).includes('dmarc-discovery-differs'));
    });

    void it('fails a domain without any DMARC record', async () => {
      const r = await checkDmarc(resolver(), 'example.net');
      assert.deepEqual(codes(r), ['dmarc-record-missing']);
      assert.equal(r.verdict, 'fail');
    });
  });
}
