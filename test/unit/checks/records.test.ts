import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { orgDomainPsl, treeWalkParents } from '../../../src/core/checks/dmarcDiscovery';
import { parseMtaSts } from '../../../src/core/checks/mtaSts';
import { parseTlsRpt } from '../../../src/core/checks/tlsRpt';

void describe('DMARC discovery names', () => {
  void it('walks up one label at a time to the top-level domain', () => {
    assert.deepEqual(treeWalkParents('a.b.example.co.uk'), ['b.example.co.uk', 'example.co.uk', 'co.uk', 'uk']);
    assert.deepEqual(treeWalkParents('example.com'), ['com']);
    assert.deepEqual(treeWalkParents('com'), []);
  });

  void it('jumps to the last seven labels from a name of eight or more', () => {
    // 10 labels: the walk goes on with the last 7, so at most 8 queries in all
    assert.deepEqual(treeWalkParents('1.2.3.4.5.6.7.8.example.com'), ['4.5.6.7.8.example.com', '5.6.7.8.example.com', '6.7.8.example.com', '7.8.example.com', '8.example.com', 'example.com', 'com']);
    // 7 labels: one at a time
    assert.deepEqual(treeWalkParents('a.b.c.d.e.example.com')[0], 'b.c.d.e.example.com');
  });

  void it('uses the PSL with private suffixes, like mailauth', () => {
    assert.equal(orgDomainPsl('x.dept.example.co.uk'), 'example.co.uk');
    assert.equal(orgDomainPsl('project.github.io'), 'project.github.io');
  });
});

void describe('MTA-STS record', () => {
  void it('reads id and extensions', () => {
    assert.deepEqual(parseMtaSts('v=STSv1; id=20240101T000000Z; ext_1=x;', 'n'), { id: '20240101T000000Z', extensions: { ext_1: 'x' }, findings: [] });
  });

  void it('rejects a bad id, a missing id and a wrong version, at the spot', () => {
    const bad = parseMtaSts('v=STSv1; id=2024-01-01', 'n');
    assert.equal(bad.findings.length, 1);
    assert.equal('v=STSv1; id=2024-01-01'.slice(bad.findings[0]!.span.start, bad.findings[0]!.span.end), 'id=2024-01-01');
    assert.match(parseMtaSts('v=STSv1;', 'n').findings[0]!.message, /no id=/);
    assert.match(parseMtaSts('v=STSv2; id=1', 'n').findings[0]!.message, /must start with "v=STSv1"/);
  });
});

void describe('TLS-RPT record', () => {
  void it('reads mailto: and https: destinations', () => {
    assert.deepEqual(parseTlsRpt('v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.net/tls', 'n'), { rua: ['mailto:a@example.com', 'https://r.example.net/tls'], findings: [] });
  });

  void it('rejects other schemes and a record without rua', () => {
    const r = parseTlsRpt('v=TLSRPTv1; rua=http://x.example', 'n');
    assert.equal('v=TLSRPTv1; rua=http://x.example'.slice(r.findings[0]!.span.start, r.findings[0]!.span.end), 'http://x.example');
    assert.match(parseTlsRpt('v=TLSRPTv1;', 'n').findings[0]!.message, /no rua=/);
  });
});
