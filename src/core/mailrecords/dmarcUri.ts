/**
 * DMARC reporting URIs (rua=, ruf=): a comma-separated list, each a URI with an optional
 * "!size" suffix (RFC 7489 §6.4; RFC 9989 keeps the syntax but reporters ignore the size).
 * Receivers only send reports by mail, so mailto: is what works.
 */
import type { Finding, Span } from '../findings';
import { finding, quote, shown, span } from './finding';
import { splitTagValue, type Tag } from './tags';

export interface DmarcUri {
  /** "rua" or "ruf". */
  tag: string;
  /** The entry as written, "!size" included. */
  text: string;
  span: Span;
  /** The URI without the "!size" suffix. */
  uri: string;
  uriSpan: Span;
  /** Lower-case scheme ("mailto"), if the entry has one. */
  scheme?: string;
  /** mailto: address, percent-decoded. */
  address?: string;
  /** Lower-case domain of the address (or host of an http(s) URI): where reports go. */
  domain?: string;
  domainSpan?: Span;
  /** The "!size" limit as written ("10m"), if any. */
  maxSize?: string;
  /** The limit in bytes (k, m, g, t are powers of 1024). */
  maxBytes?: number;
  /** Syntactically usable and mailto: (reports can be delivered). */
  valid: boolean;
}

const SIZE = /!([0-9]+)([kmgt]?)$/i;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export function isHostname(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const labels = n.split('.');
  return n.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /[A-Za-z]/.test(labels[labels.length - 1]!);
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Parses a rua=/ruf= value into URIs, reporting each bad entry at its place. */
export function parseDmarcUris(value: string, tag: Tag, findings: Finding[]): DmarcUri[] {
  const name = tag.name.toLowerCase();
  const out: DmarcUri[] = [];
  if (tag.value === '') {
    findings.push(finding('dmarc-bad-uri', 'error', `${name}= is empty; write ${name}=mailto:<address> or remove the tag.`, tag.span, { tag: name }));
    return out;
  }
  for (const item of splitTagValue(value, tag, ',')) {
    if (item.text === '') {
      // Point at the comma that makes the empty entry (the one before it, or after it for a leading comma).
      const before = value.lastIndexOf(',', item.span.start - 1);
      const comma = before >= tag.valueSpan.start ? before : value.indexOf(',', item.span.start);
      findings.push(finding('dmarc-bad-uri', 'warning',
        `Empty entry in ${name}= (an extra comma); strict receivers reject the list. Remove the comma.`,
        span(comma, comma + 1), { tag: name }));
      continue;
    }
    out.push(parseUri(name, item.text, item.span, findings));
  }
  return out;
}

function parseUri(tag: string, text: string, s: Span, findings: Finding[]): DmarcUri {
  const size = SIZE.exec(text);
  const uri = size ? text.slice(0, size.index) : text;
  const u: DmarcUri = { tag, text, span: s, uri, uriSpan: span(s.start, s.start + uri.length), valid: false };
  if (size) {
    u.maxSize = `${size[1]}${size[2]!.toLowerCase()}`;
    u.maxBytes = Number(size[1]) * UNITS[size[2]!.toLowerCase()]!;
  }
  const bad = (message: string, at: Span = s): DmarcUri => {
    findings.push(finding('dmarc-bad-uri', 'error', message, at, { tag, uri: text, domain: u.domain }));
    return u;
  };
  if (/\s/.test(uri)) return bad(`${quote(text)} in ${tag}= contains whitespace; separate URIs with "," and write each one without spaces.`);
  const scheme = SCHEME.exec(uri);
  if (!scheme) {
    if (uri.includes('@')) {
      const at = uri.lastIndexOf('@');
      u.address = uri;
      u.domain = uri.slice(at + 1).toLowerCase();
      u.domainSpan = span(s.start + at + 1, s.start + uri.length);
      findings.push(finding('dmarc-uri-missing-mailto', 'error',
        `${quote(text)} in ${tag}= lacks "mailto:", so receivers send no reports to it. Write ${tag}=mailto:${shown(text)}.`,
        s, { tag, uri: text, domain: u.domain, fix: `mailto:${text}` }));
      return u;
    }
    if (text.includes('!')) return bad(`${quote(text)} in ${tag}= has a "!" size suffix that is not a number with an optional k, m, g or t (e.g. !10m).`);
    return bad(`${quote(text)} in ${tag}= is not a URI; write mailto:<address>.`);
  }
  u.scheme = scheme[1]!.toLowerCase();
  const rest = uri.slice(scheme[0].length);
  const restStart = s.start + scheme[0].length;
  if (u.scheme === 'mailto') return mailto(u, rest, restStart, bad);

  const host = /^\/\/([^/?#:@]+)/.exec(rest)?.[1];
  if (host) {
    u.domain = host.toLowerCase();
    u.domainSpan = span(restStart + 2, restStart + 2 + host.length);
  }
  findings.push(finding('dmarc-uri-unsupported-scheme', 'warning',
    `${quote(text)} in ${tag}= is a ${u.scheme}: URI; receivers send DMARC reports only by mail, so nothing will arrive. Use mailto:<address>.`,
    u.uriSpan, { tag, uri: text, scheme: u.scheme, domain: u.domain }));
  return u;
}

function mailto(u: DmarcUri, rest: string, restStart: number, bad: (m: string, at?: Span) => DmarcUri): DmarcUri {
  const q = rest.indexOf('?');
  const raw = q < 0 ? rest : rest.slice(0, q);
  const at = raw.lastIndexOf('@');
  if (raw === '') return bad(`${quote(u.text)} in ${u.tag}= has no address after "mailto:".`);
  if (at < 0) return bad(`${quote(u.text)} in ${u.tag}=: ${quote(raw)} is not an email address (no "@").`, span(restStart, restStart + raw.length));
  const local = decode(raw.slice(0, at));
  const domainRaw = raw.slice(at + 1);
  u.domain = (decode(domainRaw) ?? domainRaw).toLowerCase();
  u.domainSpan = span(restStart + at + 1, restStart + raw.length);
  if (local === undefined || local === '' || !LOCAL_PART.test(local)) {
    return bad(`${quote(u.text)} in ${u.tag}=: ${quote(raw.slice(0, at))} is not a valid mailbox name.`, span(restStart, restStart + at));
  }
  u.address = `${local}@${u.domain}`;
  if (domainRaw.includes('!')) return bad(`${quote(u.text)} in ${u.tag}= has a "!" size suffix that is not a number with an optional k, m, g or t (e.g. !10m).`, u.domainSpan);
  if (!isHostname(u.domain)) return bad(`${quote(u.text)} in ${u.tag}=: ${quote(domainRaw)} is not a valid domain name.`, u.domainSpan);
  u.valid = true;
  return u;
}
