import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonRecordStream, type JsonStreamItem } from '../../../src/core/signins/jsonStream';
import { rng } from './logBuilder';

function run(text: string, split: number[] = []): { items: JsonStreamItem[]; container: string | undefined } {
  const s = new JsonRecordStream();
  const items: JsonStreamItem[] = [];
  let at = 0;
  for (const cut of [...split, text.length]) {
    items.push(...s.push(text.slice(at, cut)));
    at = cut;
  }
  items.push(...s.end());
  return { items, container: s.container };
}
const values = (items: JsonStreamItem[]) => items.filter((i) => i.kind === 'record').map((i) => (i as { value: unknown }).value);
const errors = (items: JsonStreamItem[]) => items.filter((i) => i.kind === 'error');

// Records whose strings hold every character that could confuse a structural scanner.
const TRICKY = [
  { a: 'plain', n: 1 },
  { a: 'brackets ] } [ { inside', nested: { value: [1, { x: ']' }], records: [] } },
  { a: 'escaped \\" quote and \\\\ backslash \\', b: '"' },
  { a: 'unicode é 😀 \u2028 \u0000', arr: [[], [[]], {}] },
  { value: [{ not: 'a wrapper, a record field' }] },
];

void test('a top-level array yields each object', () => {
  const { items, container } = run(JSON.stringify(TRICKY, null, 2));
  assert.deepEqual(values(items), TRICKY);
  assert.equal(container, 'array');
});

void test('a Graph page yields the objects of its value array, ignoring @odata members', () => {
  const page = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: TRICKY, '@odata.nextLink': 'https://x/?$skiptoken=a]}' };
  const { items, container } = run(JSON.stringify(page));
  assert.deepEqual(values(items), TRICKY);
  assert.equal(container, 'wrapped');
});

void test('Azure Monitor {"records": [...]} and several pages one after another', () => {
  const text = JSON.stringify({ records: TRICKY.slice(0, 2) }, null, 1) + '\n' + JSON.stringify({ value: TRICKY.slice(2) }, null, 1);
  assert.deepEqual(values(run(text).items), TRICKY);
});

void test('every way of cutting the input into two chunks gives the same records', () => {
  const page = JSON.stringify({ '@odata.context': 'c', value: TRICKY });
  const array = JSON.stringify(TRICKY, null, 1);
  for (const text of [page, array]) {
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(values(run(text, [cut]).items), TRICKY, `cut at ${cut}`);
    }
  }
});

void test('random many-chunk splits of a big array give the same records', () => {
  const random = rng(42);
  const records = Array.from({ length: 300 }, (_, i) => ({ i, s: `"]}${'x'.repeat(Math.floor(random() * 50))}\\`, deep: { value: [i] } }));
  const text = JSON.stringify({ value: records });
  for (let round = 0; round < 20; round++) {
    const cuts: number[] = [];
    let at = 0;
    while ((at += 1 + Math.floor(random() * 200)) < text.length) cuts.push(at);
    assert.deepEqual(values(run(text, cuts).items), records);
  }
});

void test('NDJSON is read line by line: a broken line is one error, the rest is read', () => {
  const text = '{"a":1}\n{broken\n\n{"a":2}\r\n{"value":[{"a":3},{"a":4}]}\n';
  const { items, container } = run(text, [3, 9]);
  assert.deepEqual(values(items), [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }]);
  assert.equal(container, 'ndjson');
  assert.deepEqual(errors(items).map((e) => e.line), [2]);
});

void test('NDJSON whose first line is broken is still read line by line', () => {
  const { items } = run('{"a":1,}\n{"a":2}\n');
  assert.deepEqual(values(items), [{ a: 2 }]);
  assert.equal(errors(items).length, 1);
});

void test('pretty-printed objects one after another', () => {
  const records = TRICKY.slice(0, 4);
  const text = records.map((o) => JSON.stringify(o, null, 2)).join('\n');
  const { items, container } = run(text);
  assert.deepEqual(values(items), records);
  assert.equal(container, 'objects');
  // at the top level, an object with a "value" array is a page: its entries are the records
  assert.deepEqual(values(run(JSON.stringify(TRICKY[4], null, 2)).items), [{ not: 'a wrapper, a record field' }]);
});

void test('entries that are not objects are reported, not silently dropped', () => {
  const { items } = run('[{"a":1}, 42, "text", null, {"a":2}]');
  assert.deepEqual(values(items), [{ a: 1 }, { a: 2 }]);
  assert.equal(errors(items).length, 3);
});

void test('a file cut in the middle of a record says so', () => {
  const { items } = run('[{"a":1},{"a":2,"b":"unfin');
  assert.deepEqual(values(items), [{ a: 1 }]);
  assert.match(errors(items)[0]!.message, /ends in the middle of a record/);
});

void test('a record with invalid JSON inside valid structure is an error with its line', () => {
  const { items } = run('[\n{"a":1},\n{"a":tru},\n{"a":3}\n]');
  assert.deepEqual(values(items), [{ a: 1 }, { a: 3 }]);
  assert.equal(errors(items)[0]!.line, 3);
});
