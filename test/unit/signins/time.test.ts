import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimestamp } from '../../../src/core/signins/time';

const iso = (s: string, order?: 'month-first' | 'day-first') => {
  const t = parseTimestamp(s, order);
  return t ? new Date(t.ms).toISOString() : undefined;
};

void test('ISO 8601 with Z, an offset, seven fraction digits, or no zone (read as UTC)', () => {
  assert.equal(iso('2025-12-04T08:19:41Z'), '2025-12-04T08:19:41.000Z');
  assert.equal(iso('2019-03-12T16:02:15.5522137+00:00'), '2019-03-12T16:02:15.552Z');
  assert.equal(iso('2025-12-04T10:19:41+02:00'), '2025-12-04T08:19:41.000Z');
  assert.equal(iso('2025-12-04 08:19:41'), '2025-12-04T08:19:41.000Z');
});

void test('Log Analytics CSV export format, 12-hour clock', () => {
  assert.equal(iso('2/25/2025, 9:19:25.391 AM'), '2025-02-25T09:19:25.391Z');
  assert.equal(iso('2/25/2025, 12:05:00.000 AM'), '2025-02-25T00:05:00.000Z');
  assert.equal(iso('2/25/2025, 12:05:00.000 PM'), '2025-02-25T12:05:00.000Z');
  assert.equal(iso('3/12/2025 7:22:01 PM'), '2025-03-12T19:22:01.000Z');
});

void test('slashed dates: month-first unless the numbers say otherwise; dotted dates are day-first', () => {
  assert.equal(iso('05/01/2024 10:11:12'), '2024-05-01T10:11:12.000Z');
  assert.equal(parseTimestamp('05/01/2024 10:11:12')!.ambiguous, true);
  assert.equal(iso('05/01/2024 10:11:12', 'day-first'), '2024-01-05T10:11:12.000Z');
  assert.equal(iso('15/01/2024 10:11:12'), '2024-01-15T10:11:12.000Z');
  assert.equal(parseTimestamp('15/01/2024 10:11:12')!.order, 'day-first');
  assert.equal(iso('05.01.2024 10:11:12'), '2024-01-05T10:11:12.000Z');
});

void test('impossible dates and non-dates are refused', () => {
  for (const s of ['', 'yesterday', '2025-02-30T00:00:00Z', '13/13/2025 10:00', '1700000000', '2025-13-01']) assert.equal(parseTimestamp(s), undefined, s);
});
