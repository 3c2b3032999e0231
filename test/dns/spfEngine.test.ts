/**
 * The SPF engine against a real named (a zone generated here) and a misbehaving server in
 * front of it (faultyProxy.ts): syntax errors are permerror in the verdict as in the
 * findings; the limits of RFC 7208 §4.6.4 bound the queries of hostile policies (issue 11
 * reproducers); names that cannot exist are judged locally, never sent; null sender and
 * HELO identity; U+2028 in a TXT record; huge answers over TCP; answers with wrong ids;
 * answers dripped just inside the timeout, cut by the check's deadline. Each case has its
 * expected verdict and a time bound.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startNamed, type NamedInstance } from './harness';
import { startFaultyProxy, type Faults, type FaultyProxy } from './faultyProxy';
import { createResolver, withCache, type Resolver } from '../../src/core/dns/resolver';
import { withDeadline } from '../../src/core/dns/deadline';
import { checkSpf } from '../../src/core/checks/spf';
import { checkDomain } from '../../src/core/checks/domain';
import { evaluateSpf } from '../../src/core/checks/spfEngine';
import { runCli } from '../../src/cli/run';
import { fakeIo } from '../unit/cli/fakeIo';

/** TXT rdata in master-file syntax: split in 255-octet strings, non-ASCII as \DDD. */
function txt(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 255) {
    let s = '';
    for (const b of bytes.subarray(i, i + 255)) s += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`;
    parts.push(`"${s}"`);
  }
  return parts.join(' ');
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function zoneText(): string {
  const lines = [
    '$ORIGIN spf.test.', '$TTL 60', '@ IN SOA ns hostmaster 1 3600 600 86400 60', '@ IN NS ns', 'ns IN A 127.0.0.1',
    // syntax errors: permerror in the evaluation too
    `ip6-bare IN TXT ${txt('v=spf1 -all ip6')}`,
    `exp-all IN TXT ${txt('v=spf1 -all exp=-all')}`,
    `exp-twice IN TXT ${txt('v=spf1 -all exp=e.spf.test exp=e.spf.test')}`,
    `exp-macro IN TXT ${txt('v=spf1 -all exp=%{z}.spf.test')}`,
    `exp-u2028 IN TXT ${txt('v=spf1 -all exp=%{d\u2028}.spf.test')}`,
    `u2028 IN TXT ${txt('v=spf1 include:%{d\u2028}.spf.test -all')}`,
    `u2029 IN TXT ${txt('v=spf1 ip4:192.0.2.1 exists:%{i\u2029}.spf.test -all')}`,
    'e IN TXT "explained"',
    // floods (issue 11): one record with 2,000 a: terms; 60 records with 100 mx: terms each
    `flood-a IN TXT ${txt(`v=spf1 ${range(2000).map((i) => `a:h${i}.spf.test`).join(' ')} -all`)}`,
    ...range(2000).map((i) => `h${i} IN A 198.51.100.${i % 250}`),
    ...range(60).map((r) => `mx${r} IN TXT ${txt(`v=spf1 ${range(100).map((i) => `mx:m${i}.spf.test`).join(' ')} include:mx${r + 1}.spf.test -all`)}`),
    ...range(100).map((i) => `m${i} IN MX 10 mail${i}`),
    ...range(100).map((i) => `mail${i} IN A 203.0.113.${i}`),
    // 11 MX names: over the limit of 10 per mx
    `mx-eleven IN TXT ${txt('v=spf1 mx -all')}`,
    ...range(11).map((i) => `mx-eleven IN MX ${i} mail${i}`),
    // a record too big for UDP (BIND truncates at 1232 octets): the client must ask over TCP
    `huge IN TXT ${txt(`v=spf1 ${range(200).map((i) => `ip4:198.51.${i}.0/24`).join(' ')} ip4:192.0.2.200 -all`)}`,
    // HELO identity and macros
    `helo IN TXT ${txt('v=spf1 ip4:192.0.2.25 -all')}`,
    `hmacro IN TXT ${txt('v=spf1 exists:%{h}.spf.test -all')}`,
    // plain, and a chain of includes for the drip
    `plain IN TXT ${txt('v=spf1 ip4:192.0.2.1 -all')}`,
    ...range(6).map((i) => `drip${i} IN TXT ${txt(`v=spf1 include:drip${i + 1}.spf.test -all`)}`),
    `drip6 IN TXT ${txt('v=spf1 ip4:192.0.2.1 -all')}`,
  ];
  return lines.join('\n') + '\n';
}

void describe('SPF engine against named and a misbehaving server', { skip: skipReason() }, () => {
  let named: NamedInstance | undefined;
  const proxies: FaultyProxy[] = [];
  before(async () => {
    named = await startNamed(null, { zones: [{ name: 'spf.test', text: zoneText() }], probe: 'spf.test' });
  });
  after(async () => {
    for (const p of proxies) await p.close();
    await named?.stop();
  });
  const proxy = async (faults: Faults = {}): Promise<{ p: FaultyProxy; resolver: Resolver }> => {
    const p = await startFaultyProxy(named!.port, { maxQueries: 5000, ...faults });
    proxies.push(p);
    return { p, resolver: createResolver({ servers: [{ address: '127.0.0.1', port: p.port, family: 4 }], timeoutMs: 2000, attempts: 1 }) };
  };
  const timed = async <T>(limitMs: number, f: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const r = await f();
    assert.ok(Date.now() - started < limitMs, `took ${Date.now() - started} ms, bound ${limitMs}`);
    return r;
  };

  void it('a record with a syntax error is permerror for the client as for every other server, beside the error finding', async () => {
    const { resolver } = await proxy();
    for (const [name, code] of [['ip6-bare', 'spf-bad-ip'], ['exp-all', 'spf-bad-domain'], ['exp-twice', 'spf-duplicate-modifier'], ['exp-macro', 'spf-bad-macro'], ['exp-u2028', 'spf-bad-macro']] as const) {
      const r = await timed(3000, () => checkSpf(resolver, `${name}.spf.test`, { ip: '192.0.2.9' }));
      assert.ok(r.findings.some((f) => f.code === code && f.severity === 'error'), `${name}: ${r.findings.map((f) => f.code).join(', ')}`);
      assert.equal(r.parsed!.evaluation!.result, 'permerror', name);
      assert.equal(r.parsed!.otherServers.result, 'permerror', name);
      assert.equal(r.verdict, 'fail', name);
    }
  });

  void it('U+2028/U+2029 in a served SPF macro: check spf and check domain finish with permerror, no crash', async () => {
    const { resolver } = await proxy();
    for (const name of ['u2028.spf.test', 'u2029.spf.test']) {
      const r = await timed(3000, () => checkSpf(resolver, name, { ip: '192.0.2.1' }));
      assert.equal(r.parsed!.evaluation!.result, 'permerror');
      assert.ok(r.findings.some((f) => f.code === 'spf-bad-macro'));
      const d = await timed(10_000, () => checkDomain(resolver, name, { selectors: ['s1'] }));
      assert.equal(d.results.find((x) => x.check === 'spf')!.verdict, 'fail');
    }
  });

  void it('2,000 a: terms: 11 lookups at most, permerror every time (was 4,001 queries and a verdict that varied)', async () => {
    for (let run = 0; run < 3; run++) {
      const { p, resolver } = await proxy();
      const r = await timed(5000, () => checkSpf(resolver, 'flood-a.spf.test', { ip: '192.0.2.77' }));
      assert.equal(r.parsed!.evaluation!.result, 'permerror');
      assert.equal(r.parsed!.otherServers.result, 'permerror');
      assert.ok(r.findings.some((f) => f.code === 'spf-lookup-limit'));
      assert.ok(p.queries() <= 2 * (1 + 10 + 10) + 4, `${p.queries()} queries`);
    }
  });

  void it('60 records of 100 mx: terms: bounded queries and permerror (was 138,161 queries)', async () => {
    const { p, resolver } = await proxy();
    const r = await timed(5000, () => checkSpf(resolver, 'mx0.spf.test', { ip: '192.0.2.77' }));
    assert.equal(r.parsed!.evaluation!.result, 'permerror');
    assert.equal(r.parsed!.lookups, 11);
    assert.ok(p.queries() < 60, `${p.queries()} queries`);
    const eleven = await evaluateSpf(resolver, { domain: 'mx-eleven.spf.test', ip: '192.0.2.77', sender: 'a@mx-eleven.spf.test' });
    assert.equal(eleven.result, 'permerror');
    assert.equal(eleven.limit?.kind, 'mx');
  });

  void it('names that cannot be valid are judged locally and never sent: a 64-octet label, a HELO macro expanding to one', async () => {
    const { p, resolver } = await proxy();
    const long = 'x'.repeat(64);
    const none = await evaluateSpf(resolver, { ip: '192.0.2.1', sender: `a@${long}.spf.test`, helo: 'helo.spf.test' });
    assert.equal(none.result, 'none');
    assert.equal(p.queries(), 0);
    const helo = await evaluateSpf(resolver, { ip: '192.0.2.1', sender: 'a@hmacro.spf.test', helo: long });
    assert.equal(helo.result, 'fail');
    assert.ok(!p.names().some((n) => n.startsWith('xxxx')), p.names().join(', '));
    assert.equal(p.names().length, 1, 'only the TXT of hmacro.spf.test');
  });

  void it('a null sender is checked as postmaster@HELO (API and CLI)', async () => {
    const { resolver } = await proxy();
    const r = await checkSpf(resolver, 'helo.spf.test', { ip: '192.0.2.25', sender: '', helo: 'helo.spf.test' });
    assert.equal(r.parsed!.evaluation!.result, 'pass');
    assert.equal(r.parsed!.evaluation!.sender, 'postmaster@helo.spf.test');
    const io = fakeIo(process.cwd(), '');
    const code = await runCli(['check', 'spf', '--ip', '192.0.2.26', '--sender', '<>', '--helo', 'helo.spf.test', '--server', `127.0.0.1:${named!.port}`], io);
    assert.equal(code, 2, io.err);
    assert.match(io.out, /192\.0\.2\.26 sending as postmaster@helo\.spf\.test \(HELO helo\.spf\.test\) → fail/);
    const usage = fakeIo(process.cwd(), '');
    assert.equal(await runCli(['check', 'spf', 'helo.spf.test', '--ip', '192.0.2.26', '--sender', '<>'], usage), 64);
    assert.match(usage.err, /give --helo/);
  });

  void it('a record too big for UDP is read over TCP; TC answers from a misbehaving server too', async () => {
    const { resolver } = await proxy();
    const r = await timed(3000, () => checkSpf(resolver, 'huge.spf.test', { ip: '192.0.2.200' }));
    assert.equal(r.parsed!.evaluation!.result, 'pass');
    assert.ok(r.dns.some((e) => e.name === 'huge.spf.test' && e.transport.includes('tcp')));
    const tc = await proxy({ truncateUdp: true });
    const t = await timed(3000, () => checkSpf(tc.resolver, 'plain.spf.test', { ip: '192.0.2.1' }));
    assert.equal(t.parsed!.evaluation!.result, 'pass');
    assert.ok(t.dns.every((e) => e.transport.every((x) => x === 'tcp')));
  });

  void it('forged answers with a wrong id are ignored: the real -all decides, not the forged +all', async () => {
    const { resolver } = await proxy({ spoofFirst: true });
    const r = await timed(3000, () => checkSpf(resolver, 'plain.spf.test', { ip: '192.0.2.99' }));
    assert.equal(r.parsed!.evaluation!.result, 'fail');
    assert.equal(r.parsed!.record, 'v=spf1 ip4:192.0.2.1 -all');
  });

  void it('answers dripped just inside the timeout: the check ends at its deadline and says so (was 114 s)', async () => {
    const { resolver } = await proxy({ delayMs: 700 });
    const r = await timed(4500, () => checkSpf(withCache(withDeadline(resolver, 2)), 'drip0.spf.test', { ip: '192.0.2.1' }));
    assert.equal(r.verdict, 'error');
    assert.ok(r.findings.some((f) => f.code === 'check-deadline'), r.findings.map((f) => f.code).join(', '));
    const io = fakeIo(process.cwd(), '');
    const drip = await proxy({ delayMs: 700 });
    const started = Date.now();
    const code = await runCli(['check', 'spf', 'drip0.spf.test', '--server', `127.0.0.1:${drip.p.port}`, '--deadline', '2'], io);
    assert.ok(Date.now() - started < 4500);
    assert.equal(code, 3, io.out + io.err);
    assert.match(io.out, /deadline of 2 s/);
  });
});
