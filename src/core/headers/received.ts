/**
 * One `Received` field (RFC 5321 §4.4): `from` `by` `via` `with` `id` `for` clauses,
 * comments kept apart (a clause keyword inside a comment is not a clause), and the
 * date-time after the last `;`. A field with no `from`/`by` outside comments — qmail's
 * `(qmail 4242 invoked by uid 89)` — is a local stamp, not a hop.
 */
import { isIPv6 } from '../net/ip';
import { parseReceivedDate } from './dates';
import type { ParsedDate, ReceivedClauses } from './types';
import { readComment } from './cfws';

export interface ReceivedParts extends ReceivedClauses {
  /** Text after the last `;` (null when there is no `;`). */
  dateText: string | null;
  /** No from/by clause outside comments. */
  localStamp: boolean;
  /** Offset in the value where the date text starts. */
  dateOffset: number | null;
  /** The host of every `by` clause: more than one is a malformed field (`by` is the first). */
  byHosts: string[];
}

interface Tok {
  kind: 'word' | 'comment';
  text: string;
}

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      const comment = readComment(s, i);
      i = comment.closed ? comment.end : s.length + 1;
      toks.push({ kind: 'comment', text: comment.text.trim() });
    } else {
      let j = i;
      if (c === '<') {
        const close = s.indexOf('>', i);
        j = close < 0 ? s.length : close + 1;
      } else if (c === '[') {
        const close = s.indexOf(']', i);
        j = close < 0 ? s.length : close + 1;
      } else {
        while (j < s.length && !/[\s(]/.test(s[j]!)) j++;
      }
      toks.push({ kind: 'word', text: s.slice(i, j) });
      i = j;
    }
  }
  return toks;
}

const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/;

/** The content of the first non-empty `[...]` in `text`, without an `IPv6:` prefix (linear: no regex backtracking over `[[[[`). */
function bracketed(text: string): string | null {
  for (let open = text.indexOf('['); open >= 0; open = text.indexOf('[', open + 1)) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) return null;
    if (close > open + 1) {
      const inner = text.slice(open + 1, close);
      return (/^IPv6:/i.test(inner) ? inner.slice(5) : inner).trim();
    }
  }
  return null;
}

function isHexOrColon(code: number): boolean {
  return (code >= 48 && code <= 58) || code === 46 || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** The IP address in a TCP-info comment or an address literal, if any. */
export function findIp(text: string): string | null {
  const bracket = bracketed(text);
  if (bracket) return bracket;
  const v4 = IPV4.exec(text);
  if (v4) return v4[0];
  // Runs of hex digits, dots and colons, each read once (an IPv6 address has a colon).
  for (let i = 0; i < text.length; ) {
    if (!isHexOrColon(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isHexOrColon(text.charCodeAt(j))) j++;
    let run = text.slice(i, j);
    // "IPv6:2001:db8::1": the "6:" belongs to the prefix.
    if (/^6:/.test(run) && /ipv$/i.test(text.slice(Math.max(0, i - 3), i))) run = run.slice(2);
    if (run.includes(':') && isIPv6(run)) return run;
    i = j;
  }
  return null;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** A dotted name of at least two labels (a trailing dot allowed), checked label by label. */
function isHostname(word: string): boolean {
  const labels = (word.endsWith('.') ? word.slice(0, -1) : word).split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

function stripDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Where a date may start when a field has no `;`: a weekday, an ISO or numeric date, "Apr 21", "21 Apr". */
const DATE_START = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?$|\d{4}-\d{1,2}-\d{1,2}(?:T.*)?$|\d{1,2}[/-]\d{1,2}[/-]\d{4}$|\d{1,2}$|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$)/i;

/** Candidates tried, from the last one back, before giving up on a field with no `;`. */
const MAX_DATE_TRIES = 4;

/**
 * Splits at the last `;` that is outside comments. Without one, a date at the end of the
 * field is still read, as MHA does (SendGrid writes `… id X 2018-03-26 13:35:36.27 +0000
 * UTC`; some servers write only a date): the words that can start a date are tried from
 * the last one back, and the rest of the field must read as a date entirely.
 */
function splitDate(value: string): { clauses: string; date: string | null; dateOffset: number | null; time: ParsedDate | null } {
  let depth = 0;
  let last = -1;
  const starts: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ';' && depth === 0) last = i;
    else if (depth === 0 && (i === 0 || /\s/.test(value[i - 1]!)) && !/\s/.test(c)) starts.push(i);
  }
  if (last >= 0) {
    const rest = value.slice(last + 1);
    const lead = rest.length - rest.trimStart().length;
    const date = rest.trim();
    return { clauses: value.slice(0, last), date, dateOffset: last + 1 + lead, time: date ? parseReceivedDate(date) : null };
  }
  let tries = 0;
  for (let k = starts.length - 1; k >= 0 && tries < MAX_DATE_TRIES; k--) {
    const at = starts[k]!;
    let end = at;
    while (end < value.length && !/\s/.test(value[end]!)) end++;
    if (!DATE_START.test(value.slice(at, end))) continue;
    tries++;
    const date = value.slice(at).trim();
    const time = parseReceivedDate(date);
    if (time) return { clauses: value.slice(0, at), date, dateOffset: at, time };
  }
  return { clauses: value, date: null, dateOffset: null, time: null };
}

export function parseReceived(value: string): ReceivedParts {
  const { clauses, date, dateOffset, time } = splitDate(value);
  const toks = tokenize(clauses);
  /** The words of each clause, one list per occurrence ("by a by b" has two). */
  const occurrences: Record<string, string[][]> = {};
  const clauseComments: Record<string, string[]> = {};
  const comments: string[] = [];
  let current: string | null = null;
  for (const t of toks) {
    if (t.kind === 'word' && KEYWORDS.has(t.text.toLowerCase())) {
      current = t.text.toLowerCase();
      (occurrences[current] ??= []).push([]);
      continue;
    }
    if (t.kind === 'comment') {
      if (current === 'from' || current === 'by') (clauseComments[current] ??= []).push(t.text);
      else comments.push(t.text);
      continue;
    }
    if (current) occurrences[current]!.at(-1)!.push(t.text);
    else comments.push(t.text);
  }
  const words = (k: string): string[] => (occurrences[k] ?? []).flat();
  /** A clause's text; a repeated clause's occurrences joined with "; " (MHA's way). */
  const val = (k: string): string | null => {
    const parts = (occurrences[k] ?? []).map((o) => o.join(' ')).filter(Boolean);
    return parts.length ? parts.join('; ') : null;
  };
  const firstWords = (k: string): string[] => (occurrences[k] ?? []).map((o) => o[0]).filter((w): w is string => !!w);
  const fromWord = firstWords('from')[0] ?? null;
  // The first comment after "from" is the TCP-info; later ones (TLS details) are plain comments.
  const fromComments = clauseComments['from'] ?? [];
  const fromFirst = fromComments[0] ?? '';
  const fromIpComment = fromComments.find((c) => findIp(c) !== null) ?? '';
  const fromMore = fromComments.filter((c) => c !== fromFirst && c !== fromIpComment);
  const byHosts = firstWords('by').map(stripDot);
  const byWord = firstWords('by')[0] ?? null;
  const byComments = clauseComments['by'] ?? [];
  const byInfo = byComments.find((c) => findIp(c) !== null) ?? '';
  const leading = [...fromMore, ...byComments.filter((c) => c !== byInfo)];
  // TCP-info: "(rdns.example [192.0.2.1])", "(HELO name)", "([192.0.2.1])", "(unknown [192.0.2.1])".
  let fromHost: string | null = null;
  const firstWord = /^([^\s[\]]+)/.exec(fromFirst)?.[1];
  if (firstWord && isHostname(stripDot(firstWord)) && !/^helo=?$/i.test(firstWord)) fromHost = stripDot(firstWord).toLowerCase();
  const fromIp = (fromIpComment ? findIp(fromIpComment) : null) ?? (fromWord && fromWord.startsWith('[') ? findIp(fromWord) : null) ?? (fromWord ? findIp(fromWord) : null);
  const forValue = firstWords('for')[0] ?? null;
  return {
    from: fromWord ? stripDot(fromWord) : null,
    fromHost,
    fromIp,
    by: byWord ? stripDot(byWord) : null,
    byIp: findIp(byInfo) ?? (byWord && byWord.startsWith('[') ? findIp(byWord) : null),
    via: val('via'),
    with: val('with'),
    id: firstWords('id')[0]?.replace(/;$/, '') ?? null,
    for: forValue ? forValue.replace(/^<|>$/g, '') : null,
    comments: [...leading, ...comments, ...words('from').slice(1), ...words('by').slice(1)].filter((c) => c.length > 0),
    dateText: date,
    time,
    localStamp: !occurrences['from'] && !occurrences['by'],
    dateOffset,
    byHosts,
  };
}
