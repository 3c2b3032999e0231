import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeZone } from '../../../src/core/zone/lint';
import { bestMatch, compareValues } from '../../../src/core/checks/valueDiff';
import { compareWithLive, zoneMailRecords } from '../../../src/core/checks/zoneCompare';
import { fakeResolver, rr, txt } from '../dns/fakeResolver';

const KEY = 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQChXN7lR8rBXHbrAkRRRh3fRi6XX4oLcA9YjuXmzvH40y+0E4L0ZhiweCc5c+D4ODe2PgrLEt8t0YrrCsrR+HVNVEcPTmOh9/D629gRuFL7qI7hKhqsj1Smn0DbNCAiHyF2F6mIJZDKCdRGTZRqhtBpisl37z9PpU0G6xradgfNGwIDAQAB';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 3600 600 86400 300
@ IN NS ns1
ns1 IN A 192.0.2.1
@ IN TXT "v=spf1 ip4:192.0.2.0/24 mx -all"
@ IN TXT "google-site-verification=abc"
sel._domainkey IN TXT ( "v=DKIM1; k=rsa; "
    "p=${KEY}" )
_dmarc 600 IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"
note._domainkey IN TXT "this is a note"
`;

void describe('zone records to check live', () => {
  void it('finds the DKIM, SPF and DMARC TXT records with their joined values, TTLs and places', () => {
    const recs = zoneMailRecords(analyzeZone(ZONE).records);
    assert.deepEqual(recs.map((r) => [r.kind, r.name, r.ttl, r.queryable]), [['spf', 'example.com', 3600, true], ['dkim', 'sel._domainkey.example.com', 3600, true], ['dmarc', '_dmarc.example.com', 600, true]]);
    const dkim = recs[1]!;
    assert.deepEqual(dkim.strings, ['v=DKIM1; k=rsa; ', `p=${KEY}`]);
    assert.equal(dkim.value, `v=DKIM1; k=rsa; p=${KEY}`);
    assert.match(ZONE.slice(dkim.span.start, dkim.span.end), /^sel\._domainkey IN TXT \(/);
  });

  void it('marks names it cannot ask for when the origin is unknown', () => {
    const recs = zoneMailRecords(analyzeZone('_dmarc IN TXT "v=DMARC1; p=none"\n').records);
    assert.equal(recs[0]!.name, '_dmarc');
    assert.equal(recs[0]!.queryable, false);
  });
});

void describe('comparing a zone value with a live value', () => {
  void it('identical text is the same, exactly', () => {
    assert.deepEqual(compareValues('spf', 'v=spf1 mx -all', 'v=spf1 mx -all'), { same: true, exact: true, differences: [] });
  });

  void it('the same meaning written differently is the same, not exact', () => {
    assert.deepEqual(compareValues('dkim', `v=DKIM1; k=rsa; p=${KEY}`, `v=DKIM1;k=RSA;p=${KEY.slice(0, 50)} ${KEY.slice(50)}`), { same: true, exact: false, differences: [] });
    assert.equal(compareValues('spf', 'v=spf1 +mx -all', 'v=spf1 MX -all').same, true);
    assert.equal(compareValues('dmarc', 'v=DMARC1; p=reject; rua=mailto:a@x.example', 'v=DMARC1;p=Reject;rua=mailto:a@x.example').same, true);
  });

  void it('names the DKIM and DMARC tags that differ, and the ones only on one side', () => {
    const d = compareValues('dkim', `v=DKIM1; k=rsa; p=${KEY}`, `v=DKIM1; k=rsa; t=y; p=${KEY.slice(0, -8)}AAAAAAAB`);
    assert.equal(d.same, false);
    assert.deepEqual(d.differences.map((x) => [x.item, x.zone !== undefined, x.live !== undefined]), [['p=', true, true], ['t=', false, true]]);
    const m = compareValues('dmarc', 'v=DMARC1; p=reject; sp=none', 'v=DMARC1; p=none');
    assert.deepEqual(m.differences, [{ item: 'p=', zone: 'reject', live: 'none' }, { item: 'sp=', zone: 'none' }]);
  });

  void it('names SPF terms added or removed, and a changed order', () => {
    const d = compareValues('spf', 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all', 'v=spf1 ip4:192.0.2.0/24 include:_spf.google.com ~all');
    assert.deepEqual(d.differences, [{ item: 'include:_spf.example.net', zone: 'include:_spf.example.net' }, { item: 'all', zone: '-all', live: '~all' }, { item: 'include:_spf.google.com', live: 'include:_spf.google.com' }]);
    const o = compareValues('spf', 'v=spf1 a mx -all', 'v=spf1 mx a -all');
    assert.deepEqual(o.differences, [{ item: 'order of terms', zone: 'a mx -all', live: 'mx a -all' }]);
  });

  void it('picks the live record closest to the file among several', () => {
    const m = bestMatch('spf', 'v=spf1 a mx -all', ['v=spf1 -all', 'v=spf1 a mx ~all'])!;
    assert.equal(m.value, 'v=spf1 a mx ~all');
    assert.deepEqual(m.comparison.differences, [{ item: 'all', zone: '-all', live: '~all' }]);
    assert.equal(bestMatch('spf', 'v=spf1 -all', []), undefined);
  });
});

void describe('compareWithLive', () => {
  const recs = zoneMailRecords(analyzeZone(ZONE).records);
  const spf = recs[0]!;
  const dkim = recs[1]!;
  const dmarc = recs[2]!;

  void it('says "same" when the DNS answers the file\'s value, however it was split into strings', async () => {
    const r = await compareWithLive(fakeResolver({ 'sel._domainkey.example.com TXT': { answers: [txt('sel._domainkey.example.com', `v=DKIM1; k=rsa; p=${KEY}`)] } }), dkim);
    assert.equal(r.parsed!.status, 'same');
    assert.equal(r.parsed!.exact, true);
    assert.equal(r.verdict, 'warn', 'the same validator flags the 1024-bit key in both');
    assert.ok(r.findings.some((f) => f.code === 'dkim-key-weak'));
    assert.match(r.summary, /^Same as the live DNS \(split into 1 strings in the DNS, 2 in the file\); TTL 300 from 192\.0\.2\.53:53\.$/);
  });

  void it('ignores other TXT records at the name and reports a differing SPF record with both values', async () => {
    const r = await compareWithLive(fakeResolver({ 'example.com TXT': { answers: [txt('example.com', 'google-site-verification=abc'), txt('example.com', 'v=spf1 ip4:192.0.2.0/24 -all')] } }), spf);
    assert.equal(r.parsed!.status, 'differs');
    assert.equal(r.verdict, 'warn');
    assert.equal(r.parsed!.zone.value, 'v=spf1 ip4:192.0.2.0/24 mx -all');
    assert.equal(r.parsed!.live!.value, 'v=spf1 ip4:192.0.2.0/24 -all');
    assert.deepEqual(r.parsed!.otherLive, ['google-site-verification=abc']);
    const f = r.findings.find((x) => x.code === 'zone-live-differs')!;
    assert.match(f.message, /mx only in the file/);
  });

  void it('says "not published" for NXDOMAIN and for a name without a record of the kind', async () => {
    const nx = await compareWithLive(fakeResolver({}), dmarc);
    assert.equal(nx.parsed!.status, 'not-published');
    assert.equal(nx.verdict, 'fail');
    assert.match(nx.summary, /_dmarc\.example\.com does not exist \(NXDOMAIN\)/);
    const other = await compareWithLive(fakeResolver({ '_dmarc.example.com TXT': { answers: [txt('_dmarc.example.com', 'hello')] } }), dmarc);
    assert.equal(other.parsed!.status, 'not-published');
    assert.deepEqual(other.parsed!.otherLive, ['hello']);
  });

  void it('follows a CNAME chain, shows it, and compares the value at its end', async () => {
    const r = await compareWithLive(fakeResolver({
      'sel._domainkey.example.com TXT': { answers: [rr('sel._domainkey.example.com', 'CNAME', 'sel.dkim.example.net')] },
      'sel.dkim.example.net TXT': { answers: [txt('sel.dkim.example.net', 'v=DKIM1; k=rsa; ', `p=${KEY}`)] },
    }), dkim);
    assert.equal(r.parsed!.status, 'same');
    assert.deepEqual(r.parsed!.chain.map((s) => s.target), ['sel.dkim.example.net']);
    assert.equal(r.parsed!.finalName, 'sel.dkim.example.net');
    assert.ok(r.findings.some((f) => f.code === 'zone-live-cname'));
    assert.match(r.summary, /through the CNAME chain sel\._domainkey\.example\.com → sel\.dkim\.example\.net/);
  });

  void it('says it could not check when no server answers', async () => {
    const r = await compareWithLive(fakeResolver({ '_dmarc.example.com TXT': { timeout: true } }), dmarc);
    assert.equal(r.verdict, 'error');
    assert.equal(r.parsed!.status, 'unknown');
    assert.deepEqual(r.findings.map((f) => f.code), ['dns-no-answer']);
  });

  void it('stops at once when cancelled', async () => {
    const ac = new AbortController();
    ac.abort(new Error('cancelled by the user'));
    const resolver = fakeResolver({});
    const slow = { ...resolver, query: (n: string, t: 'TXT', o?: { signal?: AbortSignal }) => (o?.signal?.throwIfAborted(), resolver.query(n, t)) };
    await assert.rejects(compareWithLive(slow, dmarc, { signal: ac.signal }), /cancelled by the user/);
  });
});
