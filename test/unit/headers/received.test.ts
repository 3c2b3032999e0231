import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReceived } from '../../../src/core/headers/received';

describe('parseReceived', () => {
  it('reads a Postfix stamp with TLS comments', () => {
    const r = parseReceived(
      'from mail.example.org (mail.example.org [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by mx.example.net (Postfix) with ESMTPS id 4Tq9Xz0ZbKz9rxL for <bob@example.net>; Tue,  5 Mar 2024 10:00:01 +0100 (CET)',
    );
    assert.equal(r.from, 'mail.example.org');
    assert.equal(r.fromHost, 'mail.example.org');
    assert.equal(r.fromIp, '192.0.2.10');
    assert.equal(r.by, 'mx.example.net');
    assert.equal(r.with, 'ESMTPS', 'the "with" inside a comment is not a clause');
    assert.equal(r.id, '4Tq9Xz0ZbKz9rxL');
    assert.equal(r.for, 'bob@example.net');
    assert.equal(r.time!.iso, '2024-03-05T09:00:01.000Z');
    assert.ok(r.comments.includes('Postfix'));
    assert.equal(r.localStamp, false);
  });

  it('reads an Exchange stamp with IPv6 and "via"', () => {
    const r = parseReceived(
      'from BN2PEPF000044A9.namprd04.prod.outlook.com (2603:10b6:408:131:cafe::4f) by BN9PR03CA0512.outlook.office365.com (2603:10b6:408:131::7) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.24 via Frontend Transport; Tue, 5 Mar 2024 09:15:03 +0000',
    );
    assert.equal(r.from, 'BN2PEPF000044A9.namprd04.prod.outlook.com');
    assert.equal(r.fromIp, '2603:10b6:408:131:cafe::4f');
    assert.equal(r.by, 'BN9PR03CA0512.outlook.office365.com');
    assert.equal(r.byIp, '2603:10b6:408:131::7');
    assert.equal(r.with, 'Microsoft SMTP Server');
    assert.equal(r.id, '15.20.7362.24');
    assert.equal(r.via, 'Frontend Transport');
  });

  it('reads Gmail stamps, including a "by" without "from"', () => {
    const r = parseReceived('from mail.fabrikam.org (mail.fabrikam.org. [203.0.113.25]) by mx.google.com with ESMTPS id b12si1234567ejq.456 for <marta@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Wed, 06 Mar 2024 03:22:18 -0800 (PST)');
    assert.equal(r.fromHost, 'mail.fabrikam.org', 'trailing dot removed');
    assert.equal(r.fromIp, '203.0.113.25');
    const top = parseReceived('by 2002:a05:7300:8b0b:b0:f5:3c60:3b42 with SMTP id l11csp1234567dyb; Wed, 6 Mar 2024 03:22:19 -0800 (PST)');
    assert.equal(top.from, null);
    assert.equal(top.by, '2002:a05:7300:8b0b:b0:f5:3c60:3b42');
    assert.equal(top.localStamp, false);
  });

  it('reads qmail and Exim forms', () => {
    const q = parseReceived('from unknown (HELO app01) (203.0.113.7) by gw.example.net with SMTP; Fri, 15 Mar 2024 10:00:02 +0000');
    assert.equal(q.from, 'unknown');
    assert.equal(q.fromHost, null, '"HELO" is not a host name');
    assert.equal(q.fromIp, '203.0.113.7');
    const e = parseReceived('from [198.51.100.9] (port=51234 helo=mail.example.com) by mx.example.org with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.com>) id 1rXyZ-000abc-Def for bob@example.org; Fri, 15 Mar 2024 10:00:02 +0000');
    assert.equal(e.from, '[198.51.100.9]');
    assert.equal(e.fromIp, '198.51.100.9');
    assert.equal(e.id, '1rXyZ-000abc-Def');
    assert.equal(e.for, 'bob@example.org');
  });

  it('does not make a hop of a comment-only qmail stamp', () => {
    const r = parseReceived('(qmail 4242 invoked by uid 89); 15 Mar 2024 10:00:01 -0000');
    assert.equal(r.localStamp, true);
    assert.equal(r.by, null, 'the "by" inside the comment is not a clause');
    assert.equal(r.time!.iso, '2024-03-15T10:00:01.000Z');
  });

  it('takes the date after the last ";" outside comments', () => {
    const r = parseReceived('from a.example (a.example [192.0.2.1]; weird) by b.example; Fri, 15 Mar 2024 10:00:02 +0000');
    assert.equal(r.time!.iso, '2024-03-15T10:00:02.000Z');
    const none = parseReceived('from laptop by app00 with ESMTP id dd04');
    assert.equal(none.dateText, null);
    assert.equal(none.time, null);
  });
});
