/**
 * Finding the DMARC record that applies to a domain, both ways receivers do it today:
 * - RFC 7489 (and mailauth): `_dmarc.<domain>`, then `_dmarc.<organisational domain>`
 *   where the organisational domain comes from the Public Suffix List (tldts);
 * - RFC 9989 (DMARCbis) §4.10 DNS tree walk: `_dmarc.<domain>`, then each parent one
 *   label shorter (a name of 8 or more labels jumps straight to its last 7), up to and
 *   including the top-level domain; the first valid record found is the policy.
 */
import { tldts } from '../lazy';
import type { Resolver } from '../dns/resolver';
import { isDmarcRecord } from '../mailrecords';
import { lookup, type Lookup } from './lookup';

/** mailauth's options: ICANN and private suffixes (so foo.github.io is its own organisation). */
const PSL = { allowIcannDomains: true, allowPrivateDomains: true };

export function orgDomainPsl(domain: string): string {
  return tldts().getDomain(domain, PSL) ?? domain;
}

/** The names RFC 9989 §4.10 queries after the domain itself, longest first. */
export function treeWalkParents(domain: string): string[] {
  let labels = domain.replace(/\.$/, '').split('.');
  const out: string[] = [];
  if (labels.length >= 8) {
    labels = labels.slice(-7);
    out.push(labels.join('.'));
  }
  while (labels.length > 1) {
    labels = labels.slice(1);
    out.push(labels.join('.'));
  }
  return out;
}

export interface DmarcAt {
  /** The domain whose `_dmarc` name was asked. */
  domain: string;
  lookup: Lookup;
  /** TXT values that are DMARC records (start with v=DMARC1). */
  records: string[];
}

export interface DmarcDiscovery {
  /** Every name asked, in walk order. */
  asked: DmarcAt[];
  /** Where the policy was found following RFC 9989 (first valid record walking up). */
  treeWalk?: DmarcAt;
  /** Where an RFC 7489 receiver finds it (the domain, else its PSL organisational domain). */
  psl?: DmarcAt;
  orgDomain: string;
  /** A lookup that failed before any record was found, making the answer uncertain. */
  failedBefore?: DmarcAt;
}

function dmarcRecords(l: Lookup): string[] {
  return l.values.filter(isDmarcRecord);
}

export async function discoverDmarc(resolver: Resolver, domain: string, signal?: AbortSignal): Promise<DmarcDiscovery> {
  const d = domain.replace(/\.$/, '').toLowerCase();
  const orgDomain = orgDomainPsl(d);
  const names = [d, ...treeWalkParents(d)];
  // At most 8 small queries: ask them together rather than one after another.
  const asked: DmarcAt[] = await Promise.all(names.map(async (n) => {
    const l = await lookup(resolver, `_dmarc.${n}`, 'TXT', signal);
    return { domain: n, lookup: l, records: dmarcRecords(l) };
  }));
  const result: DmarcDiscovery = { asked, orgDomain };
  const orgLabels = orgDomain.split('.').length;
  for (const at of asked) {
    if (at.records.length > 0) {
      result.treeWalk = at;
      break;
    }
    // Above the organisational domain, public suffixes rarely answer cleanly (REFUSED
    // from authoritative-only servers); a failure there does not make the walk uncertain.
    if (at.lookup.failed && at.domain.split('.').length >= orgLabels) {
      result.failedBefore = at;
      break;
    }
  }
  const exact = asked[0]!;
  if (exact.records.length) result.psl = exact;
  else if (orgDomain !== d) {
    const org = asked.find((a) => a.domain === orgDomain);
    if (org?.records.length) result.psl = org;
  }
  return result;
}
