import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyChart, OTHER_SERIES } from '../../../src/core/signins/chart';
import type { DayRow } from '../../../src/core/signins/report';

const row = (day: string, clientApp: string, category: DayRow['category'], success: number, failure = 0): DayRow => ({ day, clientApp, category, success, failure, other: 0 });

void test('legacy client apps come first, the rest by volume; extra apps are grouped as other', () => {
  const chart = dailyChart(
    [
      row('2025-03-01', 'Browser', 'modern', 100),
      row('2025-03-01', 'IMAP4', 'legacy', 5, 20),
      row('2025-03-01', 'POP3', 'legacy', 2),
      row('2025-03-02', 'Mobile Apps and Desktop clients', 'modern', 50),
      row('2025-03-02', 'Authenticated SMTP', 'legacy', 1),
    ],
    4,
  );
  assert.deepEqual(chart.series.map((s) => s.name), ['IMAP4', 'POP3', 'Authenticated SMTP', OTHER_SERIES]);
  assert.deepEqual(chart.series.map((s) => s.total), [25, 2, 1, 150]);
  assert.deepEqual(chart.days.map((d) => [d.day, d.total, d.counts, d.failures]), [
    ['2025-03-01', 127, [25, 2, 0, 100], 20],
    ['2025-03-02', 51, [0, 0, 1, 50], 0],
  ]);
  assert.equal(chart.max, 127);
});

void test('days without sign-ins between the first and the last are shown as empty', () => {
  const chart = dailyChart([row('2025-02-27', 'IMAP4', 'legacy', 1), row('2025-03-02', 'IMAP4', 'legacy', 3)]);
  assert.deepEqual(chart.days.map((d) => [d.day, d.total]), [
    ['2025-02-27', 1],
    ['2025-02-28', 0],
    ['2025-03-01', 0],
    ['2025-03-02', 3],
  ]);
  assert.deepEqual(chart.series.map((s) => s.name), ['IMAP4']);
});

void test('no dated sign-ins: an empty chart', () => {
  assert.deepEqual(dailyChart([]), { series: [], days: [], max: 0 });
});

void test('a log spanning more than a year keeps only the days it has', () => {
  const chart = dailyChart([row('2023-01-01', 'IMAP4', 'legacy', 1), row('2025-01-01', 'IMAP4', 'legacy', 1)]);
  assert.equal(chart.days.length, 2);
});
