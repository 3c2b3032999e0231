/**
 * Which DMARC record applies to a domain, by the RFC 9989 (DMARCbis) DNS Tree Walk:
 *
 * - §4.10: ask `_dmarc.<domain>`, then each parent one label shorter (a name of 8 or more
 *   labels jumps straight to its last 7) up to the top-level domain; at most 8 queries.
 *   The walk ends early at a record with psd=y or psd=n. TXT values that do not start
 *   with v=DMARC1 are ignored; when more than one DMARC record remains at a name, all of
 *   them are discarded and the walk goes on. A record that is not a valid tag-list (a
 *   duplicate tag, RFC 6376 §3.2) is discarded too.
 * - §4.10.2 Organizational Domain: the first record with psd=n; else one label below the
 *   first record with psd=y (not the start domain's own); else the record with the
 *   fewest labels; the domain itself when no record was found.
 * - §4.10.1 Policy: the domain's own record (p=); else the Organizational Domain's record,
 *   else the PSD's, with np= for a name that does not exist, else sp=, else p=. A record
 *   whose p=, sp= or np= is invalid acts as p=none when rua= has a valid URI; without
 *   one no DMARC applies. t=y applies the policy one level lower (§4.7).
 *
 * Queries go one after another, in walk order, so the answer (and the evidence) is the
 * same on every run. mailauth 7 implements the same walk (verify uses it); the DNS tier
 * runs both on one case table (test/dns/suites/dmarcWalk.ts).
 *
 * For the `dmarc-discovery-differs` note, `psl` is where an RFC 7489 receiver looks: the
 * domain, then its organisational domain by the Public Suffix List (tldts).
 */
import { tldts } from '../lazy';
import type { Resolver } from '../dns/resolver';
import { isDmarcRecord, parseDmarcRecord, type DmarcRecord } from '../mailrecords';
import { lookup, type Lookup } from './lookup';

function canExist(name: string): boolean {
  return Buffer.byteLength(name) <= 253 && name.split('.').every((l) => l.length > 0 && Buffer.byteLength(l) <= 63);
}

/** ICANN and private suffixes (so foo.github.io is its own organisation), as RFC 7489 receivers used them. */
const PSL = { allowIcannDomains: true, allowPrivateDomains: true };
const WALK_MAX_LABELS = 7;

export function orgDomainPsl(domain: string): string {
  return tldts().getDomain(domain, PSL) ?? domain;
}

/** A name under which anyone may register (the PSL has no registrable domain for it): com, co.uk, example. */
export function isPublicSuffix(name: string): boolean {
  return !tldts().getDomain(name, PSL);
}

/** The names RFC 9989 §4.10 queries after the domain itself, longest first. */
export function treeWalkParents(domain: string): string[] {
  let labels = domain.replace(/\.$/, '').split('.');
  const out: string[] = [];
  if (labels.length > WALK_MAX_LABELS) {
    labels = labels.slice(-WALK_MAX_LABELS);
    out.push(labels.join('.'));
  }
  while (labels.length > 1) {
    labels = labels.slice(1);
    out.push(labels.join('.'));
  }
  return out;
}

export type DmarcPolicyWord = 'none' | 'quarantine' | 'reject';

export interface DmarcAt {
  /** The domain whose `_dmarc` name was asked. */
  domain: string;
  lookup: Lookup;
  /** TXT values that start with v=DMARC1. */
  records: string[];
  /** The one record this name contributes to the walk (none when several or invalid). */
  record?: string;
  parsed?: DmarcRecord;
  /** Why the DMARC records here do not count. */
  discarded?: 'several' | 'duplicate-tag';
}

export interface DmarcPolicyApplied {
  /** What receivers do with failing mail; 'no-dmarc' when the record gets no DMARC processing. */
  policy: DmarcPolicyWord | 'no-dmarc';
  /** The tag it came from (p for the fallback p=none of an invalid policy). */
  tag: 'p' | 'sp' | 'np';
  /** The policy as published, before t=y lowered it. */
  published?: DmarcPolicyWord;
  /** t=y lowered the published policy by one level. */
  testing: boolean;
  /** p=, sp= or np= is invalid: the record acts as p=none (valid rua=) or gets no DMARC. */
  invalidPolicy?: 'p' | 'sp' | 'np';
  /** Whether the domain exists, when np= made it matter (undefined: not asked or unknown). */
  exists?: boolean;
}

export interface DmarcDiscovery {
  /** Every `_dmarc` name asked, in walk order. */
  asked: DmarcAt[];
  /** The record that supplies the policy. */
  policyAt?: DmarcAt;
  /** How the policy record relates to the domain. */
  source?: 'domain' | 'organizational-domain' | 'psd';
  /** RFC 9989 §4.10.2 Organizational Domain (the domain itself when no record was found). */
  orgDomain: string;
  applied?: DmarcPolicyApplied;
  /** A lookup failure that leaves the policy unknown (the walk stopped there). */
  failed?: DmarcAt;
  /** Lookups that failed at public suffixes above the PSL organisational domain, taken as no record. */
  ignoredFailures: DmarcAt[];
  /** Where an RFC 7489 receiver finds the record (the domain, else its PSL organisational domain). */
  psl?: DmarcAt;
  pslOrgDomain: string;
  /** The existence query (A) made for np=, if any. */
  existence?: Lookup;
}

const POLICY_VALUES = new Set(['none', 'quarantine', 'reject']);
const STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };
const LOWER: Record<DmarcPolicyWord, DmarcPolicyWord> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

function classify(domain: string, l: Lookup): DmarcAt {
  const records = l.values.filter(isDmarcRecord);
  const at: DmarcAt = { domain, lookup: l, records };
  if (records.length > 1) at.discarded = 'several';
  else if (records.length === 1) {
    const parsed = parseDmarcRecord(records[0]!).record;
    if (parsed.tags.some((t) => t.duplicate)) at.discarded = 'duplicate-tag';
    else {
      at.record = records[0];
      at.parsed = parsed;
    }
  }
  return at;
}

/** The raw value of a tag (any case), if written. */
function rawTag(r: DmarcRecord, name: string): string | undefined {
  return r.tags.find((t) => !t.duplicate && t.name.toLowerCase() === name)?.value;
}

function psdOf(r: DmarcRecord): string | undefined {
  return rawTag(r, 'psd')?.toLowerCase();
}

/** §4.10.2, over the records found (walk order). */
export function selectOrgDomain(domain: string, found: readonly DmarcAt[]): string {
  for (const at of found) {
    const psd = psdOf(at.parsed!);
    if (psd === 'n') return at.domain;
    if (psd === 'y' && at.domain !== domain) return domain.split('.').slice(-(at.domain.split('.').length + 1)).join('.');
  }
  return found.length ? found[found.length - 1]!.domain : domain;
}

/** §4.10.1 and §4.7: the policy a record applies to mail from `domain` (`own`: the record is the domain's). */
export function policyApplied(r: DmarcRecord, own: boolean, exists: boolean | undefined): DmarcPolicyApplied {
  const testing = rawTag(r, 't')?.toLowerCase() === 'y';
  const p = rawTag(r, 'p')?.toLowerCase();
  const sp = rawTag(r, 'sp')?.toLowerCase();
  const np = rawTag(r, 'np')?.toLowerCase();
  const invalidPolicy = p === undefined || !POLICY_VALUES.has(p) ? 'p' : sp !== undefined && !POLICY_VALUES.has(sp) ? 'sp' : np !== undefined && !POLICY_VALUES.has(np) ? 'np' : undefined;
  if (invalidPolicy) {
    const reportable = r.rua.some((u) => u.valid);
    if (!reportable) return { policy: 'no-dmarc', tag: 'p', testing, invalidPolicy };
    return { policy: testing ? LOWER.none : 'none', published: 'none', tag: 'p', testing, invalidPolicy };
  }
  let tag: DmarcPolicyApplied['tag'] = 'p';
  if (!own) {
    if (sp !== undefined) tag = 'sp';
    // existence unknown (the query failed): the weaker of the two, as mailauth does
    if (np !== undefined && (exists === false || (exists === undefined && STRENGTH[np]! < STRENGTH[tag === 'sp' ? sp! : p!]!))) tag = 'np';
  }
  const published = (tag === 'np' ? np : tag === 'sp' ? sp : p) as DmarcPolicyWord;
  const out: DmarcPolicyApplied = { policy: testing ? LOWER[published] : published, tag, published, testing };
  if (!own && np !== undefined) out.exists = exists;
  return out;
}

/** RFC 9989 A.4: only NXDOMAIN (for the name itself, not a CNAME target) means it does not exist. */
async function domainExists(resolver: Resolver, domain: string, signal?: AbortSignal): Promise<{ exists?: boolean; lookup: Lookup }> {
  const l = await lookup(resolver, domain, 'A', signal);
  if (l.failed || !l.result) return { lookup: l };
  return { exists: !(l.result.rcode === 'NXDOMAIN' && l.result.chain.length === 0), lookup: l };
}

export async function discoverDmarc(resolver: Resolver, domain: string, signal?: AbortSignal): Promise<DmarcDiscovery> {
  const d = domain.replace(/\.$/, '').toLowerCase();
  const pslOrgDomain = orgDomainPsl(d);
  const result: DmarcDiscovery = { asked: [], orgDomain: d, ignoredFailures: [], pslOrgDomain };
  const found: DmarcAt[] = [];
  for (const name of [d, ...treeWalkParents(d)]) {
    // a `_dmarc` name over 253 octets or with a label over 63 cannot exist (RFC 1035 §2.3.4): no record, no query
    if (!canExist(`_dmarc.${name}`)) continue;
    const at = classify(name, await lookup(resolver, `_dmarc.${name}`, 'TXT', signal));
    result.asked.push(at);
    if (at.lookup.failed) {
      // Authoritative-only servers refuse names above the organisational domain (public
      // suffixes): such a failure is taken as "no record" and listed; any other one stops the walk.
      if (isPublicSuffix(name)) {
        result.ignoredFailures.push(at);
        continue;
      }
      result.failed = at;
      break;
    }
    if (!at.parsed) continue;
    found.push(at);
    const psd = psdOf(at.parsed);
    if (psd === 'y' || psd === 'n') break;
  }

  const exact = result.asked[0]!;
  if (exact.record) result.psl = exact;
  else if (pslOrgDomain !== d) {
    const org = result.asked.find((a) => a.domain === pslOrgDomain);
    if (org?.record) result.psl = org;
  }

  if (found[0]?.domain === d) {
    // The domain's own record applies whatever is above it.
    result.policyAt = found[0];
    result.source = 'domain';
    if (!result.failed) result.orgDomain = selectOrgDomain(d, found);
    result.applied = policyApplied(found[0].parsed!, true, true);
    return result;
  }
  if (result.failed) return result;
  result.orgDomain = selectOrgDomain(d, found);
  const last = found[found.length - 1];
  const at = found.find((f) => f.domain === result.orgDomain) ?? (last && psdOf(last.parsed!) === 'y' ? last : undefined);
  if (!at) return result;
  result.policyAt = at;
  result.source = at.domain === result.orgDomain ? 'organizational-domain' : 'psd';
  let exists: boolean | undefined;
  if (rawTag(at.parsed!, 'np') !== undefined) {
    const e = await domainExists(resolver, d, signal);
    result.existence = e.lookup;
    exists = e.exists;
  }
  result.applied = policyApplied(at.parsed!, false, exists);
  return result;
}
