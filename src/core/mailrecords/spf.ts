/**
 * SPF records (RFC 7208): the value of one TXT record, parsed into terms with spans,
 * the DNS-lookup count of the record itself, and findings. Following includes and
 * redirects (their lookups, loops, void lookups) is for the callers that have DNS.
 */
import { byPosition, type Finding, type Span } from '../findings';
import { finding, quote, span } from './finding';
import { parseSpfTerm, type SpfTerm } from './spfTerms';

export { SPF_LOOKUP_TERMS, SPF_MECHANISMS, SPF_MODIFIERS, type SpfQualifier, type SpfTerm } from './spfTerms';

/** A domain another record is fetched from (include:, redirect=, exp=). */
export interface SpfTarget {
  domain: string;
  span: Span;
  /** Contains macros: depends on the message, cannot be looked up statically. */
  hasMacros: boolean;
  term: SpfTerm;
}

export interface SpfRecord {
  /** "v=spf1" as written ("" when the value is not an SPF record). */
  version: string;
  versionSpan: Span;
  terms: SpfTerm[];
  /** The first "all" mechanism. */
  all?: SpfTerm;
  /** include: targets in order (syntactically valid ones). */
  includes: SpfTarget[];
  /** The first redirect= (the one receivers use). */
  redirect?: SpfTarget;
  /** The first exp=. */
  exp?: SpfTarget;
  /** Terms that cost a DNS lookup: include, a, mx, ptr, exists, redirect. */
  lookupTerms: SpfTerm[];
  /** lookupTerms.length: this record's own share of the limit of 10. */
  lookupCount: number;
  /** Length of the value in bytes (UTF-8). */
  byteLength: number;
}

export const SPF_LOOKUP_LIMIT = 10;
export const SPF_LENGTH_WARNING = 450;

/** RFC 7208 §4.5: "v=spf1" (any case) followed by a space or the end of the value. */
export function isSpfRecord(value: string): boolean {
  return /^v=spf1(?: |$)/i.test(value);
}

export function parseSpfRecord(value: string): { record: SpfRecord; findings: Finding[] } {
  const findings: Finding[] = [];
  const record: SpfRecord = {
    version: '', versionSpan: span(0, 0), terms: [], includes: [], lookupTerms: [], lookupCount: 0,
    byteLength: Buffer.byteLength(value, 'utf8'),
  };
  if (!isSpfRecord(value)) {
    findings.push(versionProblem(value));
    return { record, findings };
  }
  record.version = value.slice(0, 6);
  record.versionSpan = span(0, 6);

  let i = 6;
  while (i < value.length) {
    const c = value[i]!;
    if (c === ' ') { i++; continue; }
    if (isSeparatorLike(c)) {
      findings.push(badChar(value, i));
      i++;
      continue;
    }
    let end = i;
    while (end < value.length && value[end] !== ' ' && !isSeparatorLike(value[end]!)) end++;
    const bad = firstBadChar(value, i, end);
    if (bad >= 0) findings.push(badChar(value, bad));
    record.terms.push(parseSpfTerm(value, span(i, end), findings));
    i = end;
  }
  collect(record);
  recordChecks(value, record, findings);
  return { record, findings: findings.sort(byPosition) };
}

/** Whitespace other than SP and control characters: they separate nothing in SPF. */
function isSeparatorLike(c: string): boolean {
  return c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';
}

function firstBadChar(value: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return i;
  }
  return -1;
}

function badChar(value: string, i: number): Finding {
  const cp = value.codePointAt(i)!;
  const what = value[i] === '\t' ? 'a tab' : cp < 0x20 || cp === 0x7f ? 'a control character' : `${quote(String.fromCodePoint(cp))}`;
  return finding('spf-invalid-character', 'error',
    `The SPF record contains ${what} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); only printable ASCII separated by single spaces is allowed, and receivers return permerror. Retype it.`,
    span(i, i + (cp > 0xffff ? 2 : 1)));
}

function versionProblem(value: string): Finding {
  const m = /^(\s*)v\s*=\s*spf1/i.exec(value);
  let message: string;
  let at = span(0, Math.min(value.length, 6));
  if (m && m[1] !== '') {
    message = 'The SPF record starts with whitespace, so receivers do not recognise it as SPF. Remove the leading space so it starts with "v=spf1".';
    at = span(0, m[1]!.length);
  } else if (m && m[0].length > 6) {
    message = 'Write "v=spf1" without spaces around "="; receivers do not recognise this record as SPF.';
    at = span(0, m[0].length);
  } else if (m) {
    message = `"v=spf1" must be followed by a space; receivers do not recognise ${quote(value.slice(0, 12))} as SPF.`;
    at = span(6, Math.min(value.length, 7));
  } else {
    message = 'This is not an SPF record: it must start with "v=spf1" followed by a space.';
  }
  return finding('spf-bad-version', 'error', message, at);
}

function target(t: SpfTerm): SpfTarget | undefined {
  if (t.domainSpec === undefined || !t.valid) return undefined;
  return { domain: t.domainSpec, span: t.domainSpan!, hasMacros: t.hasMacros ?? false, term: t };
}

function collect(record: SpfRecord): void {
  for (const t of record.terms) {
    if (t.kind === 'mechanism' && t.name === 'all' && !record.all) record.all = t;
    if (t.kind === 'mechanism' && t.name === 'include') {
      const tg = target(t);
      if (tg) record.includes.push(tg);
    }
    if (t.kind === 'modifier' && t.name === 'redirect' && !record.redirect) record.redirect = target(t);
    if (t.kind === 'modifier' && t.name === 'exp' && !record.exp) record.exp = target(t);
    if (t.lookup) record.lookupTerms.push(t);
  }
  record.lookupCount = record.lookupTerms.length;
}

function recordChecks(value: string, record: SpfRecord, findings: Finding[]): void {
  const seen = new Map<string, SpfTerm>();
  for (const t of record.terms) {
    if (t.kind !== 'modifier' || (t.name !== 'redirect' && t.name !== 'exp')) continue;
    const first = seen.get(t.name);
    if (!first) { seen.set(t.name, t); continue; }
    findings.push({
      ...finding('spf-duplicate-modifier', 'error',
        `${t.name}= appears more than once; RFC 7208 §6 makes that a permerror. Keep one ${t.name}=.`, t.span, { modifier: t.name }),
      related: [{ message: `first ${t.name}= is here`, span: first.span }],
    });
  }

  const all = record.all;
  if (all) {
    if (all.qualifier === '+') {
      findings.push(finding('spf-plus-all', 'error',
        `${quote(all.text)} authorises every server on the Internet to send as this domain. Use "-all" (or "~all" while testing).`, all.span));
    } else if (all.qualifier === '?') {
      findings.push(finding('spf-neutral-all', 'warning',
        '"?all" gives a neutral result for everyone else, which protects no better than having no SPF. Use "~all" or "-all".', all.span));
    }
    const allIndex = record.terms.indexOf(all);
    const later = record.terms.slice(allIndex + 1).filter((t) => t.kind === 'mechanism');
    if (later.length > 0) {
      findings.push(finding('spf-after-all', 'warning',
        `${later.length === 1 ? 'This mechanism comes after' : `These ${later.length} mechanisms come after`} ${quote(all.text)}, so ${later.length === 1 ? 'it is' : 'they are'} never evaluated. Move ${later.length === 1 ? 'it' : 'them'} before "all" or remove ${later.length === 1 ? 'it' : 'them'}.`,
        span(later[0]!.span.start, later[later.length - 1]!.span.end), { count: later.length }));
    }
    const redirect = record.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (redirect) {
      findings.push(finding('spf-redirect-ignored', 'warning',
        `${quote(redirect.text)} is ignored because the record has "all", which always matches first. Remove one of them.`, redirect.span));
    }
  } else if (!record.terms.some((t) => t.kind === 'modifier' && t.name === 'redirect')) {
    findings.push(finding('spf-no-all', 'info',
      'No "all" and no "redirect=": mail from unlisted servers gets a neutral result, as with "?all". End the record with "-all" or "~all".',
      record.versionSpan));
  }

  for (const t of record.terms) {
    if (t.kind === 'mechanism' && t.name === 'ptr') {
      findings.push(finding('spf-ptr', 'warning',
        `${quote(t.text)}: RFC 7208 §5.5 says do not use ptr; it is slow, unreliable and some receivers skip it. List the addresses with ip4:/ip6: or use a:.`, t.span));
    }
  }

  if (record.lookupCount > SPF_LOOKUP_LIMIT) {
    const over = record.lookupTerms.slice(SPF_LOOKUP_LIMIT);
    findings.push(finding('spf-too-many-lookups', 'error',
      `This record alone has ${record.lookupCount} terms that need DNS lookups (include, a, mx, ptr, exists, redirect); the limit is ${SPF_LOOKUP_LIMIT} (RFC 7208 §4.6.4), so receivers return permerror. Replace some with ip4:/ip6: or flatten includes.`,
      span(over[0]!.span.start, over[over.length - 1]!.span.end),
      { count: record.lookupCount, limit: SPF_LOOKUP_LIMIT, terms: record.lookupTerms.map((t) => t.text) }));
  }

  if (record.byteLength > SPF_LENGTH_WARNING) {
    findings.push(finding('spf-record-too-long', 'warning',
      `The SPF record is ${record.byteLength} bytes; over ${SPF_LENGTH_WARNING} it ${record.byteLength > 512 ? 'cannot fit in a 512-byte DNS answer over UDP, so receivers must retry over TCP and some fail' : 'may not fit in a DNS answer over UDP together with the other records'}. Shorten it, e.g. move ranges into an include.`,
      span(0, value.length), { bytes: record.byteLength }));
  }
}

export interface SpfSetFinding {
  /** Index into the values given to checkSpfRecordSet. */
  index: number;
  /** Span relative to values[index]. */
  finding: Finding;
}

/**
 * Checks all TXT values at one name: more than one SPF record is a permerror (RFC 7208
 * §4.5), reported on each extra record; values that almost start with "v=spf1" are
 * reported too, because receivers skip them silently.
 */
export function checkSpfRecordSet(values: readonly string[]): { spfIndexes: number[]; findings: SpfSetFinding[] } {
  const spfIndexes: number[] = [];
  const findings: SpfSetFinding[] = [];
  const nearMisses: number[] = [];
  values.forEach((v, index) => {
    if (isSpfRecord(v)) spfIndexes.push(index);
    else if (/^\s*v\s*=\s*spf1/i.test(v)) nearMisses.push(index);
  });
  for (const index of nearMisses) {
    const f = versionProblem(values[index]!);
    findings.push({ index, finding: { ...f, code: 'spf-not-recognized', severity: spfIndexes.length === 0 ? 'error' : 'warning' } });
  }
  for (const index of spfIndexes.slice(1)) {
    findings.push({
      index,
      finding: finding('spf-multiple-records', 'error',
        `There are ${spfIndexes.length} SPF records at this name; receivers then return permerror for all of them (RFC 7208 §4.5). Merge them into one record.`,
        span(0, values[index]!.length), { count: spfIndexes.length, indexes: spfIndexes, firstIndex: spfIndexes[0] }),
    });
  }
  return { spfIndexes, findings };
}

/**
 * Finding codes that are syntax errors in RFC 7208's grammar: a record with any of them
 * is a permerror for every message (§4.6), whatever its terms would have matched.
 */
export const SPF_PERMERROR_CODES: ReadonlySet<string> = new Set([
  'spf-invalid-character', 'spf-syntax', 'spf-missing-domain', 'spf-unknown-mechanism', 'spf-bad-cidr',
  'spf-bad-ip', 'spf-bad-macro', 'spf-bad-domain', 'spf-duplicate-modifier',
]);
