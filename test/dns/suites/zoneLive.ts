import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { analyzeZone } from '../../../src/core/zone/lint';
import { compareWithLive, zoneMailRecords } from '../../../src/core/checks/zoneCompare';
import { ZONES_DIR, type NamedInstance } from '../harness';

/** "Check live" for zone files: the zone named serves, and edited copies of it. */
export function zoneLiveSuite(named: () => NamedInstance): void {
  void describe('zone file vs live DNS against named', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });
    const text = readFileSync(join(ZONES_DIR, 'example.com.zone'), 'utf8');

    void it('finds every DKIM, SPF and DMARC record of the served zone the same as named answers', async () => {
      const recs = zoneMailRecords(analyzeZone(text).records);
      assert.ok(recs.length >= 15, `found ${recs.length}`);
      const results = await Promise.all(recs.map((r) => compareWithLive(resolver(), r)));
      const statuses = results.map((r, i) => `${recs[i]!.name} ${r.parsed!.status}`);
      assert.deepEqual(statuses.filter((s) => !s.endsWith(' same')), [], statuses.join('\n'));
      const dkim = results[recs.findIndex((r) => r.name === 'mail2024._domainkey.example.com')]!;
      assert.equal(dkim.parsed!.exact, true);
      assert.equal(dkim.parsed!.live!.strings.length, 3);
    });

    void it('reports an edited SPF record as different, a new DKIM selector as not published, a TXT where named has a CNAME as published through it', async () => {
      const edited = `${text.replace('include:_spf.example.net -all', 'include:_spf.example.net ~all')}\nnew2025._domainkey IN TXT "v=DKIM1; k=ed25519; p=MMjBBl8TyH8dWmzm7qZkB24kiGpGRXQuhejf/stl86o="\n`
        .replace('safemail._domainkey IN CNAME safemailhop.example.net.', 'safemail._domainkey IN TXT "v=DKIM1; k=ed25519; p=MMjBBl8TyH8dWmzm7qZkB24kiGpGRXQuhejf/stl86o="');
      const recs = zoneMailRecords(analyzeZone(edited).records);
      const check = async (name: string) => compareWithLive(resolver(), recs.find((r) => r.name === name)!);
      const spf = await check('example.com');
      assert.equal(spf.parsed!.status, 'differs');
      assert.deepEqual(spf.parsed!.differences, [{ item: 'all', zone: '~all', live: '-all' }]);
      const added = await check('new2025._domainkey.example.com');
      assert.equal(added.parsed!.status, 'not-published');
      assert.match(added.summary, /NXDOMAIN/);
      const viaCname = await check('safemail._domainkey.example.com');
      assert.equal(viaCname.parsed!.status, 'differs');
      assert.deepEqual(viaCname.parsed!.chain.map((s) => s.target), ['safemailhop.example.net']);
      assert.equal(viaCname.parsed!.live!.ttl, 1800);
      assert.ok(viaCname.findings.some((f) => f.code === 'zone-live-cname'));
    });
  });
}
