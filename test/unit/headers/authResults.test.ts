import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAuthResults } from '../../../src/core/headers/authResults';

const results = (v: string, arc = false) => parseAuthResults(v, arc).results.map((r) => `${r.method}=${r.result}`);

describe('parseAuthResults (RFC 8601)', () => {
  it('reads authserv-id, version, methods, reasons and properties', () => {
    const p = parseAuthResults(
      'mx.example.net 1; dkim=pass reason="good signature" header.d=example.com header.i=@example.com header.s=s1 header.b=Ab+/cd==; spf=pass smtp.mailfrom=user@example.com smtp.helo=mail.example.com; dmarc=pass policy.dmarc=reject header.from=example.com',
      false,
    );
    assert.equal(p.authservId, 'mx.example.net');
    assert.equal(p.version, '1');
    assert.deepEqual(
      p.results.map((r) => [r.method, r.result, r.reason]),
      [
        ['dkim', 'pass', 'good signature'],
        ['spf', 'pass', null],
        ['dmarc', 'pass', null],
      ],
    );
    const dkim = p.results[0]!;
    assert.deepEqual(
      dkim.properties.map((x) => `${x.ptype}.${x.property}=${x.value}`),
      ['header.d=example.com', 'header.i=@example.com', 'header.s=s1', 'header.b=Ab+/cd=='],
    );
    assert.equal(p.results[1]!.properties[1]!.value, 'mail.example.com');
    assert.equal(p.results[2]!.properties[0]!.ptype, 'policy');
    assert.equal(p.problems.length, 0);
  });

  it('never counts a result written inside a comment', () => {
    const p = parseAuthResults('mx.contoso.com; spf=pass (not spf=fail; dkim=fail per the sender) smtp.mailfrom=example.net; dkim=pass header.d=example.net', false);
    assert.deepEqual(
      p.results.map((r) => `${r.method}=${r.result}`),
      ['spf=pass', 'dkim=pass'],
    );
    assert.deepEqual(p.results[0]!.comments, ['not spf=fail; dkim=fail per the sender']);
  });

  it('handles nested comments and comments between every token', () => {
    assert.deepEqual(results('mx.example (a (b) c); spf (x) = (y) fail (z) smtp.mailfrom (w) = example.com'), ['spf=fail']);
  });

  it('reads Microsoft 365: no authserv-id, action= after dmarc, compauth with reason', () => {
    const p = parseAuthResults(
      'spf=pass (sender IP is 198.51.100.41) smtp.mailfrom=fabrikam.com; dkim=pass (signature was verified) header.d=fabrikam.com;dmarc=pass action=none header.from=fabrikam.com;compauth=pass reason=100',
      false,
    );
    assert.equal(p.authservId, null);
    assert.deepEqual(
      p.results.map((r) => `${r.method}=${r.result}`),
      ['spf=pass', 'dkim=pass', 'dmarc=pass', 'compauth=pass'],
    );
    assert.deepEqual(p.results[2]!.extras, { action: 'none' });
    assert.equal(p.results[3]!.reason, '100');
    assert.equal(p.problems.length, 0);
  });

  it('reads the ARC instance of an ARC-Authentication-Results', () => {
    const p = parseAuthResults('i=2; relay.fwd.example.net; dkim=pass header.d=lists.example.org', true);
    assert.equal(p.instance, 2);
    assert.equal(p.authservId, 'relay.fwd.example.net');
    assert.match(parseAuthResults('relay.example; spf=pass', true).problems[0]!.message, /i=/);
  });

  it('accepts "none" (no result) and method versions', () => {
    assert.deepEqual(results('mx.example.net; none'), []);
    const p = parseAuthResults('mx.example.net; dkim/1=pass header.d=example.com', false);
    assert.equal(p.results[0]!.version, '1');
  });

  it('lower-cases methods and results, keeps property values as written', () => {
    const p = parseAuthResults('MX.Example.NET; SPF=SoftFail smtp.mailfrom=User@Example.COM', false);
    assert.equal(p.results[0]!.method, 'spf');
    assert.equal(p.results[0]!.result, 'softfail');
    assert.equal(p.results[0]!.properties[0]!.value, 'User@Example.COM');
  });

  it('reports what it cannot read, with offsets', () => {
    const v = 'mx.example.net; spf pass; dkim=pass header.d; dmarc=fail (unclosed';
    const p = parseAuthResults(v, false);
    const messages = p.problems.map((x) => x.message);
    assert.ok(messages.some((m) => /"spf pass" is not a method=result pair/.test(m)), messages.join(' | '));
    assert.ok(messages.some((m) => /header\.d/.test(m)));
    assert.ok(messages.some((m) => /never closed/.test(m)));
    const bad = p.problems.find((x) => x.message.includes('spf pass'))!;
    assert.equal(v.slice(bad.start, bad.end), 'spf pass');
    assert.deepEqual(
      p.results.map((r) => r.method),
      ['dkim', 'dmarc'],
    );
  });

  it('offsets of results point at the result text', () => {
    const v = 'mx.example.net; spf=pass smtp.mailfrom=a.example; dkim=fail header.d=b.example';
    const p = parseAuthResults(v, false);
    assert.equal(v.slice(p.results[1]!.start, p.results[1]!.end), 'dkim=fail header.d=b.example');
    const prop = p.results[0]!.properties[0]!;
    assert.equal(v.slice(prop.start, prop.end), 'smtp.mailfrom=a.example');
  });
});
