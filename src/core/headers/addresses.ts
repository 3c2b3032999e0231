/**
 * RFC 5322 §3.4 address lists (From, Sender, Reply-To, To, Cc, Return-Path): display
 * names (atoms, quoted strings, encoded words), comments, groups, several addresses,
 * obsolete routes and `addr (Name)`. Own parser, because nodemailer's `addressparser`
 * (which mailauth brings) is built for sending, not for judging hostile input: it keeps
 * no positions, drops control characters such as NUL without a word (`a@b.c\0d` becomes
 * `a@b.cd`), folds a second `<address>` into the display name, merges fragments split
 * at an unquoted comma, and leaves encoded words undecoded.
 */
import { domainToUnicode } from 'node:url';
import type { Span } from '../findings';
import { decodeEncodedWords } from './rfc2047';
import type { MailAddress } from './types';
import { readComment, readQuoted } from './cfws';
import { clipped } from '../text/visible';

type TokType = 'ws' | 'comment' | 'quoted' | 'literal' | 'special' | 'atom';

interface Tok {
  type: TokType;
  /** Unescaped content (inside quotes/parentheses/brackets for those types). */
  text: string;
  start: number;
  end: number;
}

export interface AddressProblem {
  code: 'hdr-address-invalid' | 'hdr-address-ambiguous';
  message: string;
  start: number;
  end: number;
}

const SPECIALS = '<>,:;@.';
const ENCODED_WORD_AT = /^=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=/;

function tokenize(s: string, problems: AddressProblem[]): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      while (i < s.length && /[ \t\r\n]/.test(s[i]!)) i++;
      toks.push({ type: 'ws', text: s.slice(start, i), start, end: i });
    } else if (c === '(') {
      const { text, end, closed } = readComment(s, i);
      if (!closed) problems.push({ code: 'hdr-address-invalid', message: 'A comment "(" is never closed.', start, end: s.length });
      i = end;
      toks.push({ type: 'comment', text, start, end: i });
    } else if (c === '"') {
      const { text, end, closed } = readQuoted(s, i);
      if (!closed) problems.push({ code: 'hdr-address-invalid', message: 'A quoted string is never closed.', start, end: s.length });
      i = end;
      toks.push({ type: 'quoted', text, start, end: i });
    } else if (c === '[') {
      const close = s.indexOf(']', i);
      i = close < 0 ? s.length : close + 1;
      toks.push({ type: 'literal', text: s.slice(start, i), start, end: i });
    } else if (c === '=' && s[i + 1] === '?' && ENCODED_WORD_AT.test(s.slice(i))) {
      // An encoded word is one atom even when it (illegally) carries specials such as "@" or ":".
      i += ENCODED_WORD_AT.exec(s.slice(i))![0].length;
      toks.push({ type: 'atom', text: s.slice(start, i), start, end: i });
    } else if (SPECIALS.includes(c)) {
      i++;
      toks.push({ type: 'special', text: c, start, end: i });
    } else {
      while (i < s.length && !SPECIALS.includes(s[i]!) && !' \t\r\n("['.includes(s[i]!)) i++;
      toks.push({ type: 'atom', text: s.slice(start, i), start, end: i });
    }
  }
  return toks;
}

function isSpecial(t: Tok | undefined, ch: string): boolean {
  return !!t && t.type === 'special' && t.text === ch;
}

/** The display name of a phrase: quoted strings unquoted, encoded words decoded. */
function phraseText(s: string, toks: Tok[]): { name: string; rawName: string; start: number; end: number } | null {
  const words = toks.filter((t) => t.type !== 'comment');
  while (words.length && words[0]!.type === 'ws') words.shift();
  while (words.length && words[words.length - 1]!.type === 'ws') words.pop();
  if (words.length === 0) return null;
  let joined = '';
  for (const t of words) joined += t.type === 'ws' ? ' ' : t.text;
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  return { name: decodeEncodedWords(joined).text, rawName: s.slice(start, end), start, end };
}

function splitAddress(addr: string): { local: string; domain: string } {
  const at = addr.lastIndexOf('@');
  if (at < 0) return { local: addr, domain: '' };
  return { local: addr.slice(0, at), domain: addr.slice(at + 1) };
}

function unicodeDomain(domain: string): string {
  if (!domain || domain.startsWith('[')) return domain;
  const u = domainToUnicode(domain);
  return (u || domain).toLowerCase();
}

export interface AddressListResult {
  addresses: MailAddress[];
  problems: AddressProblem[];
}

/**
 * Parses an address list. Offsets in problems are into `value`; spans in the returned
 * addresses are mapped to the source through `toSpan(start, end)`.
 */
export function parseAddressList(value: string, toSpan: (start: number, end: number) => Span): AddressListResult {
  const problems: AddressProblem[] = [];
  const toks = tokenize(value, problems);
  const addresses: MailAddress[] = [];
  let group: string | null = null;
  let entry: Tok[] = [];
  let inAngle = false;

  const finish = () => {
    const significant = entry.filter((t) => t.type !== 'ws');
    if (significant.length > 0) {
      const a = parseMailbox(value, entry, group, problems, toSpan);
      if (a) addresses.push(a);
    }
    entry = [];
  };

  for (const t of toks) {
    if (isSpecial(t, '<')) inAngle = true;
    if (isSpecial(t, '>')) inAngle = false;
    if (!inAngle && isSpecial(t, ',')) {
      finish();
      continue;
    }
    if (!inAngle && isSpecial(t, ':') && group === null && !entry.some((e) => isSpecial(e, '@') || isSpecial(e, '<'))) {
      group = phraseText(value, entry)?.name ?? '';
      entry = [];
      continue;
    }
    if (!inAngle && isSpecial(t, ';') && group !== null) {
      finish();
      group = null;
      continue;
    }
    entry.push(t);
  }
  if (inAngle) problems.push({ code: 'hdr-address-invalid', message: 'An address "<" is never closed with ">".', start: 0, end: value.length });
  finish();
  return { addresses, problems };
}

function parseMailbox(
  value: string,
  toks: Tok[],
  group: string | null,
  problems: AddressProblem[],
  toSpan: (start: number, end: number) => Span,
): MailAddress | null {
  const sig = toks.filter((t) => t.type !== 'ws');
  const first = sig[0]!;
  const last = sig[sig.length - 1]!;
  const comments = toks.filter((t) => t.type === 'comment').map((t) => t.text);
  const opens = toks.filter((t) => isSpecial(t, '<'));
  let nameInfo: ReturnType<typeof phraseText> = null;
  let addrToks: Tok[];
  if (opens.length > 0) {
    const open = toks.indexOf(opens[0]!);
    let close = toks.findIndex((t, k) => k > open && isSpecial(t, '>'));
    if (close < 0) close = toks.length;
    nameInfo = phraseText(value, toks.slice(0, open));
    addrToks = toks.slice(open + 1, close);
    const after = toks.slice(close + 1).filter((t) => t.type !== 'ws' && t.type !== 'comment');
    if (opens.length > 1) {
      problems.push({
        code: 'hdr-address-ambiguous',
        message: 'This entry has more than one <address>; mail clients disagree on which one they show, a known spoofing trick.',
        start: first.start,
        end: last.end,
      });
    } else if (after.length > 0) {
      problems.push({ code: 'hdr-address-invalid', message: 'Text follows the closing ">" of the address.', start: after[0]!.start, end: last.end });
    }
  } else {
    addrToks = toks.filter((t) => t.type !== 'comment');
    // Obsolete "addr (Name)": the comment stands in for the display name.
    const c = toks.filter((t) => t.type === 'comment');
    if (c.length > 0) {
      const name = decodeEncodedWords(c.map((t) => t.text).join(' ')).text.trim();
      nameInfo = { name, rawName: value.slice(c[0]!.start, c[c.length - 1]!.end), start: c[0]!.start, end: c[c.length - 1]!.end };
    }
  }
  // Obsolete route "@a,@b:local@domain": keep what follows the last colon.
  const colon = addrToks.map((t) => isSpecial(t, ':')).lastIndexOf(true);
  if (colon >= 0 && addrToks.slice(0, colon).some((t) => isSpecial(t, '@'))) addrToks = addrToks.slice(colon + 1);
  const addrSig = addrToks.filter((t) => t.type !== 'ws' && t.type !== 'comment');
  const address = addrSig.map((t) => (t.type === 'quoted' ? value.slice(t.start, t.end) : t.text)).join('');
  const addrStart = addrSig[0]?.start;
  const addrEnd = addrSig[addrSig.length - 1]?.end;
  const { local, domain } = splitAddress(address);
  if (!address.includes('@') || !domain || !local) {
    problems.push({
      code: 'hdr-address-invalid',
      message: address
        ? `"${clipped(address, 80)}" is not an email address (local@domain).`
        : `No email address in "${clipped(value.slice(first.start, last.end), 80)}".`,
      start: first.start,
      end: last.end,
    });
  }
  const lower = domain.toLowerCase();
  return {
    name: nameInfo?.name ?? '',
    rawName: nameInfo?.rawName ?? '',
    address,
    local,
    domain: lower,
    domainUnicode: unicodeDomain(lower),
    group,
    comments,
    span: toSpan(first.start, last.end),
    nameSpan: nameInfo ? toSpan(nameInfo.start, nameInfo.end) : null,
    addressSpan: addrStart !== undefined && addrEnd !== undefined ? toSpan(addrStart, addrEnd) : null,
  };
}
