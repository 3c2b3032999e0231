/**
 * The header panel, `verify` and `check` agree on every message of the DNS test corpus
 * (test/dns/messages.ts): verify's Authentication-Results, put on top of the message, is
 * what the header panel (analyzeHeaders) reads back, method by method; the panel names the
 * same DKIM signatures and the same client IP; `check dkim` fails exactly the keys verify
 * says cannot verify; `check dmarc` applies the policy verify's DMARC reports.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { verifyMessage } from '../../../src/core/checks/verifyMessage';
import { checkDkim } from '../../../src/core/checks/dkim';
import { checkDmarc } from '../../../src/core/checks/dmarc';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import type { NamedInstance } from '../harness';
import { plainMessage, signed, signedWithBodyLength } from '../messages';

const RECEIVED = 'Received: from mail.example.com (host (192.0.2.77))\r\n\tby mx.example.net with ESMTPS id abc; Mon, 01 Jan 2024 10:00:01 +0000';

export function agreementSuite(named: () => NamedInstance): void {
  void describe('header panel, verify and check agree on the DNS test corpus', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });
    const corpus: Array<[string, string]> = [];
    before(async () => {
      const m = await signed(plainMessage());
      corpus.push(
        ['signed, client from Received', `${RECEIVED}\r\n${m}`],
        ['signed, body changed', `${RECEIVED}\r\n${m.replace('Hello Bob', 'Hello Eve')}`],
        ['signed with l=, content appended', `${RECEIVED}\r\n${await signedWithBodyLength(plainMessage(), 12)}Appended.\r\n`],
        ['unsigned', `${RECEIVED}\r\n${plainMessage()}`],
        ['header only', `${RECEIVED}\r\n${m.slice(0, m.indexOf('\r\n\r\n'))}\r\n`],
        ['from a subdomain (inherited policy)', `${RECEIVED}\r\n${plainMessage().replace('From: Alice <alice@example.com>', 'From: Alice <alice@sub.example.com>')}`],
      );
    });

    void it('gives the same verdicts on every message', async () => {
      assert.ok(corpus.length >= 6);
      for (const [what, message] of corpus) {
        const v = await verifyMessage(resolver(), message);
        assert.doesNotMatch(v.authenticationResults, /undefined/, what);
        const withAr = v.authenticationResults.replace(/\n/g, '\r\n') + '\r\n' + message;
        const panel = analyzeHeaders(withAr, { org: { domains: ['example.net'], displayNames: [], authservIds: ['mailsec'] } });
        const auth = panel.authentication;
        assert.notEqual(auth.trusted, null, what);
        assert.equal(auth.dkim, v.dkim[0]?.result ?? 'none', `${what}: dkim`);
        assert.equal(auth.spf, v.spf.result, `${what}: spf`);
        assert.equal(auth.dmarc, v.dmarc?.result ?? null, `${what}: dmarc`);
        assert.deepEqual(auth.dkimSignatures.map((s) => [s.domain, s.selector]), v.dkim.map((s) => [s.domain, s.selector]), `${what}: signatures`);
        const clientHop = [...panel.hops].reverse().find((h) => h.fromIp);
        assert.equal(clientHop?.fromIp, v.spf.clientIp, `${what}: client IP`);
        assert.equal(v.spf.clientIp, '192.0.2.77', what);
        for (const s of v.dkim) {
          const c = await checkDkim(resolver(), s.domain, s.selector!);
          assert.equal(c.verdict === 'fail', Boolean(s.keyProblems?.length), `${what}: check dkim ${s.selector} ${c.verdict}`);
        }
        const fromDomain = v.from[0]!.split('@').pop()!;
        if (v.dmarc) assert.ok(v.authenticationResults.endsWith(` header.from=${fromDomain}`), `${what}: ${v.authenticationResults}`);
        if (v.dmarc && v.dmarc.result !== 'none') {
          const c = await checkDmarc(resolver(), fromDomain);
          assert.equal(c.parsed?.effectivePolicy, v.dmarc.policy, `${what}: DMARC policy`);
        }
      }
    });
  });
}
