import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { receivedClient } from '../../../src/core/checks/receivedClient';
import { verifyMessage } from '../../../src/core/checks/verifyMessage';
import { fakeResolver } from '../dns/fakeResolver';

const body = 'From: Alice <alice@example.com>\r\nTo: bob@example.net\r\nSubject: hi\r\n\r\nHello\r\n';

void describe('the client a message names in its Received headers', () => {
  void it('takes the first Received header with a from clause, IPv4 and IPv6', () => {
    const top = 'Received: by mx.example.net (Postfix) id 1; Mon, 1 Jan 2024 10:00:01 +0000\r\n';
    const v4 = `${top}Received: from mail.example.com (mail.example.com\r\n [192.0.2.55]) by mx.example.net; Mon, 1 Jan 2024 10:00:00 +0000\r\n${body}`;
    assert.deepEqual({ ...receivedClient(v4), header: undefined }, { ip: '192.0.2.55', helo: 'mail.example.com', header: undefined });
    const v6 = `Received: from out.example.com (out.example.com [IPv6:2001:db8::25]) by mx.example.net; Mon, 1 Jan 2024 10:00:00 +0000\r\n${body}`;
    assert.equal(receivedClient(v6).ip, '2001:db8::25');
  });

  void it('gives nothing when no Received header names a client address', () => {
    assert.deepEqual(receivedClient(body), {});
    const noIp = `Received: from localhost by mx.example.net; Mon, 1 Jan 2024 10:00:00 +0000\r\n${body}`;
    assert.deepEqual(receivedClient(noIp), {});
  });

  void it('takes the IP from the Received field that names one: a bare address in the TCP-info, the HELO as written there', () => {
    const m = `Received: from localhost by mx.example.net; Mon, 1 Jan 2024 10:00:02 +0000\r\nReceived: from Mail.Example.COM (host (203.0.113.45)) by mx.example.net; Mon, 1 Jan 2024 10:00:00 +0000\r\n${body}`;
    const c = receivedClient(m);
    assert.equal(c.ip, '203.0.113.45');
    assert.equal(c.helo, 'Mail.Example.COM');
    assert.match(c.header!, /^from Mail\.Example\.COM/);
  });

  void it('takes MAIL FROM from the Return-Path (the envelope-from of the Received field first)', () => {
    assert.equal(receivedClient(`Return-Path: <bounce@example.com>\r\n${body}`).sender, 'bounce@example.com');
    assert.equal(receivedClient(`Return-Path: <>\r\n${body}`).sender, '');
    const ef = `Return-Path: <a@example.com>\r\nReceived: from a (a [192.0.2.1]) by b (envelope-from <b@example.org>); Mon, 1 Jan 2024 10:00:00 +0000\r\n${body}`;
    assert.equal(receivedClient(ef).sender, 'b@example.org');
  });

  void it('reads a 1 MB Received field and 10,000 Received fields in bounded time', () => {
    for (const m of [
      `Received: from a ${'by x with y id z for w via v '.repeat(35_000)}\r\n${body}`,
      `${'Received: from a\r\n\t'.repeat(50_000)}\r\n${body}`,
      `${'Received: from a (a [192.0.2.1) by b\r\n'.repeat(10_000)}${body}`,
    ]) {
      const t = performance.now();
      receivedClient(m);
      assert.ok(performance.now() - t < 2000, `took ${Math.round(performance.now() - t)} ms`);
    }
  });

  void it('agrees with the address verifyMessage evaluates SPF for', async () => {
    for (const m of [
      `Received: from a.example.com (a.example.com [198.51.100.7]) by mx; Mon, 1 Jan 2024 10:00:00 +0000\r\n${body}`,
      `Received: by mx; Mon, 1 Jan 2024 10:00:00 +0000\r\nReceived: from b (b [203.0.113.9]) by c; Mon, 1 Jan 2024 09:00:00 +0000\r\n${body}`,
      body,
    ]) {
      const r = await verifyMessage(fakeResolver({}), m);
      assert.equal(r.spf.clientIp, receivedClient(m).ip);
    }
  });
});
