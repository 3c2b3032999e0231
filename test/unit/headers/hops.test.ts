import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { at, byCode, CONTOSO, fixture } from './helpers';

const NOW = Date.parse('2024-04-10T00:00:00Z');

describe('hops and delays', () => {
  const text = fixture('clock-skew.txt');
  const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });

  it('lists hops oldest first and keeps hops without a usable date', () => {
    assert.deepEqual(
      a.hops.map((h) => [h.from, h.by, h.with, h.time?.iso ?? null]),
      [
        ['laptop', 'app00', 'ESMTP', null],
        ['app00', 'app01', 'local', null],
        ['unknown', 'gw.example.net', 'SMTP', '2024-03-15T10:00:02.000Z'],
        ['gw.example.net', 'relay.example.net', 'esmtps', '2024-03-15T10:07:30.000Z'],
        ['relay.example.net', 'mx2.contoso.com', 'ESMTPS', '2024-03-15T10:00:08.000Z'],
        ['mx2.contoso.com', 'mbx.contoso.com', 'LMTP', '2024-03-15T10:00:10.000Z'],
      ],
    );
    const noDate = byCode(a.findings, 'hdr-received-no-date');
    assert.equal(noDate.length, 2);
    assert.equal(at(text, noDate[0]!), '31 Feb 2024 10:00:00 +0000');
  });

  it('computes each delay and the total, negative delays shown as they are', () => {
    assert.deepEqual(
      a.hops.map((h) => h.delaySeconds),
      [null, null, 4, 448, -442, 2],
    );
    assert.equal(a.hops[2]!.delayFrom, 'date-header');
    assert.equal(a.hops[3]!.delayFrom, 'previous-hop');
    assert.equal(a.summary.totalDelaySeconds, 8);
  });

  it('names the host whose clock is off', () => {
    const skew = byCode(a.findings, 'hdr-clock-skew').find((f) => f.severity === 'warning')!;
    assert.equal(skew.data!['suspect'], 'relay.example.net');
    assert.equal(skew.data!['direction'], 'ahead');
    assert.match(skew.message, /the clock of relay\.example\.net is probably ahead/);
  });

  it('blames the later host when its clock is behind', () => {
    const t = [
      'Received: from b.example by c.example; Fri, 15 Mar 2024 10:00:20 +0000',
      'Received: from a.example by b.example; Fri, 15 Mar 2024 09:50:00 +0000',
      'Received: from x.example by a.example; Fri, 15 Mar 2024 10:00:00 +0000',
      'From: a@a.example',
      '',
    ].join('\n');
    const skew = byCode(analyzeHeaders(t, { org: CONTOSO, now: NOW }).findings, 'hdr-clock-skew')[0]!;
    assert.equal(skew.data!['suspect'], 'b.example');
    assert.equal(skew.data!['direction'], 'behind');
  });

  it('does not turn a qmail comment into a hop', () => {
    assert.equal(a.localStamps.length, 1);
    assert.match(a.localStamps[0]!.text, /^\(qmail 4242 invoked by uid 89\)/);
    assert.equal(a.localStamps[0]!.time!.iso, '2024-03-15T10:00:01.000Z');
    assert.ok(!a.hops.some((h) => h.by === null && h.from === null));
  });
});
