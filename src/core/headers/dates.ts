/**
 * RFC 5322 §3.3 date-time, with the obsolete forms real mail still carries: two- and
 * three-digit years, named zones (UT, GMT, EST…, military letters), missing seconds,
 * fractional seconds (Exchange), a trailing comment such as `(UTC)` or `(PST)`, and
 * the `-0000` "unknown local zone" offset. Anything else is `null`, never a guess.
 */
import type { ParsedDate } from './types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const NAMED_ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

function zoneMinutes(zone: string): number | null | undefined {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (m) {
    const mins = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[3]) > 59) return undefined;
    return m[1] === '-' ? -mins : mins;
  }
  const named = NAMED_ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  // Military single letters other than Z: RFC 5322 says treat as -0000 (unknown).
  if (/^[a-ik-y]$/i.test(zone)) return null;
  return undefined;
}

/** Removes RFC 5322 comments (nested parentheses) from a date. */
function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && depth > 0) {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

export function parseMailDate(input: string): ParsedDate | null {
  const text = input.trim();
  const clean = stripComments(text).replace(/\s+/g, ' ').trim();
  const m =
    /^(?:(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s*,?\s*)?(\d{1,2})\s*[ -]\s*([a-z]{3})[a-z]*\s*[ -]\s*(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([+-]\d{4}|[a-z]{1,5})?$/i.exec(
      clean,
    );
  if (!m) return null;
  const day = Number(m[2]);
  const month = MONTHS.indexOf(m[3]!.toLowerCase());
  let year = Number(m[4]);
  if (m[4]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[4]!.length === 3) year += 1900;
  const hour = Number(m[5]);
  const minute = Number(m[6]);
  const second = m[7] ? Number(m[7]) : 0;
  const frac = m[8] ? Number(`0.${m[8]}`) : 0;
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let offset: number | null = 0;
  if (m[9]) {
    const z = zoneMinutes(m[9]);
    if (z === undefined) return null;
    offset = z;
    if (m[9] === '-0000') offset = null;
  }
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) + Math.round(frac * 1000) - (offset ?? 0) * 60000;
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCDate() !== day) return null; // 31 Feb and the like
  return { text, epochMs: utc, iso: new Date(utc).toISOString(), offsetMinutes: offset };
}
