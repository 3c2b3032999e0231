import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { verifyMessage } from '../../../src/core/checks/verifyMessage';
import type { NamedInstance } from '../harness';
import { plainMessage, signed, signedWithBodyLength } from '../messages';

export function verifySuite(named: () => NamedInstance): void {
  void describe('verify a message end to end against named', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });
    let message = '';
    before(async () => {
      message = await signed(plainMessage());
    });

    void it('passes DKIM (both selectors, one through a CNAME), SPF and DMARC', async () => {
      const r = await verifyMessage(resolver(), message, { ip: '192.0.2.55', sender: 'alice@example.com', helo: 'mail.example.com' });
      assert.deepEqual(r.dkim.map((s) => [s.selector, s.result, s.aligned, s.keyBits]), [['mail2024', 'pass', true, 2048], ['safemail', 'pass', true, 2048]]);
      assert.equal(r.spf.result, 'pass');
      assert.equal(r.spf.clientIpSource, 'given');
      assert.equal(r.dmarc?.result, 'pass');
      assert.equal(r.verdict, 'pass');
      assert.deepEqual(r.findings, []);
      const viaCname = r.dns.find((e) => e.name === 'safemail._domainkey.example.com')!;
      assert.equal(viaCname.chain[0]!.target, 'safemailhop.example.net');
      assert.equal(viaCname.records[0]!.ttl, 1800);
      assert.match(r.authenticationResults, /^Authentication-Results: mailsec;/);
      assert.match(r.authenticationResults, /dkim=pass/);
    });

    void it('names a changed body, and still passes DMARC through SPF (verdict warn)', async () => {
      const tampered = message.replace('the numbers are attached.', 'the numbers are attached. Pay to IBAN XX00 0000.');
      const r = await verifyMessage(resolver(), tampered, { ip: '192.0.2.55', sender: 'alice@example.com' });
      assert.ok(r.dkim.every((s) => s.result === 'neutral' || s.result === 'fail'));
      assert.ok(r.dkim.every((s) => s.bodyHashMatches === false));
      assert.ok(r.findings.some((f) => f.code === 'verify-dkim-fail' && /body was changed/.test(f.message)));
      assert.equal(r.dmarc?.result, 'pass');
      assert.equal(r.verdict, 'warn');
    });

    void it('fails DMARC for a changed body sent from an unauthorised address', async () => {
      const tampered = message.replace('Hello Bob', 'Hello Eve');
      const r = await verifyMessage(resolver(), tampered, { ip: '2001:db8:ffff::9', sender: 'alice@example.com' });
      assert.equal(r.spf.result, 'fail');
      assert.equal(r.dmarc?.result, 'fail');
      assert.equal(r.verdict, 'fail');
      assert.ok(r.findings.some((f) => f.code === 'verify-dmarc-fail'));
    });

    void it('warns about l= when content was appended after the signed part', async () => {
      const m = (await signedWithBodyLength(plainMessage(), 12)) + 'Appended by someone else.\r\n';
      const r = await verifyMessage(resolver(), m, { ip: '192.0.2.55', sender: 'alice@example.com' });
      assert.equal(r.dkim[0]!.bodyLengthLimited, true);
      assert.equal(r.dkim[0]!.result, 'pass');
      assert.ok(r.findings.some((f) => f.code === 'verify-dkim-body-length'));
      assert.equal(r.verdict, 'warn');
    });

    void it('keeps mailauth\'s debug line off stdout when the body is shorter than l=', async () => {
      const m = (await signedWithBodyLength(plainMessage(), 12)).replace('Hello Bob,\r\nthe numbers are attached.\r\n', 'Hi\r\n');
      const printed: unknown[][] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => void printed.push(args);
      try {
        const r = await verifyMessage(resolver(), m, { ip: '192.0.2.55', sender: 'alice@example.com' });
        assert.notEqual(r.dkim[0]!.result, 'pass');
      } finally {
        console.log = log;
      }
      assert.deepEqual(printed, []);
    });

    void it('takes the client IP from the top Received header when none is given', async () => {
      const received = 'Received: from mail.example.com (mail.example.com [192.0.2.77])\r\n\tby mx.example.net with ESMTPS id abc; Mon, 01 Jan 2024 10:00:01 +0000';
      const r = await verifyMessage(resolver(), received + '\r\n' + message);
      assert.equal(r.spf.clientIp, '192.0.2.77');
      assert.equal(r.spf.clientIpSource, 'received');
      assert.equal(r.spf.result, 'pass');
    });

    void it('reports an unsigned message without client IP plainly', async () => {
      const r = await verifyMessage(resolver(), plainMessage());
      assert.deepEqual(r.findings.map((f) => f.code).sort(), ['verify-dkim-none', 'verify-dmarc-fail', 'verify-no-client-ip']);
      assert.equal(r.spf.result, 'none');
      assert.equal(r.verdict, 'fail');
    });

    void it('says "not a message" for an empty file and one of blank lines (not WARN)', async () => {
      for (const m of ['', '\r\n\r\n', Buffer.alloc(0)]) {
        const r = await verifyMessage(resolver(), m);
        assert.equal(r.verdict, 'error');
        assert.equal(r.input, 'not-a-message');
        assert.match(r.summary, /^Not a message/);
        assert.deepEqual(r.findings.map((f) => f.code), ['verify-not-a-message']);
        assert.equal(r.dns.length, 0);
      }
    });

    void it('finds the DKIM-Signature of a header-only file and says the body hash cannot be checked', async () => {
      const headerOnly = message.slice(0, message.indexOf('\r\n\r\n')) + '\r\n';
      const r = await verifyMessage(resolver(), headerOnly, { ip: '192.0.2.55', sender: 'alice@example.com' });
      assert.equal(r.input, 'header-only');
      assert.deepEqual(r.dkim.map((s) => [s.selector, s.result, s.bodyUnchecked]), [['mail2024', 'neutral', true], ['safemail', 'neutral', true]]);
      assert.ok(r.findings.some((f) => f.code === 'verify-header-only' && /2 DKIM signature\(s\) found, but their body hash cannot be checked/.test(f.message)));
      assert.ok(!r.findings.some((f) => f.code === 'verify-dkim-fail'));
      assert.match(r.summary, /header only/);
      // without even a final line break
      const bare = await verifyMessage(resolver(), headerOnly.trimEnd());
      assert.equal(bare.dkim.length, 2);
    });

    void it('writes an Authentication-Results without "undefined" that agrees with its own table', async () => {
      for (const m of [message, plainMessage(), message.replace('Hello Bob', 'Hello Eve')]) {
        const r = await verifyMessage(resolver(), m);
        assert.doesNotMatch(r.authenticationResults, /undefined/);
        const methods = r.authenticationResults.split(/;\n /).slice(1).map((l) => /^(\w+)=(\w+)/.exec(l)!.slice(1, 3));
        const table = [...(r.dkim.length ? r.dkim.map((s) => ['dkim', s.result]) : [['dkim', 'none']]), ['spf', r.spf.result], ...(r.arc ? [['arc', r.arc.result]] : []), ...(r.dmarc ? [['dmarc', r.dmarc.result]] : [])];
        assert.deepEqual(methods, table);
      }
    });

    void it('takes the client IP from "from host (203.0.113.45)" below a Received field without one, the HELO as written', async () => {
      const top = 'Received: by mx.example.net (Postfix, from userid 0) id 1; Mon, 01 Jan 2024 10:00:02 +0000';
      const hop = 'Received: from Mail.Example.COM (host (203.0.113.45)) by mx.example.net; Mon, 01 Jan 2024 10:00:01 +0000';
      const r = await verifyMessage(resolver(), `${top}\r\n${hop}\r\n${message}`);
      assert.equal(r.spf.clientIp, '203.0.113.45');
      assert.equal(r.spf.clientIpSource, 'received');
      assert.equal(r.spf.helo, 'Mail.Example.COM');
      assert.match(r.authenticationResults, /smtp\.helo=Mail\.Example\.COM/);
    });

    void it('verifies a message with a 1 MB Received field in bounded time (the field is left out)', async () => {
      const huge = `Received: from a ${'by x with y id z for w via v '.repeat(36_000)}; Mon, 01 Jan 2024 10:00:01 +0000`;
      const t = performance.now();
      const r = await verifyMessage(resolver(), `${huge}\r\n${message}`, { ip: '192.0.2.55' });
      assert.ok(performance.now() - t < 5000, `took ${Math.round(performance.now() - t)} ms`);
      assert.ok(r.findings.some((f) => f.code === 'verify-received-bounded'));
      assert.deepEqual(r.dkim.map((s) => s.result), ['pass', 'pass']);
    });
  });
}
