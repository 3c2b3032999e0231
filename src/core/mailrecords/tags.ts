/**
 * Tag-list tokenizer shared by DKIM key records and DMARC records (RFC 6376 §3.2,
 * which RFC 7489/9989 reuse):
 *
 *   tag-list = tag-spec *( ";" tag-spec ) [ ";" ]
 *   tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 *   tag-name = ALPHA *ALNUMPUNC          ; ALNUMPUNC = ALPHA / DIGIT / "_"
 *   tag-value = [ tval *( 1*(WSP / FWS) tval ) ]
 *   tval = 1*VALCHAR                     ; VALCHAR = %x21-3A / %x3C-7E
 *
 * Every span is an offset into the value string given.
 */
import type { Finding, Span } from '../findings';
import { finding, quote, shown, span } from './finding';

export interface Tag {
  /** The name as written (DKIM compares names case-sensitively, DMARC does not). */
  name: string;
  /** The value with surrounding whitespace removed; inner whitespace (FWS) kept. */
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  /** From the first character of the name to the last of the value. */
  span: Span;
  /** True for the second and later occurrences of a name (the first one counts). */
  duplicate: boolean;
}

export interface TagList {
  tags: Tag[];
  /** First occurrence of each name, keyed by the normalised name. */
  byName: Map<string, Tag>;
  findings: Finding[];
}

export interface TagListOptions {
  /** Code prefix: `dkim` or `dmarc`. */
  prefix: string;
  /** What the record is called in messages ("DKIM key record"). */
  what: string;
  /** Maps a name to the key used for duplicate detection and `byName` (identity for DKIM). */
  normalize?: (name: string) => string;
}

/** WSP and the CR/LF of folding whitespace. */
export function isFws(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function trimmed(value: string, start: number, end: number): Span {
  while (start < end && isFws(value[start])) start++;
  while (end > start && isFws(value[end - 1])) end--;
  return span(start, end);
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function tokenizeTagList(value: string, opts: TagListOptions): TagList {
  const norm = opts.normalize ?? ((n: string) => n);
  const tags: Tag[] = [];
  const byName = new Map<string, Tag>();
  const findings: Finding[] = [];
  const code = `${opts.prefix}-tag-syntax`;

  let segStart = 0;
  while (segStart <= value.length) {
    let segEnd = value.indexOf(';', segStart);
    const last = segEnd < 0;
    if (last) segEnd = value.length;
    const seg = trimmed(value, segStart, segEnd);

    if (seg.start === seg.end) {
      // An empty spec is allowed only after the final ";" (or for an empty value).
      if (!last) {
        findings.push(finding(`${opts.prefix}-empty-tag`, 'warning',
          `Empty tag between semicolons in the ${opts.what}; strict parsers reject the record. Remove the extra ";".`,
          span(segEnd, segEnd + 1)));
      }
    } else {
      const eq = value.indexOf('=', seg.start);
      if (eq < 0 || eq >= seg.end) {
        findings.push(finding(code, 'error',
          `${quote(value.slice(seg.start, seg.end))} is not a tag=value pair; the ${opts.what} is invalid. Write name=value and separate tags with ";".`,
          seg));
      } else {
        const nameSpan = trimmed(value, seg.start, eq);
        const valueSpan = trimmed(value, eq + 1, seg.end);
        const name = value.slice(nameSpan.start, nameSpan.end);
        if (!TAG_NAME.test(name)) {
          findings.push(finding(code, 'error',
            name === ''
              ? `A tag has a value but no name; the ${opts.what} is invalid.`
              : `${quote(name)} is not a valid tag name (a letter, then letters, digits or "_"); the ${opts.what} is invalid.`,
            name === '' ? span(seg.start, eq + 1) : nameSpan));
        } else {
          const tag: Tag = {
            name,
            value: value.slice(valueSpan.start, valueSpan.end),
            nameSpan,
            valueSpan,
            span: span(nameSpan.start, Math.max(valueSpan.end, eq + 1)),
            duplicate: false,
          };
          checkValueChars(value, valueSpan, name, opts, findings);
          const key = norm(name);
          const first = byName.get(key);
          if (first) {
            tag.duplicate = true;
            findings.push({
              ...finding(`${opts.prefix}-duplicate-tag`, 'error',
                `Tag "${shown(name)}=" appears more than once; verifiers treat the whole ${opts.what} as invalid. Keep one "${shown(name)}=".`,
                tag.span, { tag: name }),
              related: [{ message: `first "${shown(first.name)}=" is here`, span: first.span }],
            });
          } else {
            byName.set(key, tag);
          }
          tags.push(tag);
        }
      }
    }
    if (last) break;
    segStart = segEnd + 1;
  }
  return { tags, byName, findings };
}

/** Tag values allow printable ASCII except ";" plus folding whitespace. */
function checkValueChars(value: string, valueSpan: Span, name: string, opts: TagListOptions, findings: Finding[]): void {
  for (let i = valueSpan.start; i < valueSpan.end; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0x21 && c <= 0x7e) || isFws(value[i])) continue;
    const cp = value.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    findings.push(finding(`${opts.prefix}-tag-syntax`, 'error',
      `The value of "${shown(name)}=" contains ${quote(String.fromCodePoint(cp))} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); only printable ASCII is allowed in a ${opts.what}. Retype the value.`,
      span(i, i + len), { tag: name }));
    return;
  }
}

export interface ListItem {
  text: string;
  span: Span;
}

/**
 * Splits a tag's value on `sep` (":" for DKIM lists and DMARC fo=, "," for DMARC URIs),
 * trimming whitespace around each item. Empty items are kept (text "") so callers can
 * report them at the right place.
 */
export function splitTagValue(value: string, tag: Tag, sep: string): ListItem[] {
  const items: ListItem[] = [];
  let start = tag.valueSpan.start;
  const end = tag.valueSpan.end;
  if (start === end) return items;
  for (;;) {
    let stop = value.indexOf(sep, start);
    if (stop < 0 || stop > end) stop = end;
    const s = trimmed(value, start, stop);
    items.push({ text: value.slice(s.start, s.end), span: s });
    if (stop === end) break;
    start = stop + 1;
  }
  return items;
}

/** The value with all folding whitespace removed (DKIM p=, for instance). */
export function stripFws(text: string): string {
  return text.replace(/[ \t\r\n]+/g, '');
}
