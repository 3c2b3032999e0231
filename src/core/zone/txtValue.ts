import type { Span } from '../findings';
import { unescapeRangesWithMap } from './charString';
import { innerEnd, innerStart } from './tokens';
import type { ZoneRecord } from './types';

/** A TXT record's strings joined (as DKIM/SPF/DMARC verifiers join them) with a map back to the source. */
export interface TxtValue {
  value: string;
  /** For each UTF-16 index of value, the source offset (in rec.text) of the unit it came from. */
  readonly sources: Int32Array;
  text: string;
  /** sources[k], which a plain value answers without building the whole map. */
  sourceAt(k: number): number;
}

type Ranges = readonly { from: number; to: number }[];

/** Strings with escapes or non-ASCII: unescaped with the map built at once. */
class UnescapedTxtValue implements TxtValue {
  readonly value: string;
  readonly sources: Int32Array;
  constructor(
    readonly text: string,
    ranges: Ranges,
  ) {
    ({ value: this.value, sources: this.sources } = unescapeRangesWithMap(text, ranges));
  }

  sourceAt(k: number): number {
    return this.sources[k]!;
  }
}

/** Plain ASCII without escapes: the value is the strings themselves, mapped when asked (findings are rare). */
class PlainTxtValue implements TxtValue {
  private map: Int32Array | undefined;
  constructor(
    readonly value: string,
    readonly text: string,
    private readonly ranges: Ranges,
  ) {}

  sourceAt(k: number): number {
    for (const r of this.ranges) {
      if (k < r.to - r.from) return r.from + k;
      k -= r.to - r.from;
    }
    return this.ranges[this.ranges.length - 1]!.to;
  }

  get sources(): Int32Array {
    if (this.map) return this.map;
    const map = new Int32Array(this.value.length);
    let k = 0;
    for (const r of this.ranges) for (let i = r.from; i < r.to; i++) map[k++] = i;
    return (this.map = map);
  }
}

function isPlainAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c >= 0x80) return false;
  }
  return true;
}

export function joinTxt(rec: ZoneRecord): TxtValue {
  const text = rec.text;
  const ranges = rec.rdata.map((tok) => ({ from: innerStart(tok), to: innerEnd(text, tok) }));
  if (ranges.every((r) => isPlainAscii(text, r.from, r.to))) {
    return new PlainTxtValue(ranges.length === 1 ? text.slice(ranges[0]!.from, ranges[0]!.to) : ranges.map((r) => text.slice(r.from, r.to)).join(''), text, ranges);
  }
  return unescapedTxtValue(text, ranges);
}

/** The strings text[from, to) of `ranges` unescaped and joined, each unit mapped to its source. */
export function unescapedTxtValue(text: string, ranges: Ranges): TxtValue {
  return new UnescapedTxtValue(text, ranges);
}

/** Maps a span of the joined value back to source offsets. */
export function mapSpan(v: TxtValue, span: Span): Span {
  const n = v.value.length;
  if (n === 0) {
    // An empty value: at the end of its (empty) strings, not at the start of the file.
    const at = v.sourceAt(0);
    return Number.isInteger(at) ? { start: at, end: at } : { start: 0, end: 0 };
  }
  const s = Math.min(Math.max(span.start, 0), n - 1);
  const start = v.sourceAt(s);
  if (span.end <= span.start) return { start, end: start };
  const lastSrc = v.sourceAt(Math.min(span.end - 1, n - 1));
  return { start, end: lastSrc + unitWidth(v.text, lastSrc) };
}

function unitWidth(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 92) {
    const d = text.charCodeAt(at + 1);
    return d >= 48 && d <= 57 ? 4 : 2;
  }
  return c >= 0xd800 && c <= 0xdbff ? 2 : 1;
}

/** Cheap test before joining: does the first string start with `v=` (any case)? */
export function startsWithVersionTag(rec: ZoneRecord): boolean {
  const tok = rec.rdata[0];
  if (!tok) return false;
  const i = innerStart(tok);
  const c0 = rec.text.charCodeAt(i);
  return (c0 === 118 || c0 === 86) && rec.text.charCodeAt(i + 1) === 61;
}
