/**
 * The data of the report's chart, "attempts per day by client app": the busiest client
 * apps as their own series (legacy ones first, they are the point of the report), the rest
 * together as "Other client apps", every day between the first and the last (days without
 * sign-ins included, so gaps show), and the largest day total for the scale.
 */
import type { ClientAppCategory } from './clientApps';
import type { DayRow } from './report';

export interface ChartSeries {
  name: string;
  category: ClientAppCategory | 'other';
  total: number;
}

export interface ChartDay {
  day: string;
  total: number;
  /** Attempts per series, in the order of `series` (0 where none). */
  counts: number[];
  /** Failed attempts that day, all series together. */
  failures: number;
}

export interface DailyChart {
  series: ChartSeries[];
  days: ChartDay[];
  max: number;
}

export const OTHER_SERIES = 'Other client apps';
const DAY_MS = 86_400_000;

export function dailyChart(perDay: readonly DayRow[], maxSeries = 6): DailyChart {
  const totals = new Map<string, { category: ClientAppCategory; total: number }>();
  for (const r of perDay) {
    const t = totals.get(r.clientApp) ?? { category: r.category, total: 0 };
    t.total += r.success + r.failure + r.other;
    totals.set(r.clientApp, t);
  }
  const ranked = [...totals]
    .map(([name, t]) => ({ name, category: t.category as ChartSeries['category'], total: t.total }))
    .sort((a, b) => (a.category === 'legacy' ? 0 : 1) - (b.category === 'legacy' ? 0 : 1) || b.total - a.total || (a.name < b.name ? -1 : 1));
  const own = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const rest = ranked.slice(own.length);
  const series: ChartSeries[] = [...own];
  if (rest.length) series.push({ name: OTHER_SERIES, category: 'other', total: rest.reduce((n, s) => n + s.total, 0) });
  const index = new Map(own.map((s, k) => [s.name, k]));
  const otherIndex = rest.length ? series.length - 1 : -1;

  const byDay = new Map<string, ChartDay>();
  for (const r of perDay) {
    let d = byDay.get(r.day);
    if (!d) byDay.set(r.day, (d = { day: r.day, total: 0, counts: series.map(() => 0), failures: 0 }));
    const n = r.success + r.failure + r.other;
    const k = index.get(r.clientApp) ?? otherIndex;
    d.counts[k]! += n;
    d.total += n;
    d.failures += r.failure;
  }
  const known = [...byDay.keys()].sort();
  const days: ChartDay[] = [];
  if (known.length) {
    const first = Date.parse(`${known[0]}T00:00:00Z`);
    const last = Date.parse(`${known[known.length - 1]}T00:00:00Z`);
    // At most a year of empty days is filled in; a longer log keeps only the days it has.
    const fill = (last - first) / DAY_MS <= 366;
    if (fill) {
      for (let t = first; t <= last; t += DAY_MS) {
        const day = new Date(t).toISOString().slice(0, 10);
        days.push(byDay.get(day) ?? { day, total: 0, counts: series.map(() => 0), failures: 0 });
      }
    } else {
      for (const day of known) days.push(byDay.get(day)!);
    }
  }
  return { series, days, max: days.reduce((m, d) => Math.max(m, d.total), 0) };
}
