import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clipped } from '../../../src/core/text/visible';

test('clipped: short text unchanged; long text cut to the limit with "…", never inside a surrogate pair', () => {
  assert.equal(clipped('abc', 3), 'abc');
  assert.equal(clipped('abcdef', 4), 'abc…');
  assert.equal(clipped('ab😀cd', 4), 'ab…'); // "😀" is two units: not cut in half
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 2, max: 40 }), (s, max) => {
      const c = clipped(s, max);
      assert.ok(c.length <= max);
      if (s.length <= max) assert.equal(c, s);
      else {
        assert.ok(c.endsWith('…'));
        assert.ok(s.startsWith(c.slice(0, -1)));
        assert.doesNotMatch(c, /[\ud800-\udbff]…$/);
      }
    }),
  );
});
