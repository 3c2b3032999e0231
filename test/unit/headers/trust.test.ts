import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { at, byCode, CONTOSO, fixture } from './helpers';

const NOW = Date.parse('2024-04-10T00:00:00Z');

describe('trust boundary', () => {
  it('Microsoft 365: the EOP hop is the boundary, found without configuration', () => {
    const a = analyzeHeaders(fixture('o365-inbound.txt'), { org: CONTOSO, now: NOW });
    assert.equal(a.trustBoundary.hop, 1);
    assert.equal(a.hops[1]!.by, 'BN2PEPF000044A9.mail.protection.outlook.com');
    assert.deepEqual(
      a.hops.map((h) => h.trust),
      ['outside', 'org', 'org', 'org', 'org'],
    );
    assert.ok(a.trustBoundary.orgMarkers.includes('protection.outlook.com'));
    assert.match(a.trustBoundary.how, /recognised automatically: Microsoft 365's own servers/);
  });

  it('Gmail: auto-detected from the topmost authserv-id, the IPv6 delivery hop stays inside', () => {
    const a = analyzeHeaders(fixture('gmail.txt'), { org: { domains: ['gmail.com'], displayNames: [] }, now: NOW });
    assert.deepEqual(
      a.hops.map((h) => [h.by, h.trust]),
      [
        ['mail.fabrikam.org', 'outside'],
        ['mx.google.com', 'org'],
        ['2002:a05:7300:8b0b:b0:f5:3c60:3b42', 'org'],
      ],
    );
  });

  it('Exchange on-premises: internal .local servers belong to contoso.com', () => {
    const a = analyzeHeaders(fixture('exchange-onprem.txt'), { org: { ...CONTOSO, authservIds: ['edge01.contoso.com'] }, now: NOW });
    assert.equal(a.trustBoundary.hop, 1);
    assert.deepEqual(
      a.hops.map((h) => h.trust),
      ['outside', 'org', 'org', 'org'],
    );
    assert.doesNotMatch(a.trustBoundary.how, /automatically/);
  });

  it('a forged hop claiming your server below the boundary stays outside and is reported', () => {
    const text = fixture('phishing-lookalike.txt');
    const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });
    assert.equal(a.hops[0]!.by, 'mail.contoso.com');
    assert.equal(a.hops[0]!.trust, 'outside');
    const f = byCode(a.findings, 'hdr-org-hop-below-boundary')[0]!;
    assert.match(at(text, f), /^Received: from contoso\.com \(mail\.contoso\.com \[10\.0\.0\.25\]\)/);
  });

  it('unknown organisation: no boundary, every hop unknown, and a hint', () => {
    const a = analyzeHeaders(fixture('rfc2047-charsets.txt'), { org: CONTOSO, now: NOW });
    assert.equal(a.trustBoundary.hop, null);
    assert.ok(a.hops.every((h) => h.trust === 'unknown'));
    assert.equal(byCode(a.findings, 'hdr-trust-boundary-unknown').length, 1);
  });

  it('trusted Authentication-Results: the configured authserv-id wins over a forged topmost one', () => {
    const text = [
      'Authentication-Results: mx.contoso.com; spf=fail smtp.mailfrom=evil.example',
      'Received: from evil.example (evil.example [203.0.113.5]) by mx.contoso.com; Mon, 8 Apr 2024 07:42:08 +0000',
      'Authentication-Results: fake.evil.example; spf=pass smtp.mailfrom=evil.example; dmarc=pass header.from=evil.example',
      'From: a@evil.example',
      '',
    ].join('\n');
    const forgedOnTop = text.split('\n');
    [forgedOnTop[0], forgedOnTop[2]] = [forgedOnTop[2]!, forgedOnTop[0]!];
    const a = analyzeHeaders(forgedOnTop.join('\n'), { org: { ...CONTOSO, authservIds: ['mx.contoso.com'] }, now: NOW });
    const trusted = a.authentication.results[a.authentication.trusted!]!;
    assert.equal(trusted.authservId, 'mx.contoso.com');
    assert.equal(a.authentication.spf, 'fail');
    assert.match(a.authentication.trustedReason, /your authserv-id mx\.contoso\.com/);
    assert.equal(byCode(a.findings, 'hdr-auth-results-ignored').length, 1);
    const b = analyzeHeaders(text, { org: CONTOSO, now: NOW });
    assert.equal(b.authentication.results[b.authentication.trusted!]!.authservId, 'mx.contoso.com', 'without configuration: the topmost');
  });
});
