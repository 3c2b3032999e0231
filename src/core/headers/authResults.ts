/**
 * `Authentication-Results` and `ARC-Authentication-Results` (RFC 8601, RFC 8617 §4.1.1):
 * authserv-id and version, then `method[/version]=result`, `reason=`, `ptype.property=value`.
 * CFWS comments are kept next to the result they annotate but never interpreted, so a
 * comment saying `(spf=fail)` cannot count as a result. Microsoft 365 writes no
 * authserv-id and adds `action=` after dmarc; both are accepted and reported.
 */
import type { AuthMethodResult, AuthProperty } from './types';
import { readComment, readQuoted } from './cfws';
import { clipped } from '../text/visible';

type Kind = ';' | '=' | 'word' | 'quoted' | 'comment';

interface Tok {
  kind: Kind;
  text: string;
  start: number;
  end: number;
}

export interface AuthResultsProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedAuthResults {
  instance: number | null;
  authservId: string | null;
  version: string | null;
  results: Array<
    Omit<AuthMethodResult, 'span' | 'properties'> & {
      start: number;
      end: number;
      properties: Array<Omit<AuthProperty, 'span'> & { start: number; end: number }>;
      /** Microsoft's older layout: the recipient's domain written after a property. */
      recipientDomains?: string[];
    }
  >;
  problems: AuthResultsProblem[];
  /** Problems beyond the first MAX_KEPT_PROBLEMS, counted only (a flood of "=" stays cheap). */
  moreProblems: number;
}

const MAX_KEPT_PROBLEMS = 100;

function tokenize(s: string, problems: AuthResultsProblem[]): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === ';' || c === '=') {
      i++;
      toks.push({ kind: c, text: c, start, end: i });
    } else if (c === '(') {
      const { text, end, closed } = readComment(s, i);
      if (!closed) problems.push({ message: 'A comment "(" is never closed; everything after it is a comment.', start, end: s.length });
      i = end;
      toks.push({ kind: 'comment', text: text.trim(), start, end: i });
    } else if (c === '"') {
      const { text, end, closed } = readQuoted(s, i);
      if (!closed) problems.push({ message: 'A quoted string is never closed.', start, end: s.length });
      i = end;
      toks.push({ kind: 'quoted', text, start, end: i });
    } else {
      while (i < s.length && !/[\s;=("]/.test(s[i]!)) i++;
      toks.push({ kind: 'word', text: s.slice(start, i), start, end: i });
    }
  }
  return toks;
}

/** Splits tokens into `;`-separated segments. */
function segments(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [[]];
  for (const t of toks) {
    if (t.kind === ';') out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out;
}

/** Reads a value starting at `k`: a quoted string, or adjacent words and `=` (base64 padding, `a=b` in values). */
function readValue(seg: Tok[], k: number): { text: string; next: number; start: number; end: number } | null {
  const t = seg[k];
  if (!t || t.kind === 'comment') return null;
  if (t.kind === 'quoted') return { text: t.text, next: k + 1, start: t.start, end: t.end };
  if (t.kind !== 'word') return null;
  let text = t.text;
  let end = t.end;
  let j = k + 1;
  while (j < seg.length && seg[j]!.start === end && (seg[j]!.kind === 'word' || seg[j]!.kind === '=')) {
    text += seg[j]!.text;
    end = seg[j]!.end;
    j++;
  }
  return { text, next: j, start: t.start, end };
}

/** A domain name of two or more labels (the bare recipient-domain token of Microsoft's older layout). */
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+\.?$/i;

export function parseAuthResults(value: string, arc: boolean): ParsedAuthResults {
  const problems: AuthResultsProblem[] = [];
  let moreProblems = 0;
  const report = (make: () => AuthResultsProblem) => {
    if (problems.length < MAX_KEPT_PROBLEMS) problems.push(make());
    else moreProblems++;
  };
  const segs = segments(tokenize(value, problems));
  let instance: number | null = null;
  if (arc) {
    const first = segs[0]!.filter((t) => t.kind !== 'comment');
    if (first.length >= 3 && first[0]!.text.toLowerCase() === 'i' && first[1]!.kind === '=' && /^\d+$/.test(first[2]!.text)) {
      instance = Number(first[2]!.text);
      segs.shift();
    } else {
      report(() => ({ message: 'ARC-Authentication-Results must start with "i=<instance>;".', start: 0, end: Math.min(value.length, 10) }));
    }
  }
  let authservId: string | null = null;
  let version: string | null = null;
  const head = (segs[0] ?? []).filter((t) => t.kind !== 'comment');
  if (head.length > 0 && !head.some((t) => t.kind === '=')) {
    authservId = head[0]!.kind === 'quoted' || head[0]!.kind === 'word' ? head[0]!.text : null;
    if (head[1] && /^\d+$/.test(head[1].text)) version = head[1].text;
    if (head.length > (version ? 2 : 1)) {
      report(() => ({ message: 'Unexpected text after the authserv-id.', start: head[version ? 2 : 1]!.start, end: head[head.length - 1]!.end }));
    }
    segs.shift();
  } else if (head.length === 0 && segs.length > 0) {
    report(() => ({ message: 'The authserv-id (the name of the server that checked the message) is missing.', start: 0, end: 0 }));
    segs.shift();
  }
  const results: ParsedAuthResults['results'] = [];
  for (const seg of segs) {
    const sig = seg.filter((t) => t.kind !== 'comment');
    if (sig.length === 0) continue;
    if (sig.length === 1 && sig[0]!.text.toLowerCase() === 'none' && results.length === 0) continue; // RFC 8601 no-result
    // Microsoft 365's older layout (no authserv-id) follows a property with the recipient's
    // domain as a bare token: "smtp.mailfrom=contoso.com; fabrikam.com; dkim=pass …
    // header.d=contoso.com;fabrikam.com; dmarc=…". Kept with the result it follows.
    const last = results[results.length - 1];
    if (!authservId && last && sig.length === 1 && sig[0]!.kind === 'word' && DOMAIN.test(sig[0]!.text)) {
      (last.recipientDomains ??= []).push(sig[0]!.text.toLowerCase());
      last.end = sig[0]!.end;
      continue;
    }
    const comments = seg.filter((t) => t.kind === 'comment').map((t) => t.text);
    const segStart = seg[0]!.start;
    const segEnd = seg[seg.length - 1]!.end;
    if (sig[0]!.kind !== 'word' || sig[1]?.kind !== '=' || !sig[2] || sig[2].kind === '=') {
      report(() => ({ message: `"${clipped(value.slice(sig[0]!.start, sig[sig.length - 1]!.end), 60)}" is not a method=result pair.`, start: sig[0]!.start, end: sig[sig.length - 1]!.end }));
      continue;
    }
    const [method, mversion] = sig[0]!.text.split('/');
    const resultVal = readValue(sig, 2)!;
    const entry: ParsedAuthResults['results'][number] = {
      method: method!.toLowerCase(),
      version: mversion ?? null,
      result: resultVal.text.toLowerCase(),
      reason: null,
      extras: {},
      properties: [],
      comments,
      start: segStart,
      end: segEnd,
    };
    let k = resultVal.next;
    while (k < sig.length) {
      const key = sig[k]!;
      if (key.kind !== 'word' || sig[k + 1]?.kind !== '=') {
        report(() => ({ message: `Unexpected "${clipped(key.text, 60)}" in the ${clipped(entry.method, 40)} result (expected ptype.property=value or reason=).`, start: key.start, end: key.end }));
        k++;
        continue;
      }
      const v = readValue(sig, k + 2);
      if (!v) {
        report(() => ({ message: `"${clipped(key.text, 60)}=" has no value.`, start: key.start, end: sig[k + 1]!.end }));
        k += 2;
        continue;
      }
      const lkey = key.text.toLowerCase();
      const dot = lkey.indexOf('.');
      if (lkey === 'reason') entry.reason = v.text;
      else if (dot > 0) {
        entry.properties.push({ ptype: lkey.slice(0, dot), property: lkey.slice(dot + 1), value: v.text, start: key.start, end: v.end });
      } else entry.extras[lkey] = v.text;
      k = v.next;
    }
    results.push(entry);
  }
  return { instance, authservId, version, results, problems, moreProblems };
}

/** First result of a method in a parsed header (RFC 8601 allows several). */
export function resultOf(results: AuthMethodResult[], method: string): AuthMethodResult | null {
  return results.find((r) => r.method === method) ?? null;
}

/** Value of `ptype.property` in a result, e.g. `prop(r, 'header', 'd')`. */
export function prop(r: AuthMethodResult | null, ptype: string, property: string): string | null {
  return r?.properties.find((p) => p.ptype === ptype && p.property === property)?.value ?? null;
}
