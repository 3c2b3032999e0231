/**
 * Fuzz tier, SPF engine: for any record, the walk and the evaluation of one client end
 * (no throw, a bounded number of queries), a record with a syntax error is permerror for
 * both, and a permerror verdict of `check spf --ip` always stands beside an error finding:
 * the verdict never contradicts the findings. Answers come from a table (no sockets:
 * thousands of runs); the DNS tier runs the same engine against named. Fixed seed;
 * MAILSEC_FUZZ_RUNS raises the number of runs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSpfRecord, SPF_PERMERROR_CODES } from '../../src/core/mailrecords/spf';
import { fuzzRuns } from './runs';
import { evaluateSpf } from '../../src/core/checks/spfEngine';
import { checkSpf } from '../../src/core/checks/spf';
import { fakeResolver, rr, txt } from '../unit/dns/fakeResolver';

const { numRuns, seed: SEED } = fuzzRuns(2000);
// each run evaluates a whole policy: a quarter of the parser's runs
const RUNS = Math.max(100, Math.floor(numRuns / 4));

const TERMS = ['a', 'mx', 'ptr', 'a:a.example', 'mx:m.example', 'include:i.example', 'include:loop.example', 'include:none.example', 'exists:a.example', 'exists:%{i}.x.example', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/32', 'ip4:192.0.2.1', '-all', '~all', '?all', 'all', 'redirect=i.example', 'redirect=%{d}.r.example', 'exp=e.example', 'exp=%{z}.example', 'x=y', 'a/24', 'mx//64', 'ip6', 'a:', '%', '%{d', '\u2028', 'é', ':', '/33', 'include:%{l}.example'];
const record = fc.array(fc.oneof(fc.constantFrom(...TERMS), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((t) => `v=spf1 ${t.join(' ')}`);

function table(value: string) {
  return fakeResolver({
    'd.example TXT': { answers: [txt('d.example', value)] },
    'i.example TXT': { answers: [txt('i.example', 'v=spf1 ip4:198.51.100.0/24 -all')] },
    'loop.example TXT': { answers: [txt('loop.example', 'v=spf1 include:d.example -all')] },
    'a.example A': { answers: [rr('a.example', 'A', '192.0.2.7')] },
    'd.example A': { answers: [rr('d.example', 'A', '192.0.2.8')] },
    'd.example MX': { answers: [rr('d.example', 'MX', { preference: 10, exchange: 'a.example' })] },
    'm.example MX': { answers: Array.from({ length: 12 }, (_, i) => rr('m.example', 'MX', { preference: i, exchange: `h${i}.example` })) },
    'e.example TXT': { answers: [txt('e.example', 'not from here: %{i}')] },
  });
}

void describe('fuzz: SPF engine', () => {
  void it('ends with bounded queries; a syntax error is permerror for the client and for everyone; a permerror verdict has an error finding', async () => {
    await fc.assert(fc.asyncProperty(record, fc.constantFrom('192.0.2.7', '198.51.100.9', '2001:db8::1', '203.0.113.1'), async (value, ip) => {
      const r = table(value);
      const walk = await evaluateSpf(r, { domain: 'd.example' });
      const one = await evaluateSpf(r, { ip, sender: 'someone@d.example', helo: 'mail.d.example' });
      assert.ok(r.asked.length <= 2 * (1 + 10 * 13) + 8, `${r.asked.length} queries`);
      const syntax = parseSpfRecord(value).findings.some((f) => SPF_PERMERROR_CODES.has(f.code));
      if (syntax) {
        assert.equal(walk.result, 'permerror', value);
        assert.equal(one.result, 'permerror', value);
      }
      const c = await checkSpf(table(value), 'd.example', { ip, sender: 'someone@d.example' });
      // the verdict's own finding (spf-ip-not-permitted) does not count: another error must explain it
      if (c.parsed?.evaluation?.result === 'permerror') assert.ok(c.findings.some((f) => f.severity === 'error' && f.code !== 'spf-ip-not-permitted'), `${value}: ${c.findings.map((f) => f.code).join(', ')}`);
      if (c.parsed?.evaluation?.result === 'pass') assert.ok(!c.findings.some((f) => SPF_PERMERROR_CODES.has(f.code)), value);
    }), { numRuns: RUNS, seed: SEED });
  });
});
