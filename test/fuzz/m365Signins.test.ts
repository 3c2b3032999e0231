/**
 * The sign-in readers under fuzzing: any bytes end in a report or a SigninFormatError (never
 * another exception), the report does not depend on how the file is cut into chunks, and a
 * Log Analytics query-API answer gives back exactly its rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { QueryApiTableStream } from '../../src/core/signins/queryApi';
import { JsonRecordStream } from '../../src/core/signins/jsonStream';
import { analyzeSignins } from '../../src/core/signins/report';
import { SigninFormatError } from '../../src/core/signins/types';
import { runs, SEED } from './m365Common';

const PIECES = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '\n', '\r\n', '\r', ' ', '"tables"', '"columns"', '"rows"', '"name"', '"value"', '"records"',
  'UserPrincipalName', 'ResultType', 'ClientAppUsed', 'IMAP4', '50126', '0', 'a@contoso.com', '2025-03-10T08:00:00Z', 'Date (UTC)', 'Username',
  'Sign-in error code', 'Client app', 'Status', '\uFEFF', '\u2028', 'true', 'null',
];
const logLike = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((xs) => xs.join(''));

function cut(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const n = Math.max(1, sizes[k % Math.max(1, sizes.length)] ?? text.length);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out.length ? out : [''];
}

async function outcome(chunks: string[]): Promise<string> {
  try {
    const r = await analyzeSignins(chunks);
    return JSON.stringify({ totals: r.totals, spray: r.passwordSpray.length, brute: r.bruteForce.length, legacy: r.legacyUserCount, records: r.source.records, skipped: r.source.skipped });
  } catch (e) {
    if (e instanceof SigninFormatError) return `format error: ${e.message}`;
    throw e;
  }
}

void test('any input: a report or a SigninFormatError, the same whatever the chunking', async () => {
  await fc.assert(
    fc.asyncProperty(logLike, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), async (text, sizes) => {
      const whole = await outcome([text]);
      assert.equal(await outcome(cut(text, sizes)), whole);
    }),
    { seed: SEED, numRuns: Math.ceil(runs() / 2) },
  );
});

void test('query-API answers: every row comes back keyed by its columns, whatever the chunking', () => {
  const cellValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: n, maxLength: n }), fc.array(fc.array(cellValue, { minLength: n, maxLength: n }), { maxLength: 8 }))),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      ([columns, rows], sizes, pretty) => {
        const text = JSON.stringify({ tables: [{ name: 'PrimaryResult', columns: columns.map((name) => ({ name, type: 'string' })), rows }] }, null, pretty ? 2 : undefined);
        const s = new QueryApiTableStream();
        const items = cut(text, sizes).flatMap((c) => s.push(c)).concat(s.end());
        assert.deepEqual(items.filter((i) => i.kind === 'error'), []);
        const expected = rows.map((r) => Object.fromEntries(columns.map((c, k) => [c, r[k]])));
        assert.deepEqual(items.map((i) => (i.kind === 'record' ? i.value : null)), expected);
      },
    ),
    { seed: SEED, numRuns: runs() },
  );
});

void test('JSON record stream: never throws, records and errors only', () => {
  fc.assert(
    fc.property(logLike, (text) => {
      const s = new JsonRecordStream();
      const items = [...s.push(text), ...s.end()];
      for (const i of items) assert.ok(i.kind === 'record' || i.kind === 'error');
    }),
    { seed: SEED, numRuns: runs() },
  );
});
