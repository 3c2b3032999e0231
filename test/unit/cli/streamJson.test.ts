import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamedArray, writeJson } from '../../../src/cli/render/streamJson';

test('streamed JSON is the text JSON.stringify(value, null, 2) writes, in batches', () => {
  const plain = { files: [{ a: 1, list: [], nested: [{ x: 'é"\n' }, { y: null }], empty: {} }, { a: 2, list: [1, 2] }], summary: { n: 3 } };
  const streamed = {
    files: streamedArray(
      plain.files.map((f) => ({ ...f, list: streamedArray(f.list, f.list.length) })),
      plain.files.length,
    ),
    summary: plain.summary,
  };
  for (const batch of [1, 7, 1 << 16]) {
    const out: string[] = [];
    writeJson(streamed, (t) => out.push(t), batch);
    assert.equal(out.join(''), JSON.stringify(plain, null, 2) + '\n');
    if (batch === 1) assert.ok(out.length > 20);
  }
  const out: string[] = [];
  writeJson({ files: streamedArray([], 0), more: undefined }, (t) => out.push(t));
  assert.equal(out.join(''), JSON.stringify({ files: [] }, null, 2) + '\n');
});
