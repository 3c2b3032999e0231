/**
 * Domain comparisons: organisational domain through the Public Suffix List (tldts, with
 * the private section, as mailauth does for DMARC), relaxed/strict alignment, "is this
 * our domain", and lookalikes of the organisation's domains (edit distance on the
 * registrable label, confusable characters, punycode decoded).
 */
import { domainToUnicode } from 'node:url';
import { tldts } from '../lazy';
import { editDistance, mixedScripts, skeleton } from './unicode';

const TLDTS_OPTS = { allowIcannDomains: true, allowPrivateDomains: true };

export function normalizeDomain(d: string): string {
  return d.trim().toLowerCase().replace(/\.$/, '');
}

const orgCache = new Map<string, string>();

/** The registrable ("organisational") domain, or the name itself when the PSL has none. */
export function orgDomain(d: string): string {
  const n = normalizeDomain(d);
  let o = orgCache.get(n);
  if (o === undefined) {
    o = tldts().getDomain(n, TLDTS_OPTS) ?? n;
    if (orgCache.size > 10000) orgCache.clear();
    orgCache.set(n, o);
  }
  return o;
}

export function alignedRelaxed(a: string, b: string): boolean {
  return !!a && !!b && orgDomain(a) === orgDomain(b);
}

export function alignedStrict(a: string, b: string): boolean {
  return !!a && !!b && normalizeDomain(a) === normalizeDomain(b);
}

/** `d` equals one of `domains` or is a subdomain of one. */
export function inDomains(d: string, domains: string[]): boolean {
  const n = normalizeDomain(d);
  if (!n) return false;
  return domains.some((x) => {
    const o = normalizeDomain(x);
    return !!o && (n === o || n.endsWith('.' + o));
  });
}

export interface Lookalike {
  domain: string;
  /** Unicode form when the domain is punycode. */
  unicode: string;
  resembles: string;
  how: 'confusable-characters' | 'edit-distance' | 'same-name-other-suffix' | 'contains-name';
  distance: number;
}

/**
 * Does `domain` imitate one of the organisation's domains? Its own domains and their
 * subdomains never count. Labels of 3 letters or fewer only count on a confusable match
 * or a one-letter difference, to keep short names from matching everything.
 */
export function lookalikeOf(domain: string, orgDomains: string[]): Lookalike | null {
  const n = normalizeDomain(domain);
  if (!n || n.startsWith('[') || inDomains(n, orgDomains)) return null;
  const unicode = domainToUnicode(n) || n;
  const label = tldts().getDomainWithoutSuffix(unicode, TLDTS_OPTS) ?? tldts().getDomainWithoutSuffix(n, TLDTS_OPTS) ?? n.split('.')[0]!;
  const reg = orgDomain(n);
  for (const od of orgDomains) {
    const o = normalizeDomain(od);
    if (!o || orgDomain(o) === reg) continue;
    const oLabel = tldts().getDomainWithoutSuffix(o, TLDTS_OPTS) ?? o.split('.')[0]!;
    if (!oLabel) continue;
    if (label === oLabel) {
      return { domain: n, unicode, resembles: o, how: 'same-name-other-suffix', distance: 0 };
    }
    if (skeleton(label) === skeleton(oLabel)) {
      return { domain: n, unicode, resembles: o, how: 'confusable-characters', distance: editDistance(label, oLabel) };
    }
    const max = oLabel.length <= 3 ? 1 : oLabel.length <= 5 ? 1 : 2;
    const dist = editDistance(skeleton(label), skeleton(oLabel), max);
    if (dist <= max) return { domain: n, unicode, resembles: o, how: 'edit-distance', distance: dist };
    if (oLabel.length >= 4 && label.split(/[-.]/).includes(oLabel)) {
      return { domain: n, unicode, resembles: o, how: 'contains-name', distance: editDistance(label, oLabel) };
    }
  }
  return null;
}

/** Facts about a punycode domain: its Unicode form and whether it mixes lookalike scripts. */
export function punycodeInfo(domain: string): { unicode: string; mixed: string[] | null } | null {
  const n = normalizeDomain(domain);
  if (!n.split('.').some((l) => l.startsWith('xn--'))) return null;
  const unicode = domainToUnicode(n) || n;
  const mix = mixedScripts(unicode.replace(/\./g, ' '));
  return { unicode, mixed: mix ? mix.scripts : null };
}

export function hasPublicSuffix(d: string): boolean {
  return tldts().getPublicSuffix(normalizeDomain(d), TLDTS_OPTS) !== null;
}
