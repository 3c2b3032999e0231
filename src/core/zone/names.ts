/**
 * Domain names in presentation format (RFC 1035 §5.1, RFC 4343): `\.` and `\DDD`
 * escapes, `@` for the origin, a trailing dot for absolute names.
 */
import { clipped } from '../text/visible';

const DOT = 46;
const BACKSLASH = 92;

/** True when the name ends with an unescaped dot (or is the root `.`). */
export function isAbsolute(raw: string): boolean {
  return isAbsoluteAt(raw, 0, raw.length);
}

/** isAbsolute(text.slice(start, end)) without making the slice. */
export function isAbsoluteAt(text: string, start: number, end: number): boolean {
  if (end <= start || text.charCodeAt(end - 1) !== DOT) return false;
  let backslashes = 0;
  for (let i = end - 2; i >= start && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Makes a name absolute against an origin (which ends with a dot). */
export function resolveName(raw: string, origin: string): string {
  if (raw === '@') return origin;
  if (isAbsolute(raw)) return raw;
  return origin === '.' ? raw + '.' : raw + '.' + origin;
}

/** Lower-cases ASCII letters only (DNS names compare case-insensitively for ASCII, RFC 4343). */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

export interface NameProblem {
  code: 'zone-label-too-long' | 'zone-name-too-long' | 'zone-empty-label' | 'zone-bad-escape';
  message: string;
  /** Offsets relative to the raw text where the problem lies. */
  start: number;
  end: number;
}

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : code >= 0xdc00 && code <= 0xdfff ? 0 : 3;
}

/**
 * Checks an absolute name's labels (≤ 63 octets each, no empty label) and its wire
 * length (≤ 255 octets). `rawLength` is the length of the part that was written in the
 * file (problems beyond it are attributed to the origin that was appended).
 */
export function checkName(name: string, rawLength = name.length): NameProblem | null {
  if (name === '.') return null;
  return checkNameText(name, 0, name.length, 1, rawLength);
}

const wireCache = new Map<string, number>();

/** Wire length of an absolute name that is known to be valid (an origin), cached. */
export function wireLength(name: string): number {
  let w = wireCache.get(name);
  if (w === undefined) {
    w = 1;
    for (const l of labels(name)) if (l.length) w += 1 + l.length;
    if (wireCache.size < 256) wireCache.set(name, w);
  }
  return w;
}

/**
 * Checks the name written at text[from, to) — without copying it — followed by a suffix
 * of `suffixWire` wire bytes that is already known to be valid (the origin a relative name
 * is completed with; 1 for just the root). Offsets in the problem are relative to `from`;
 * `rawLength` limits the span of a name-too-long problem.
 */
export function checkNameText(text: string, from: number, to: number, suffixWire: number, rawLength = to - from): NameProblem | null {
  let wire = suffixWire;
  let labelStart = 0;
  let labelOctets = 0;
  const n = to - from;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(from + k);
    if (c === BACKSLASH) {
      const d1 = text.charCodeAt(from + k + 1);
      if (d1 >= 48 && d1 <= 57 && k + 1 < n) {
        const d2 = k + 2 < n ? text.charCodeAt(from + k + 2) : 0;
        const d3 = k + 3 < n ? text.charCodeAt(from + k + 3) : 0;
        if (!(d2 >= 48 && d2 <= 57 && d3 >= 48 && d3 <= 57)) {
          return { code: 'zone-bad-escape', message: 'A \\DDD escape needs exactly three decimal digits.', start: k, end: Math.min(k + 4, rawLength) };
        }
        const v = (d1 - 48) * 100 + (d2 - 48) * 10 + (d3 - 48);
        if (v > 255) return { code: 'zone-bad-escape', message: `\\${text.slice(from + k + 1, from + k + 4)} is not a byte value (0–255).`, start: k, end: k + 4 };
        k += 3;
      } else if (k + 1 >= n) {
        return { code: 'zone-bad-escape', message: 'A backslash at the end of a name escapes nothing.', start: k, end: k + 1 };
      } else {
        k++;
        labelOctets += utf8Length(text.charCodeAt(from + k)) - 1;
      }
      labelOctets++;
      continue;
    }
    if (c === DOT) {
      if (labelOctets === 0) {
        return { code: 'zone-empty-label', message: 'Empty label: two dots in a row (or a leading dot) are not allowed in a name.', start: k, end: k + 1 };
      }
      if (labelOctets > 63) {
        return { code: 'zone-label-too-long', message: `Label of ${labelOctets} bytes; a DNS label holds at most 63.`, start: labelStart, end: k };
      }
      wire += labelOctets + 1;
      labelOctets = 0;
      labelStart = k + 1;
      continue;
    }
    labelOctets += utf8Length(c);
  }
  if (labelOctets > 0) {
    if (labelOctets > 63) return { code: 'zone-label-too-long', message: `Label of ${labelOctets} bytes; a DNS label holds at most 63.`, start: labelStart, end: n };
    wire += labelOctets + 1;
  }
  if (wire > 255) {
    return { code: 'zone-name-too-long', message: `Name of ${wire} bytes in wire format; a DNS name holds at most 255.`, start: 0, end: Math.min(n, rawLength) };
  }
  return null;
}

/** Splits a presentation name into labels, keeping escapes (`a\.b.c.` → [`a\.b`, `c`]). */
export function labels(name: string): string[] {
  const out: string[] = [];
  let cur = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
      continue;
    }
    if (c === DOT) {
      out.push(name.slice(cur, i));
      cur = i + 1;
    }
  }
  if (cur < name.length) out.push(name.slice(cur));
  return out;
}

/** True when `name` equals `zone` or lies below it (both absolute). */
export function isSubdomain(name: string, zone: string): boolean {
  if (zone === '.') return true;
  const n = nameKey(name);
  const z = nameKey(zone);
  if (n === z) return true;
  return n.length > z.length && n.endsWith(z) && n.charCodeAt(n.length - z.length - 1) === DOT && !isEscapedAt(n, n.length - z.length - 1);
}

function isEscapedAt(s: string, i: number): boolean {
  let b = 0;
  for (let j = i - 1; j >= 0 && s.charCodeAt(j) === BACKSLASH; j--) b++;
  return b % 2 === 1;
}

/** The name relative to `zone` (`mail._domainkey.example.com.` in `example.com.` → `mail._domainkey`), `@` for the apex. */
export function relativeTo(name: string, zone: string): string {
  if (nameKey(name) === nameKey(zone)) return '@';
  if (zone !== '.' && isSubdomain(name, zone)) return name.slice(0, name.length - zone.length - 1);
  return name;
}

/**
 * A name as a message shows it: whole when it could be a DNS name (at most 255 characters),
 * clipped otherwise — a zone file or a DNS answer can hold a "name" of megabytes.
 */
export function shownName(name: string): string {
  return name.length > 255 ? clipped(name, 80) : name;
}
