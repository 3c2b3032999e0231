import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandSpf } from '../../../src/core/checks/spfTree';
import { checkSpf } from '../../../src/core/checks/spf';
import { evaluateSpf } from '../../../src/core/checks/spfEngine';
import { fakeResolver, rr, txt } from '../dns/fakeResolver';

const spf = (name: string, value: string) => ({ answers: [txt(name, value)] });
const a = (name: string, ip: string) => ({ answers: [rr(name, 'A', ip)] });

void describe('expandSpf', () => {
  void it('counts lookups across includes and lists ranges in evaluation order, once each', async () => {
    const r = fakeResolver({
      'd.example TXT': spf('d.example', 'v=spf1 ip4:192.0.2.0/24 a include:i.example redirect=r.example -all'),
      'd.example A': a('d.example', '192.0.2.1'),
      'd.example AAAA': {},
      'i.example TXT': spf('i.example', 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -ip4:198.51.100.1 ~all'),
    });
    const t = await expandSpf(r, 'd.example');
    assert.equal(t.lookups, 2, 'a + include; redirect= is ignored next to -all');
    assert.deepEqual(t.ranges.map((x) => `${x.qualifier}${x.range} ${x.mechanism}`), ['+192.0.2.0/24 ip4', '+192.0.2.1 a', '+2001:db8::/32 ip6', '-198.51.100.1 ip4']);
    assert.equal(t.root.terms.find((x) => x.name === 'redirect')!.ignored, true);
    assert.ok(!r.asked.includes('r.example TXT'), 'an ignored redirect is not fetched');
    assert.deepEqual(t.voids, []);
  });

  void it('applies the CIDR lengths of a/mx to the addresses found', async () => {
    const r = fakeResolver({
      'd.example TXT': spf('d.example', 'v=spf1 mx/28//64 -all'),
      'd.example MX': { answers: [rr('d.example', 'MX', { preference: 20, exchange: 'b.example' }), rr('d.example', 'MX', { preference: 10, exchange: 'a.example' })] },
      'a.example A': a('a.example', '192.0.2.16'),
      'b.example AAAA': { answers: [rr('b.example', 'AAAA', '2001:db8::1')] },
    });
    const t = await expandSpf(r, 'd.example');
    assert.deepEqual(t.root.terms[0]!.mxHosts, ['a.example', 'b.example']);
    assert.deepEqual(t.ranges.map((x) => x.range), ['192.0.2.16/28', '2001:db8::1/64']);
  });

  void it('names the term behind each void lookup; an include of a missing domain is a permerror and ends the walk', async () => {
    const r = fakeResolver({
      'd.example TXT': spf('d.example', 'v=spf1 a:gone.example mx:nomx.example include:nothing.example exists:%{i}.x.example -all'),
      'nomx.example MX': {},
    });
    const t = await expandSpf(r, 'd.example');
    assert.deepEqual(t.voids.map((v) => [v.term, v.reason]), [
      ['a:gone.example', 'gone.example does not exist (NXDOMAIN)'],
      ['mx:nomx.example', 'nomx.example has no MX record'],
    ]);
    assert.equal(t.result, 'permerror');
    assert.equal(t.root.terms[2]!.child!.problem, 'no-record');
    assert.equal(t.root.terms[3]!.notEvaluated, true);
    assert.equal(t.lookups, 3);
  });

  void it('counts macro terms without following them', async () => {
    const r = fakeResolver({ 'd.example TXT': spf('d.example', 'v=spf1 exists:%{i}.x.example include:%{d}.y.example -all') });
    const t = await expandSpf(r, 'd.example');
    assert.deepEqual(t.root.terms.map((x) => [x.macro ?? false, x.lookups]), [[true, 1], [true, 1], [false, 0]]);
    assert.equal(t.result, 'fail');
  });

  void it('stops at a loop and reports its path', async () => {
    const r = fakeResolver({
      'a.example TXT': spf('a.example', 'v=spf1 include:b.example -all'),
      'b.example TXT': spf('b.example', 'v=spf1 redirect=a.example'),
    });
    const t = await expandSpf(r, 'a.example');
    assert.deepEqual(t.loops, [['a.example', 'b.example', 'a.example']]);
  });

  void it('records DNS failures inside the tree', async () => {
    const r = fakeResolver({
      'd.example TXT': spf('d.example', 'v=spf1 include:slow.example -all'),
      'slow.example TXT': { timeout: true },
    });
    const t = await expandSpf(r, 'd.example');
    assert.equal(t.failures.length, 1);
    assert.equal(t.root.terms[0]!.child!.problem, 'dns');
  });
});

void describe('checkSpf findings', () => {
  void it('fails a policy over the lookup limit, naming the term that would be lookup 11; later terms are not evaluated', async () => {
    const table: Record<string, ReturnType<typeof spf>> = { 'd.example TXT': spf('d.example', 'v=spf1 include:big.example include:small.example ip4:192.0.2.1 -all') };
    table['big.example TXT'] = spf('big.example', `v=spf1 ${Array.from({ length: 8 }, (_, i) => `a:h${i}.example`).join(' ')} -all`);
    table['small.example TXT'] = spf('small.example', 'v=spf1 a:s.example -all');
    for (let i = 0; i < 8; i++) table[`h${i}.example A`] = a(`h${i}.example`, `198.51.100.${i}`);
    table['s.example A'] = a('s.example', '198.51.100.99');
    const c = await checkSpf(fakeResolver(table), 'd.example');
    assert.equal(c.parsed!.lookups, 11);
    assert.equal(c.parsed!.otherServers.result, 'permerror');
    const f = c.findings.find((x) => x.code === 'spf-lookup-limit')!;
    assert.match(f.message, /a:s\.example in the record of small\.example would be lookup 11/);
    assert.equal(c.parsed!.tree.terms[2]!.notEvaluated, true);
    assert.equal(c.verdict, 'fail');
  });

  void it('fails a domain without SPF and says what to publish', async () => {
    const c = await checkSpf(fakeResolver({ 'd.example TXT': { answers: [txt('d.example', 'hello')] } }), 'd.example');
    assert.deepEqual(c.findings.map((f) => f.code), ['spf-record-missing']);
    assert.match(c.findings[0]!.fix, /v=spf1/);
  });

  void it('says "could not check" when the record cannot be fetched', async () => {
    const c = await checkSpf(fakeResolver({ 'd.example TXT': { timeout: true } }), 'd.example');
    assert.equal(c.verdict, 'error');
    assert.deepEqual(c.findings.map((f) => f.code), ['dns-no-answer']);
  });
});

void describe('evaluateSpf: the mechanism that decided', () => {
  void it('is the include that matched, or the term of the record itself, never a term inside an include that did not match', async () => {
    const table = {
      'd.example TXT': spf('d.example', 'v=spf1 include:i.example ~all'),
      'i.example TXT': spf('i.example', 'v=spf1 ip4:198.51.100.0/24 -all'),
    };
    const soft = await evaluateSpf(fakeResolver(table), { ip: '192.0.2.1', sender: 'a@d.example' });
    assert.deepEqual([soft.result, soft.decidedBy], ['softfail', { term: '~all', domain: 'd.example' }]);
    const pass = await evaluateSpf(fakeResolver(table), { ip: '198.51.100.9', sender: 'a@d.example' });
    assert.deepEqual([pass.result, pass.decidedBy], ['pass', { term: 'include:i.example', domain: 'd.example' }]);
    assert.equal(pass.root.terms[0]!.child!.terms[0]!.matched, true);
    assert.equal(pass.root.terms[1]!.notEvaluated, true);
  });
});
