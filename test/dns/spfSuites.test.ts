/**
 * The SPF conformance suites (RFC 7208 and RFC 4408, as shipped with pyspf; see
 * test/dns/spf-suite/README.md) against our engine, served by a real named on loopback:
 * every scenario's zonedata becomes a zone (suiteZone.ts), TIMEOUT names go through a
 * proxy that drops their queries (faultyProxy.ts). Every test of every scenario runs; the
 * result must be one the suite lists and the explanation, where the suite gives one,
 * must be equal. Disagreements are allowed only when listed in
 * test/dns/spf-suite/disagreements.yml with the standard's text, and a listed one that
 * now agrees fails too (the list must not go stale).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { skipReason, startNamed, type NamedInstance } from './harness';
import { startFaultyProxy, type FaultyProxy } from './faultyProxy';
import { suiteZone, type ZoneData } from './spf/suiteZone';
import { createResolver } from '../../src/core/dns/resolver';
import { evaluateSpf } from '../../src/core/checks/spfEngine';

const DIR = join(__dirname, 'spf-suite');

interface SuiteTest {
  description?: string;
  spec?: string | string[];
  helo: string;
  host: string;
  mailfrom: string;
  result: string | string[];
  explanation?: string;
}
interface Scenario {
  description: string;
  tests: Record<string, SuiteTest>;
  zonedata?: ZoneData;
}
interface Disagreement {
  suite: string;
  test: string;
  ours: string;
  expected: string;
  reason: string;
}

const disagreements: Disagreement[] = (parse(readFileSync(join(DIR, 'disagreements.yml'), 'utf8')) as { disagreements?: Disagreement[] } | null)?.disagreements ?? [];
const listed = new Map(disagreements.map((d) => [`${d.suite}/${d.test}`, d]));

function scenarios(file: string): Scenario[] {
  return parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => d.toJS() as Scenario);
}

for (const file of ['rfc7208-tests.yml', 'rfc4408-tests.yml']) {
  void describe(`SPF suite ${file} against named`, { skip: skipReason() }, () => {
    for (const scenario of scenarios(file)) {
      void describe(scenario.description, () => {
        let named: NamedInstance | undefined;
        let proxy: FaultyProxy | undefined;
        const zone = suiteZone(scenario.zonedata ?? {});
        before(async () => {
          named = await startNamed(null, { zones: [{ name: '.', text: zone.text }], probe: '.' });
          proxy = await startFaultyProxy(named.port, { drops: zone.drops });
        });
        after(async () => {
          await proxy?.close();
          await named?.stop();
        });
        for (const [id, t] of Object.entries(scenario.tests)) {
          void it(`${id}${t.spec ? ` (${[t.spec].flat().join(', ')})` : ''}`, async () => {
            const resolver = createResolver({ servers: [{ address: '127.0.0.1', port: proxy!.port, family: 4 }], timeoutMs: 400, attempts: 1 });
            const started = Date.now();
            const o = await evaluateSpf(resolver, { ip: t.host, sender: t.mailfrom, helo: t.helo, defaultExplanation: 'DEFAULT', receiver: 'receiver.example' });
            const expected = [t.result].flat();
            const ok = expected.includes(o.result) && (t.explanation === undefined || o.result !== 'fail' || o.explanation === t.explanation);
            const got = `${o.result}${o.explanation !== undefined ? ` "${o.explanation}"` : ''}`;
            const want = `${expected.join('|')}${t.explanation !== undefined ? ` "${t.explanation}"` : ''}`;
            const key = `${file.replace(/-tests\.yml$/, '')}/${id}`;
            const known = listed.get(key);
            assert.ok(Date.now() - started < 5000, `${id} took ${Date.now() - started} ms`);
            if (known) {
              assert.ok(!ok, `${key} is listed in disagreements.yml but now agrees (${got}): remove it from the list`);
              assert.equal(got, known.ours, `${key}: we now give ${got}, the list says ${known.ours}`);
            } else {
              assert.ok(ok, `${key}: we give ${got}, the suite expects ${want} — ${o.reason}`);
            }
          });
        }
      });
    }
  });
}
