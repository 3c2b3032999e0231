/**
 * From p=none to p=reject with evidence: for each domain, the next policy step, the legitimate
 * sources (and their share of the mail) that step would hit today, and for each such source the
 * change that fixes it — the SPF include or ip4:/ip6: to add (with the 10-lookup limit checked on
 * the record after the change, when the zone is known), or the DKIM selector to publish.
 */
import { isIPv4, isIPv6 } from '../net/ip';
import { shownName } from '../zone/names';
import { isSpfRecord, parseSpfRecord, SPF_LOOKUP_LIMIT, type SpfRecord } from '../mailrecords/spf';
import type { DomainSummary, SourceSummary } from './analysis';
import { isAtOrBelow, sendingServices } from './services';

export type PolicyStep = 'none' | 'quarantine' | 'reject';

export interface SpfFix {
  kind: 'spf';
  /** The name whose SPF record changes (the envelope domain the failing mail used). */
  name: string;
  /** The term to add: include:x, ip4:x or ip6:x. */
  term: string;
  /** The record today, when known (from a zone file), and after the change. */
  before?: string;
  after?: string;
  /** DNS lookups of the record after the change (its own terms plus what the new include costs, where known). */
  lookupsAfter?: number;
  /** True when the count includes unknown nested lookups (an include whose cost is not known). */
  lookupsAtLeast?: boolean;
  overLimit?: boolean;
}

export interface DkimFix {
  kind: 'dkim';
  /** The domain to publish a key for. */
  domain: string;
  service: string;
  advice: string;
}

export type SourceFix = SpfFix | DkimFix;

export interface AffectedSource {
  source: SourceSummary;
  /** Messages of this source that fail DMARC (and so would be quarantined or rejected). */
  messages: number;
  fixes: SourceFix[];
}

export interface Readiness {
  domain: string;
  current: PolicyStep;
  pct: number;
  next?: { p: PolicyStep; pct: number };
  ready: boolean;
  /** Legitimate mail (known services, declared sources, partly passing sources) that fails DMARC. */
  affected: AffectedSource[];
  affectedMessages: number;
  affectedShare: number;
  /** Forwarded mail that fails: affected by the policy, not fixable in the domain's DNS. */
  forwardedFailing: number;
  /** Mail from unknown sources failing everything: what the policy is for. */
  spoofedMessages: number;
  summary: string;
}

const asStep = (p: string | undefined): PolicyStep => (p === 'quarantine' || p === 'reject' ? p : 'none');

/** Where the SPF record of each name in the zone lives: name (lower case, no trailing dot) → value. */
export type SpfLookup = (name: string) => string | undefined;

export function nextStep(p: PolicyStep, pct: number): { p: PolicyStep; pct: number } | undefined {
  if (p === 'none') return { p: 'quarantine', pct: 100 };
  if (pct < 100) return { p, pct: 100 };
  if (p === 'quarantine') return { p: 'reject', pct: 100 };
  return undefined;
}

/**
 * DNS lookups a record costs against the limit of 10: one per lookup term, and for an include of
 * a known service what that include costs in all (its nested lookups). An include mailsec does
 * not know counts one, and the total is then a lower bound.
 */
function lookupCost(record: SpfRecord): { lookups: number; atLeast: boolean } {
  let lookups = 0;
  let atLeast = false;
  for (const t of record.lookupTerms) {
    const target = t.name === 'include' ? t.domainSpec?.toLowerCase().replace(/\.$/, '') : undefined;
    const known = target ? sendingServices.find((s) => s.spfInclude === target)?.spfLookups : undefined;
    if (target && known === undefined) atLeast = true;
    lookups += known ?? 1;
  }
  return { lookups, atLeast };
}

function spfFixFor(name: string, term: string, spfOf: SpfLookup | undefined): SpfFix {
  const fix: SpfFix = { kind: 'spf', name, term };
  const before = spfOf?.(name);
  if (before && isSpfRecord(before)) {
    const parts = before.trim().split(/\s+/);
    if (parts.includes(term)) {
      const cost = lookupCost(parseSpfRecord(before).record);
      return { ...fix, before, after: before, lookupsAfter: cost.lookups, lookupsAtLeast: cost.atLeast, overLimit: cost.lookups > SPF_LOOKUP_LIMIT };
    }
    const allAt = parts.findIndex((p) => /^[-+~?]?all$/i.test(p) || /^redirect=/i.test(p));
    if (allAt >= 0) parts.splice(allAt, 0, term);
    else parts.push(term);
    const after = parts.join(' ');
    const cost = lookupCost(parseSpfRecord(after).record);
    fix.before = before;
    fix.after = after;
    fix.lookupsAfter = cost.lookups;
    fix.lookupsAtLeast = cost.atLeast;
    fix.overLimit = cost.lookups > SPF_LOOKUP_LIMIT;
  }
  return fix;
}

function fixesFor(domain: string, s: SourceSummary, spfOf: SpfLookup | undefined): SourceFix[] {
  const fixes: SourceFix[] = [];
  const envelope = s.envelopeFrom.find((e) => isAtOrBelow(e, domain)) ?? domain;
  const service = sendingServices.find((x) => x.name === s.service);
  if (s.category === 'declared-unaligned' || (s.category === 'mixed' && !service)) {
    // A source_ip that is no address (the report is anyone's writing) has no ip4:/ip6: term to add.
    if (isIPv4(s.ip) || isIPv6(s.ip)) fixes.push(spfFixFor(envelope, `${isIPv6(s.ip) ? 'ip6' : 'ip4'}:${s.ip}`, spfOf));
  } else if (service) {
    // SPF can only align when the service sends with your envelope domain: it did when SPF was checked against it.
    const spfAgainstYours = s.spf.some((t) => isAtOrBelow(t.domain, domain));
    if (service.spfInclude && spfAgainstYours) fixes.push(spfFixFor(envelope, `include:${service.spfInclude}`, spfOf));
    if (service.customDkim) {
      fixes.push({
        kind: 'dkim',
        domain,
        service: service.name,
        advice: `turn on DKIM signing with ${shownName(domain)} in ${service.name} and publish the selector it gives you (its TXT key, or the CNAME to its key host — mailsec's "Move DKIM key behind a CNAME" fix writes that form)`,
      });
    }
  }
  return fixes;
}

export function readiness(d: DomainSummary, spfOf?: SpfLookup): Readiness {
  const current = asStep(d.policy.p);
  const pct = d.policy.pct ?? 100;
  const next = nextStep(current, pct);
  const affected: AffectedSource[] = [];
  let forwardedFailing = 0;
  let spoofedMessages = 0;
  for (const s of d.sources) {
    if (s.dmarcFail === 0) continue;
    if (s.category === 'forwarded') forwardedFailing += s.dmarcFail;
    else if (s.category === 'suspicious') spoofedMessages += s.dmarcFail;
    else affected.push({ source: s, messages: s.dmarcFail, fixes: fixesFor(d.domain, s, spfOf) });
  }
  const affectedMessages = affected.reduce((n, a) => n + a.messages, 0);
  const affectedShare = d.messages ? affectedMessages / d.messages : 0;
  const ready = next !== undefined && d.messages > 0 && affected.length === 0;
  const step = next ? `p=${next.p}${next.pct < 100 ? `; pct=${next.pct}` : ''}` : '';
  const pctText = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 3 : 1)}%`;
  const domain = shownName(d.domain);
  let summary: string;
  if (!next) summary = `${domain} already publishes p=reject: nothing further to step up.`;
  else if (d.messages === 0) summary = `${domain}: no messages in the reports read: no evidence either way.`;
  else if (ready) summary = `${domain} is ready for ${step}: every legitimate source passes DMARC (${spoofedMessages} message(s) from unknown sources would be ${next.p === 'reject' ? 'rejected' : 'quarantined'}${forwardedFailing ? `, and ${forwardedFailing} forwarded message(s) that fail` : ''}).`;
  else summary = `If you published ${step} for ${domain} today, ${affected.length} legitimate source(s) would be affected: ${affectedMessages} message(s), ${pctText(affectedShare)} of the mail in these reports. Fix them first.`;
  return { domain: d.domain, current, pct, next, ready, affected, affectedMessages, affectedShare, forwardedFailing, spoofedMessages, summary };
}
