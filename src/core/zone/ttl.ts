/**
 * TTL values as BIND and Knot read them: a decimal number of seconds, or a sequence
 * of number+unit pairs (`1h30m`, `2D`, units w d h m s in either case). BIND rejects
 * a trailing bare number after units (`1h30`), and values over 2^32-1.
 */
import { clipped } from '../text/visible';

export const MAX_TTL = 0x7fffffff; // RFC 2181 §8

export type TtlParse = { ok: true; seconds: number } | { ok: false; reason: string };

const UNIT: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

export function parseTtl(s: string): TtlParse {
  const n = s.length;
  if (n === 0) return { ok: false, reason: 'empty TTL' };
  let allDigits = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      allDigits = false;
      break;
    }
  }
  if (allDigits) {
    const v = Number(s);
    if (v > 0xffffffff) return { ok: false, reason: `${clipped(s, 40)} is larger than the largest TTL a zone file can hold (4294967295)` };
    return { ok: true, seconds: v };
  }
  let total = 0;
  let i = 0;
  while (i < n) {
    const numStart = i;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === numStart) return { ok: false, reason: `'${clipped(s, 40)}' is not a TTL: expected a number before '${s[i]}'` };
    if (i >= n) return { ok: false, reason: `'${clipped(s, 40)}' is not a TTL: the last number has no unit (w, d, h, m or s)` };
    const unit = UNIT[s[i]!.toLowerCase()];
    if (unit === undefined) return { ok: false, reason: `'${clipped(s, 40)}' is not a TTL: '${s[i]}' is not a unit (w, d, h, m or s)` };
    total += Number(s.slice(numStart, i)) * unit;
    i++;
  }
  if (total > 0xffffffff) return { ok: false, reason: `${clipped(s, 40)} is larger than the largest TTL (4294967295 seconds)` };
  return { ok: true, seconds: total };
}

/** Could this token be meant as a TTL (starts with a digit)? */
export function looksLikeTtl(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Human form of a TTL: 3600 → "1 hour", 5400 → "1 hour 30 minutes". */
export function describeTtl(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  const parts: string[] = [];
  let rest = seconds;
  for (const [name, size] of [['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]] as const) {
    const q = Math.floor(rest / size);
    if (q > 0) {
      parts.push(`${q} ${name}${q === 1 ? '' : 's'}`);
      rest -= q * size;
    }
  }
  return parts.join(' ');
}
