import type { ParseResult, Token, ZoneRecord } from './types';

/** Records of the main file (not included, not generated), in text order. */
export function mainRecords(parse: Pick<ParseResult, 'records'>): ZoneRecord[] {
  return parse.records.filter((r) => r.file === undefined && !r.generatedBy);
}

/** The main-file record whose entry contains `offset` (binary search over text order). */
export function recordAt(parse: Pick<ParseResult, 'records'>, offset: number): ZoneRecord | undefined {
  const recs = mainRecords(parse);
  let lo = 0;
  let hi = recs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = recs[mid]!;
    if (r.entry.end < offset) lo = mid + 1;
    else if (r.entry.start > offset) hi = mid - 1;
    else return r;
  }
  return undefined;
}

/** The token of a record at `offset`, with its role. */
export function tokenAt(rec: ZoneRecord, offset: number): { token: Token; role: 'owner' | 'ttl' | 'class' | 'type' | 'rdata'; index: number } | undefined {
  const inside = (s: { start: number; end: number } | null): boolean => s !== null && s.start <= offset && offset <= s.end;
  if (inside(rec.ownerSpan)) return { token: { ...rec.ownerSpan!, quoted: false }, role: 'owner', index: 0 };
  if (inside(rec.ttlSpan)) return { token: { ...rec.ttlSpan!, quoted: false }, role: 'ttl', index: 0 };
  if (inside(rec.classSpan)) return { token: { ...rec.classSpan!, quoted: false }, role: 'class', index: 0 };
  if (inside(rec.typeSpan)) return { token: { ...rec.typeSpan, quoted: false }, role: 'type', index: 0 };
  const i = rec.rdata.findIndex((t) => t.start <= offset && offset <= t.end);
  return i === -1 ? undefined : { token: rec.rdata[i]!, role: 'rdata', index: i };
}
