/**
 * One `Received` field (RFC 5321 §4.4): `from` `by` `via` `with` `id` `for` clauses,
 * comments kept apart (a clause keyword inside a comment is not a clause), and the
 * date-time after the last `;`. A field with no `from`/`by` outside comments — qmail's
 * `(qmail 4242 invoked by uid 89)` — is a local stamp, not a hop.
 */
import { isIPv6 } from '../net/ip';
import { parseMailDate } from './dates';
import type { ReceivedClauses } from './types';
import { readComment } from './cfws';

export interface ReceivedParts extends ReceivedClauses {
  /** Text after the last `;` (null when there is no `;`). */
  dateText: string | null;
  /** No from/by clause outside comments. */
  localStamp: boolean;
  /** Offset in the value where the date text starts. */
  dateOffset: number | null;
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

/** Splits at the last `;` that is outside comments. */
function splitDate(value: string): { clauses: string; date: string | null; dateOffset: number | null } {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ';' && depth === 0) last = i;
  }
  if (last < 0) return { clauses: value, date: null, dateOffset: null };
  const rest = value.slice(last + 1);
  const lead = rest.length - rest.trimStart().length;
  return { clauses: value.slice(0, last), date: rest.trim(), dateOffset: last + 1 + lead };
}

export function parseReceived(value: string): ReceivedParts {
  const { clauses, date, dateOffset } = splitDate(value);
  const toks = tokenize(clauses);
  const values: Record<string, string[]> = {};
  const clauseComments: Record<string, string[]> = {};
  const comments: string[] = [];
  let current: string | null = null;
  for (const t of toks) {
    if (t.kind === 'word' && KEYWORDS.has(t.text.toLowerCase())) {
      current = t.text.toLowerCase();
      if (!values[current]) values[current] = [];
      continue;
    }
    if (t.kind === 'comment') {
      if (current === 'from' || current === 'by') (clauseComments[current] ??= []).push(t.text);
      else comments.push(t.text);
      continue;
    }
    if (current) values[current]!.push(t.text);
    else comments.push(t.text);
  }
  const val = (k: string): string | null => (values[k] && values[k]!.length ? values[k]!.join(' ') : null);
  const fromWord = values['from']?.[0] ?? null;
  // The first comment after "from" is the TCP-info; later ones (TLS details) are plain comments.
  const fromComments = clauseComments['from'] ?? [];
  const fromFirst = fromComments[0] ?? '';
  const fromIpComment = fromComments.find((c) => findIp(c) !== null) ?? '';
  const fromMore = fromComments.filter((c) => c !== fromFirst && c !== fromIpComment);
  const byWord = values['by']?.[0] ?? null;
  const byComments = clauseComments['by'] ?? [];
  const byInfo = byComments.find((c) => findIp(c) !== null) ?? '';
  const leading = [...fromMore, ...byComments.filter((c) => c !== byInfo)];
  // TCP-info: "(rdns.example [192.0.2.1])", "(HELO name)", "([192.0.2.1])", "(unknown [192.0.2.1])".
  let fromHost: string | null = null;
  const firstWord = /^([^\s[\]]+)/.exec(fromFirst)?.[1];
  if (firstWord && isHostname(stripDot(firstWord)) && !/^helo=?$/i.test(firstWord)) fromHost = stripDot(firstWord).toLowerCase();
  const fromIp = (fromIpComment ? findIp(fromIpComment) : null) ?? (fromWord && fromWord.startsWith('[') ? findIp(fromWord) : null) ?? (fromWord ? findIp(fromWord) : null);
  const forValue = val('for');
  const time = date ? parseMailDate(date) : null;
  return {
    from: fromWord ? stripDot(fromWord) : null,
    fromHost,
    fromIp,
    by: byWord ? stripDot(byWord) : null,
    byIp: findIp(byInfo) ?? (byWord && byWord.startsWith('[') ? findIp(byWord) : null),
    via: val('via'),
    with: val('with'),
    id: values['id']?.[0]?.replace(/;$/, '') ?? null,
    for: forValue ? forValue.replace(/^<|>$/g, '').split(/\s/)[0]!.replace(/^<|>$/g, '') : null,
    comments: [...leading, ...comments, ...(values['from']?.slice(1) ?? []), ...(values['by']?.slice(1) ?? [])].filter((c) => c.length > 0),
    dateText: date,
    time,
    localStamp: !values['from'] && !values['by'],
    dateOffset,
  };
}
