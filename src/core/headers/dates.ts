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

/** Milliseconds of a fraction of a second, truncated as clocks and JavaScript's Date do (.270951634 → 270). */
function millis(frac: number): number {
  return Math.floor(frac * 1000 + 1e-6);
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
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) + millis(frac) - (offset ?? 0) * 60000;
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCDate() !== day) return null; // 31 Feb and the like
  return { text, epochMs: utc, iso: new Date(utc).toISOString(), offsetMinutes: offset };
}

const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\s*,?\\s*)?';
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:\\s*([ap]m))?';
const ZONE = '(?:\\s*([+-]\\d{4}|[a-z]{1,5}))?(?:\\s+(?:ut|utc|gmt))?';
/** `Apr 21 2018 03:01:04 +0000` (month first). */
const MONTH_FIRST = new RegExp(`^${WEEKDAY}([a-z]{3})[a-z]*\\s+(\\d{1,2}),?\\s+(\\d{4})\\s+${TIME}${ZONE}$`, 'i');
/** `2018-03-26 13:35:36.270951634 +0000 UTC`, `2018-4-20 11:01:08 PM`. */
const ISO_LIKE = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:T|\\s+)${TIME}${ZONE}$`, 'i');
/** `4/20/2018 23:01:06 -0400`, `4-20-2018 11:01:07 PM`. */
const NUMERIC = new RegExp(`^(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4})\\s+${TIME}${ZONE}$`, 'i');
/** An RFC 5322 date followed by a redundant zone name: `… 13:35:11.102 +0000 UTC`. */
const TRAILING_ZONE_NAME = /^(.*[+-]\d{4})\s+(?:ut|utc|gmt)$/i;

function build(year: number, month: number, day: number, m: RegExpExecArray, at: number, text: string): ParsedDate | null {
  let hour = Number(m[at]);
  const minute = Number(m[at + 1]);
  const second = m[at + 2] ? Number(m[at + 2]) : 0;
  const frac = m[at + 3] ? Number(`0.${m[at + 3]}`) : 0;
  const ampm = m[at + 4]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let offset: number | null = null;
  const zone = m[at + 5];
  if (zone) {
    const z = zoneMinutes(zone);
    if (z === undefined) return null;
    offset = zone === '-0000' ? null : z;
  }
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCFullYear() !== year || check.getUTCDate() !== day) return null;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) + millis(frac) - (offset ?? 0) * 60000;
  return { text, epochMs: utc, iso: new Date(utc).toISOString(), offsetMinutes: offset };
}

/**
 * The date of a Received field: RFC 5322 first, then the forms real servers write and
 * Microsoft's Message Header Analyzer reads — month first, ISO-like with nanoseconds
 * (SendGrid), US numeric dates with AM/PM, a zone name after the offset. A numeric date
 * whose day and month could be swapped (4/5/2018) is not guessed; a date without a time of
 * day is not a point in time: both are null. No zone means UTC, offset unknown.
 */
export function parseReceivedDate(input: string): ParsedDate | null {
  const strict = parseMailDate(input);
  if (strict) return strict;
  const text = input.trim();
  const clean = stripComments(text).replace(/\s+/g, ' ').trim();
  const trailing = TRAILING_ZONE_NAME.exec(clean);
  if (trailing) {
    const d = parseMailDate(trailing[1]!);
    if (d) return { ...d, text };
  }
  let m = MONTH_FIRST.exec(clean);
  if (m) return build(Number(m[3]), MONTHS.indexOf(m[1]!.toLowerCase()), Number(m[2]), m, 4, text);
  m = ISO_LIKE.exec(clean);
  if (m) return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), m, 4, text);
  m = NUMERIC.exec(clean);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a <= 12 && b <= 12 && a !== b) return null; // 4/5/2018: April or May?
    const [month, day] = a > 12 ? [b, a] : [a, b];
    return build(Number(m[4]), month - 1, day, m, 5, text);
  }
  return null;
}
