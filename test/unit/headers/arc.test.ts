import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeArc } from '../../../src/core/headers/arc';
import { parseHeaderBlock } from '../../../src/core/headers/parse';
import { fixture } from './helpers';

const arcOf = (text: string) => analyzeArc(parseHeaderBlock(text).fields);

describe('ARC set integrity', () => {
  const text = fixture('arc-forwarded.txt');

  it('a complete chain i=1..3 with cv=none then pass is well-formed', () => {
    const { arc, findings } = arcOf(text);
    assert.equal(arc.state, 'pass');
    assert.deepEqual(
      arc.sets.map((s) => [s.instance, s.seal?.cv, s.seal?.domain, s.authResults?.authservId]),
      [
        [1, 'none', 'lists.example.org', 'lists.example.org'],
        [2, 'pass', 'fwd.example.net', 'relay.fwd.example.net'],
        [3, 'pass', 'google.com', 'mx.google.com'],
      ],
    );
    assert.deepEqual(findings, []);
  });

  it('finds a missing instance (a gap)', () => {
    const gap = text.replace(/ARC-(Seal|Message-Signature|Authentication-Results): i=2;/g, 'X-Removed-$1: i=2;');
    const { arc, findings } = arcOf(gap);
    assert.equal(arc.state, 'broken');
    assert.ok(arc.problems.includes('instance i=2 is missing entirely'), arc.problems.join('; '));
    assert.equal(findings[0]!.code, 'hdr-arc-broken');
  });

  it('finds a set lacking one of its three fields', () => {
    const { arc } = arcOf(text.replace('ARC-Message-Signature: i=3;', 'X-Other: i=3;'));
    assert.ok(arc.problems.includes('instance i=3 lacks ARC-Message-Signature'), arc.problems.join('; '));
  });

  it('checks the cv= chain: i=1 must say none, later ones pass', () => {
    const wrongFirst = arcOf(text.replace('s=arc; t=1712071864; cv=none', 's=arc; t=1712071864; cv=pass'));
    assert.ok(wrongFirst.arc.problems.some((p) => p.startsWith('ARC-Seal i=1 must say cv=none')));
    const wrongLater = arcOf(text.replace('t=1712071866; cv=pass', 't=1712071866; cv=none'));
    assert.ok(wrongLater.arc.problems.some((p) => p.startsWith('ARC-Seal i=2 must say cv=pass')));
  });

  it('reports a sealer that recorded cv=fail', () => {
    const { arc, findings } = arcOf(text.replace('t=1712071867; cv=pass', 't=1712071867; cv=fail'));
    assert.equal(arc.state, 'fail');
    assert.ok(findings.some((f) => f.code === 'hdr-arc-failed'));
  });

  it('reports fields without a usable instance number', () => {
    const { findings } = arcOf('ARC-Seal: a=rsa-sha256; cv=none; d=example.com\n');
    assert.equal(findings[0]!.code, 'hdr-arc-broken');
    assert.equal(arcOf('Subject: no arc\n').arc.state, 'none');
  });
});
