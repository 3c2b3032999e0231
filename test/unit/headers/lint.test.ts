import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { lintHeaders } from '../../../src/core/headers/lint';
import { at, CONTOSO, fixture, FIXTURES } from './helpers';

const NOW = Date.parse('2024-04-10T00:00:00Z');

describe('lintHeaders', () => {
  it('flags a From with several addresses, on its value', () => {
    const text = 'From: a@example.com, b@example.com\nDate: Mon, 8 Apr 2024 07:42:08 +0000\n';
    const f = lintHeaders(text, { now: NOW });
    assert.deepEqual(
      f.map((x) => x.code),
      ['hdr-from-multiple'],
    );
    assert.equal(at(text, f[0]!), ' a@example.com, b@example.com');
  });

  it('flags a Date in the future or unreadable', () => {
    const future = 'Date: Sat, 1 Jan 2050 00:00:00 +0000\n';
    assert.deepEqual(
      lintHeaders(future, { now: NOW }).map((x) => x.code),
      ['hdr-date-future'],
    );
    const bad = 'Subject: x\nDate: 2024-04-08 07:42\n';
    const f = lintHeaders(bad, { now: NOW });
    assert.equal(f[0]!.code, 'hdr-date-invalid');
    assert.equal(at(bad, f[0]!), ' 2024-04-08 07:42');
    assert.deepEqual(lintHeaders('Date: Mon, 8 Apr 2024 07:42:08 +0000\n', { now: NOW }), []);
  });

  it('flags malformed Authentication-Results at the bad spot', () => {
    const text = 'Authentication-Results: mx.example.net; spf pass; dkim=pass\n';
    const f = lintHeaders(text, { now: NOW });
    assert.equal(f[0]!.code, 'hdr-auth-results-malformed');
    assert.equal(at(text, f[0]!), 'spf pass');
  });

  it('flags lines that are not fields, encoded-word tricks and DKIM problems, in text order', () => {
    const text = ['Subject: =?UTF-8?Q?a=00b?=', 'not a header line', 'DKIM-Signature: v=1; a=rsa-sha1; d=example.com; s=s; h=to; bh=x; b=y', ''].join('\n');
    const f = lintHeaders(text, { now: NOW });
    assert.deepEqual(
      f.map((x) => x.code),
      ['hdr-encoded-nul', 'hdr-malformed-line', 'hdr-dkim-weak-algorithm', 'hdr-dkim-from-unsigned'],
    );
    assert.ok(f.every((x, i) => i === 0 || f[i - 1]!.span.start <= x.span.start));
  });

  it('says nothing about a clean header', () => {
    assert.deepEqual(lintHeaders(fixture('gmail.txt'), { now: NOW }), []);
  });

  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'))) {
    it(`${name}: every lint finding is also in the analysis, at the same place`, () => {
      const text = fixture(name);
      const lint = lintHeaders(text, { now: NOW });
      const all = analyzeHeaders(text, { org: CONTOSO, now: NOW }).findings.map((f) => `${f.code}@${f.span.start}-${f.span.end}`);
      for (const f of lint) assert.ok(all.includes(`${f.code}@${f.span.start}-${f.span.end}`), `${f.code} ${at(text, f)}`);
    });
  }
});
