/**
 * DMARC policy discovery by the RFC 9989 DNS Tree Walk (§4.10, §4.10.1, §4.10.2, §4.7 t=),
 * one case per rule, served by named from test/dns/zones/example.zone (the reserved TLD
 * "example" as one zone) and example.com.zone (RFC 9989 Appendix B.4.1 and B.4.2).
 * Each case runs `check dmarc` and mailauth 7's discovery (strict mode, what `verify`
 * uses) on the same server: both must give the table's answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dmarc as mailauthDmarc } from 'mailauth';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { mailauthResolver } from '../../../src/core/dns/mailauthResolver';
import { checkDmarc } from '../../../src/core/checks/dmarc';
import { runCli } from '../../../src/cli/run';
import { fakeIo } from '../../unit/cli/fakeIo';
import type { NamedInstance } from '../harness';

interface Case {
  rule: string;
  domain: string;
  /** Where the applied record is, its tag and the policy receivers apply; undefined: no record applies. */
  want?: { at: string; source: 'domain' | 'organizational-domain' | 'psd'; tag: 'p' | 'sp' | 'np'; policy: string };
}

const CASES: Case[] = [
  { rule: '§4.10.1 the domain\'s own record, p=', domain: 'own.example', want: { at: 'own.example', source: 'domain', tag: 'p', policy: 'reject' } },
  { rule: '§4.10.1 a subdomain inherits sp= of its Organizational Domain', domain: 'a.b.orgsp.example', want: { at: 'orgsp.example', source: 'organizational-domain', tag: 'sp', policy: 'quarantine' } },
  { rule: '§4.10.2 the Organizational Domain has the fewest labels (not the nearest record)', domain: 'x.mid.fewest.example', want: { at: 'fewest.example', source: 'organizational-domain', tag: 'sp', policy: 'none' } },
  { rule: '§4.10.2 psd=n ends the walk: that domain is the Organizational Domain', domain: 'x.team.fewest.example', want: { at: 'team.fewest.example', source: 'organizational-domain', tag: 'sp', policy: 'reject' } },
  { rule: '§4.10.1 psd=y: no record at the Organizational Domain, the PSD\'s applies', domain: 'org.psd.example', want: { at: 'psd.example', source: 'psd', tag: 'p', policy: 'reject' } },
  { rule: '§4.10.2 psd=y: the Organizational Domain is one label below the PSD', domain: 'a.org.psd.example', want: { at: 'psd.example', source: 'psd', tag: 'p', policy: 'reject' } },
  { rule: '§4.10 several DMARC records at one name are discarded and the walk goes on', domain: 'two.dup.example', want: { at: 'dup.example', source: 'organizational-domain', tag: 'sp', policy: 'reject' } },
  { rule: '§4.10 several DMARC records and nothing above: no policy', domain: 'twoonly.example' },
  { rule: 'RFC 6376 §3.2 a duplicate tag makes the record invalid: discarded', domain: 'duptag.example' },
  { rule: '§4.10.1 np= for a subdomain that exists does not apply: sp=', domain: 'exists.npo.example', want: { at: 'npo.example', source: 'organizational-domain', tag: 'sp', policy: 'none' } },
  { rule: '§4.10.1 np= for a subdomain that does not exist', domain: 'ghost.npo.example', want: { at: 'npo.example', source: 'organizational-domain', tag: 'np', policy: 'reject' } },
  { rule: '§4.7 t=y applies p=reject as quarantine', domain: 'testing.example', want: { at: 'testing.example', source: 'domain', tag: 'p', policy: 'quarantine' } },
  { rule: '§4.7 t=y applies p=quarantine as none', domain: 'testq.example', want: { at: 'testq.example', source: 'domain', tag: 'p', policy: 'none' } },
  { rule: '§4.10.1 an invalid p= with a valid rua= acts as p=none', domain: 'badp.example', want: { at: 'badp.example', source: 'domain', tag: 'p', policy: 'none' } },
  { rule: '§4.10.1 an invalid p= without rua=: no DMARC', domain: 'badpnorua.example', want: { at: 'badpnorua.example', source: 'domain', tag: 'p', policy: 'no DMARC' } },
  { rule: '§4.10.1 an invalid sp= with a valid rua= acts as p=none', domain: 'x.badsp.example', want: { at: 'badsp.example', source: 'organizational-domain', tag: 'p', policy: 'none' } },
  { rule: '§4.10.1 an invalid np= without rua=: no DMARC', domain: 'badnp.example', want: { at: 'badnp.example', source: 'domain', tag: 'p', policy: 'no DMARC' } },
  { rule: '§4.10 step 4: 8+ labels jump to the last 7 (the record at 8 labels is never asked)', domain: 'a.b.c.d.e.f.g.long.example', want: { at: 'long.example', source: 'organizational-domain', tag: 'sp', policy: 'quarantine' } },
  { rule: 'Appendix B.4.1 example.com (its own record)', domain: 'example.com', want: { at: 'example.com', source: 'domain', tag: 'p', policy: 'reject' } },
  { rule: 'Appendix B.4.1 signing.example.com (its own record)', domain: 'signing.example.com', want: { at: 'signing.example.com', source: 'domain', tag: 'p', policy: 'reject' } },
  { rule: 'Appendix B.4.2 a deep author name: records only at example.com', domain: 'a.b.c.d.e.f.g.h.i.j.k.example.com', want: { at: 'example.com', source: 'organizational-domain', tag: 'sp', policy: 'quarantine' } },
];

/** mailauth's answer (strict mode): the policy and the policy domain, or "none". */
async function mailauthAnswer(resolve: ReturnType<typeof mailauthResolver>, domain: string): Promise<{ policy: string; at?: string }> {
  const r = (await mailauthDmarc({ headerFrom: `user@${domain}`, spfDomains: [], dkimDomains: [], resolver: resolve as never, strict: true } as never)) as unknown as { status: { result: string }; policy?: string; policyDomain?: string } | false;
  // "none": no record applies, or one that gets no DMARC processing (invalid policy, no rua=)
  if (!r || r.status.result === 'none') return { policy: 'none' };
  return { policy: r.policy!, at: r.policyDomain };
}

/**
 * named here is authoritative only, so it REFUSES `_dmarc.com`; a recursive resolver
 * answers NXDOMAIN. checkDmarc takes a failure at a public suffix as "no record" (and lists
 * the answer); mailauth makes it a temperror. Give mailauth the recursive resolver's answer.
 */
function publicSuffixRefusalsAsNoRecord(resolve: ReturnType<typeof mailauthResolver>): ReturnType<typeof mailauthResolver> {
  return async (name, type) => {
    try {
      return await resolve(name, type);
    } catch (e) {
      if (name === '_dmarc.com' && (e as { code?: string }).code === 'EREFUSED') throw Object.assign(new Error('NXDOMAIN'), { code: 'ENOTFOUND' });
      throw e;
    }
  };
}

export function dmarcWalkSuite(named: () => NamedInstance): void {
  void describe('DMARC policy discovery: the RFC 9989 tree walk, case by case, against named', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });

    for (const c of CASES) {
      void it(`${c.rule} (${c.domain})`, async () => {
        const r = await checkDmarc(resolver(), c.domain);
        if (!c.want) {
          assert.equal(r.parsed, undefined, r.summary);
          assert.ok(r.findings.some((f) => f.code === 'dmarc-record-missing'), r.summary);
        } else {
          assert.ok(r.parsed, r.summary);
          assert.deepEqual({ at: r.parsed.recordDomain, source: r.parsed.source, tag: r.parsed.policyTag, policy: r.parsed.effectivePolicy }, c.want);
          // the summary states the applied policy, never an invalid one
          if (c.want.policy === 'no DMARC') assert.match(r.summary, /no DMARC policy/);
          else assert.match(r.summary, new RegExp(`: ${c.want.tag}=${c.want.policy}\\b`));
          assert.doesNotMatch(r.summary, /block|drop|nope/);
        }
        const m = await mailauthAnswer(publicSuffixRefusalsAsNoRecord(mailauthResolver(resolver())), c.domain);
        const ours = c.want && c.want.policy !== 'no DMARC' ? { policy: c.want.policy, at: c.want.at } : { policy: 'none' };
        assert.deepEqual(m, ours, `mailauth 7 disagrees on ${c.domain}`);
      });
    }

    void it('says what was published when t=y lowered it or an invalid tag replaced it', async () => {
      assert.equal((await checkDmarc(resolver(), 'testing.example')).parsed!.publishedPolicy, 'p=reject with t=y');
      assert.equal((await checkDmarc(resolver(), 'badp.example')).parsed!.publishedPolicy, 'p=block (invalid)');
      assert.equal((await checkDmarc(resolver(), 'x.badsp.example')).parsed!.publishedPolicy, 'sp=drop (invalid)');
      assert.equal((await checkDmarc(resolver(), 'own.example')).parsed!.publishedPolicy, undefined);
    });

    void it('Appendix B.4.2: asks exactly the RFC\'s eight names for a deep author name', async () => {
      const r = await checkDmarc(resolver(), 'a.b.c.d.e.f.g.h.i.j.k.example.com');
      assert.deepEqual(r.dns.filter((e) => e.name.startsWith('_dmarc.')).map((e) => e.name), [
        '_dmarc.a.b.c.d.e.f.g.h.i.j.k.example.com', '_dmarc.g.h.i.j.k.example.com', '_dmarc.h.i.j.k.example.com', '_dmarc.i.j.k.example.com',
        '_dmarc.j.k.example.com', '_dmarc.k.example.com', '_dmarc.example.com', '_dmarc.com',
      ]);
    });

    void it('names the discarded records, and gives the same answer 20 times in a row (two records at one name)', async () => {
      const answers = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const io = fakeIo(process.cwd());
        const code = await runCli(['check', 'dmarc', 'two.dup.example', '--server', named().server, '--format', 'json'], io);
        const j = JSON.parse(io.out) as { summary: string; verdict: string; parsed: { recordDomain: string } };
        answers.add(JSON.stringify([code, j.verdict, j.summary, j.parsed.recordDomain]));
      }
      assert.equal(answers.size, 1, [...answers].join('\n'));
      const r = await checkDmarc(resolver(), 'twoonly.example');
      assert.ok(r.findings.some((f) => f.code === 'dmarc-multiple-records' && f.severity === 'error'));
      assert.equal(r.parsed, undefined);
    });
  });
}
