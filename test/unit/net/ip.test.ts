import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { isIPv4, isIPv6 } from '../../../src/core/net/ip';

const SAMPLES = [
  '0.0.0.0', '192.0.2.1', '255.255.255.255', '256.1.1.1', '010.0.0.1', '1.2.3.04', '1.2.3', '1.2.3.4.5', '1.2.3.', '.1.2.3', '1..2.3', ' 1.2.3.4', '1.2.3.4 ', '0x7f.0.0.1', '',
  '::', '::1', '1::', '2001:db8::1', '2001:DB8:0:0:8:800:200C:417A', '2001:0db8:0000:0000:0000:0000:0000:0001', '::ffff:192.0.2.1', '64:ff9b::192.0.2.33',
  '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1::2:3:4:5:6:7', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4',
  '1::2::3', ':1::', '1:::2', '12345::', 'g::1', '::1.2.3', '1.2.3.4::', '::1.2.3.4:5', '2001:db8::/32', 'fe80:::1',
];

void describe('IP literal checks', () => {
  void it('agree with node:net on every sample', () => {
    for (const s of SAMPLES) {
      assert.equal(isIPv4(s), net.isIPv4(s), `isIPv4(${JSON.stringify(s)})`);
      assert.equal(isIPv6(s), net.isIPv6(s), `isIPv6(${JSON.stringify(s)})`);
    }
  });

  void it('reject zone ids, which SPF has no place for (node:net accepts them)', () => {
    assert.equal(net.isIPv6('fe80::1%eth0'), true);
    assert.equal(isIPv6('fe80::1%eth0'), false);
  });

  void it('accept the forms published by big senders', () => {
    for (const ip of ['2a01:111:f403:8000::', '2607:f8b0:4000::', '2404:6800:4000::', '40.92.0.0', '209.85.128.0']) {
      assert.ok(isIPv4(ip) || isIPv6(ip), ip);
    }
  });
});
