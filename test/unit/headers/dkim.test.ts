import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDkimSignature, parseTagList } from '../../../src/core/headers/dkim';
import { parseHeaderBlock } from '../../../src/core/headers/parse';
import { at } from './helpers';

const NOW = Date.parse('2024-03-05T12:00:00Z');
const field = (text: string) => parseHeaderBlock(text).fields[0]!;
const SIG = (extra: string) =>
  `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;\n\tt=1709630101; ${extra}\n\th=from:to:subject:date; bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\n\tb=Zm9v YmFy\n\t YmF6\n`;

describe('DKIM-Signature', () => {
  it('reads the tags and removes folding whitespace from b=', () => {
    const { tags, duplicates, bad } = parseTagList(field(SIG('x=1710234901;')).unfolded);
    assert.equal(tags['b'], 'Zm9vYmFyYmF6');
    assert.equal(tags['d'], 'example.com');
    assert.deepEqual(duplicates, []);
    assert.deepEqual(bad, []);
  });

  it('a sound signature gives no findings and aligned flags', () => {
    const { sig, findings } = analyzeDkimSignature(field(SIG('x=1710234901;')), 'mail.example.com', NOW);
    assert.deepEqual(findings, []);
    assert.equal(sig.algorithm, 'rsa-sha256');
    assert.equal(sig.selector, 's1');
    assert.deepEqual(sig.signedHeaders, ['from', 'to', 'subject', 'date']);
    assert.equal(sig.signedAt, 1709630101000);
    assert.equal(sig.expired, false);
    assert.equal(sig.alignedRelaxed, true);
    assert.equal(sig.alignedStrict, false);
  });

  it('flags an expired signature at its x= tag', () => {
    const text = SIG('x=1709630200;');
    const { findings, sig } = analyzeDkimSignature(field(text), null, NOW);
    assert.equal(sig.expired, true);
    assert.equal(findings[0]!.code, 'hdr-dkim-expired');
    assert.equal(at(text, findings[0]!), 'x=1709630200');
  });

  it('warns about l=, an unsigned From and rsa-sha1', () => {
    const text = 'DKIM-Signature: v=1; a=rsa-sha1; d=example.com; s=s1; l=120; h=to:subject; bh=abc=; b=def\n';
    const codes = analyzeDkimSignature(field(text), null, NOW).findings.map((f) => f.code).sort();
    assert.deepEqual(codes, ['hdr-dkim-body-length', 'hdr-dkim-from-unsigned', 'hdr-dkim-weak-algorithm']);
  });

  it('reports missing and repeated tags, a bad i= and x= before t=', () => {
    const text = 'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; d=other.example; i=@evil.example; t=200; x=100; h=from; b=x; junk\n';
    const { findings } = analyzeDkimSignature(field(text), null, NOW);
    const m = findings.find((f) => f.code === 'hdr-dkim-malformed')!;
    assert.match(m.message, /bh=, s= missing/);
    assert.match(m.message, /d= repeated/);
    assert.match(m.message, /i=@evil.example is not in d=example.com/);
    assert.match(m.message, /x= \(expiry\) is before t=/);
    assert.match(m.message, /"junk" is not a tag=value pair/);
  });
});
