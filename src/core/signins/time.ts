/**
 * Timestamps as sign-in exports write them, read as UTC:
 * - ISO 8601 (`2025-12-04T08:19:41Z`, `2025-12-04T08:19:41.5522137+00:00`,
 *   `2025-12-04 08:19:41` without a zone: the exports' columns are UTC);
 * - US-style dates (`2/25/2025, 9:19:25.391 AM` from a Log Analytics CSV export,
 *   `3/12/2025 7:22:01 AM`), and day-first ones (`25/02/2025 09:19`, `25.02.2025 09:19`)
 *   from re-saved spreadsheets. A dotted date is always day-first; a slashed one is
 *   month-first unless its first number is above 12 (the reader then switches the
 *   whole file to day-first, see DateOrder).
 */

export type DateOrder = 'month-first' | 'day-first';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASHED = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AP]\.?M\.?)?)?\s*(?:UTC|Z)?$/i;

export interface ParsedTime {
  ms: number;
  /** For a slashed date whose first two numbers are both 12 or less: it could be either order. */
  ambiguous: boolean;
  /** What the date itself says about the order, when it says something. */
  order?: DateOrder;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : NaN;
}

/** Parses a timestamp; `order` is how to read an ambiguous slashed date. */
export function parseTimestamp(raw: string, order: DateOrder = 'month-first'): ParsedTime | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  let m = ISO.exec(s);
  if (m) {
    let t = utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7]);
    const zone = m[8];
    if (zone && zone.toUpperCase() !== 'Z') {
      const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
      t -= (zm[1] === '-' ? -1 : 1) * (+zm[2]! * 60 + +zm[3]!) * 60000;
    }
    return Number.isNaN(t) ? undefined : { ms: t, ambiguous: false };
  }
  m = SLASHED.exec(s);
  if (!m) {
    const t = /^\d+(\.\d+)?$/.test(s) ? NaN : Date.parse(s);
    return Number.isNaN(t) ? undefined : { ms: t, ambiguous: false };
  }
  const a = +m[1]!;
  const b = +m[3]!;
  let fileOrder: DateOrder | undefined;
  if (m[2] === '.' || a > 12) fileOrder = 'day-first';
  else if (b > 12) fileOrder = 'month-first';
  const use = fileOrder ?? order;
  let h = +(m[5] ?? 0);
  const ampm = m[9]?.replace(/\./g, '').toUpperCase();
  if (ampm === 'PM' && h < 12) h += 12;
  if (ampm === 'AM' && h === 12) h = 0;
  const t = utc(+m[4]!, use === 'day-first' ? b : a, use === 'day-first' ? a : b, h, +(m[6] ?? 0), +(m[7] ?? 0), m[8]);
  if (Number.isNaN(t)) return undefined;
  return { ms: t, ambiguous: fileOrder === undefined, ...(fileOrder ? { order: fileOrder } : {}) };
}

/** `YYYY-MM-DD` of a UTC time. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
