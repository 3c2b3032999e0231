/**
 * Aggregate-report analysis per domain: volume and DMARC pass rate over time, and per sending
 * source (IP address) what authenticated it, how receivers disposed of its mail, and what it is:
 * mail that passes, forwarded mail, a known sending service that is not aligned yet, or an unknown
 * source that fails everything (likely spoofing). Reports are added as they stream; memory grows
 * with the number of distinct domains, sources and days, not with the number of reports or rows.
 */
import { isAtOrBelow, serviceOf, type SendingService } from './services';
import type { AggregateRecord, AggregateReportHead, PolicyPublished } from './types';

export type SourceCategory = 'aligned' | 'forwarded' | 'service-unaligned' | 'declared-unaligned' | 'suspicious' | 'mixed';

export interface AuthTally {
  domain: string;
  selectors: string[];
  pass: number;
  fail: number;
}

export interface SourceSummary {
  ip: string;
  messages: number;
  dmarcPass: number;
  dmarcFail: number;
  spfAligned: number;
  dkimAligned: number;
  /** Messages whose SPF result (raw, any domain) was pass. */
  spfPass: number;
  /** Messages with at least one passing DKIM signature (any domain). */
  dkimPass: number;
  dispositions: Record<string, number>;
  overrides: Record<string, number>;
  headerFrom: string[];
  envelopeFrom: string[];
  dkim: AuthTally[];
  spf: AuthTally[];
  reporters: string[];
  ptr?: string;
  service?: string;
  category: SourceCategory;
  /** Why it is in its category, in words. */
  reason: string;
}

export interface DayVolume {
  day: string;
  messages: number;
  dmarcPass: number;
}

export interface DomainSummary {
  domain: string;
  /** The policy published in the newest report. */
  policy: PolicyPublished;
  reports: number;
  reporters: string[];
  first?: number;
  last?: number;
  messages: number;
  dmarcPass: number;
  days: DayVolume[];
  sources: SourceSummary[];
}

interface Tally {
  selectors: Set<string>;
  pass: number;
  fail: number;
}

interface SourceAcc {
  ip: string;
  messages: number;
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  spfPass: number;
  dkimPass: number;
  forwardedShape: number;
  dispositions: Map<string, number>;
  overrides: Map<string, number>;
  headerFrom: Map<string, number>;
  envelopeFrom: Map<string, number>;
  dkim: Map<string, Tally>;
  spf: Map<string, Tally>;
  reporters: Set<string>;
}

interface DomainAcc {
  domain: string;
  policy: PolicyPublished;
  policyEnd: number;
  reports: number;
  reporters: Set<string>;
  first?: number;
  last?: number;
  messages: number;
  dmarcPass: number;
  days: Map<string, DayVolume>;
  sources: Map<string, SourceAcc>;
}

const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
const sortedKeys = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
const dayOf = (epoch: number) => new Date(epoch * 1000).toISOString().slice(0, 10);

export interface AnalysisOptions {
  /** Only this domain (and its subdomains' rows reported under it). */
  domain?: string;
  /** Only reports whose period ends at or after this time (seconds since the epoch). */
  since?: number;
  /** Sources the user declares as their own (IP addresses or CIDR prefixes). */
  legitimate?: (ip: string) => boolean;
}

export class ReportAnalysis {
  private readonly domains = new Map<string, DomainAcc>();
  private readonly seen = new Set<string>();
  duplicates = 0;
  filtered = 0;
  aggregateReports = 0;
  private current: { acc: DomainAcc; head: AggregateReportHead; day: DayVolume } | undefined;
  /** PTR names found for addresses (filled by the caller, e.g. after reverse lookups). */
  readonly ptr = new Map<string, string>();

  constructor(private readonly options: AnalysisOptions = {}) {}

  /**
   * Starts a report. Returns false when its records must be ignored: a duplicate (same reporter
   * and report id, counted once), or outside --domain / --since.
   */
  beginReport(head: AggregateReportHead): boolean {
    this.current = undefined;
    const key = `${head.metadata.orgName.toLowerCase()}\u0000${head.metadata.email.toLowerCase()}\u0000${head.metadata.reportId}`;
    if (this.seen.has(key)) {
      this.duplicates++;
      return false;
    }
    this.seen.add(key);
    const domain = head.policy.domain;
    const want = this.options.domain?.toLowerCase().replace(/\.$/, '');
    if ((want && domain !== want) || (this.options.since !== undefined && head.metadata.end < this.options.since)) {
      this.filtered++;
      return false;
    }
    this.aggregateReports++;
    let acc = this.domains.get(domain);
    if (!acc) {
      acc = { domain, policy: head.policy, policyEnd: head.metadata.end, reports: 0, reporters: new Set(), messages: 0, dmarcPass: 0, days: new Map(), sources: new Map() };
      this.domains.set(domain, acc);
    }
    if (head.metadata.end >= acc.policyEnd) {
      acc.policy = head.policy;
      acc.policyEnd = head.metadata.end;
    }
    acc.reports++;
    acc.reporters.add(head.metadata.orgName || head.metadata.email);
    acc.first = Math.min(acc.first ?? head.metadata.begin, head.metadata.begin);
    acc.last = Math.max(acc.last ?? head.metadata.end, head.metadata.end);
    const day = dayOf(head.metadata.begin);
    let dv = acc.days.get(day);
    if (!dv) acc.days.set(day, (dv = { day, messages: 0, dmarcPass: 0 }));
    this.current = { acc, head, day: dv };
    return true;
  }

  addRecord(r: AggregateRecord): void {
    const cur = this.current;
    if (!cur || r.count === 0) return;
    const { acc, head, day: dv } = cur;
    const pass = r.dkim === 'pass' || r.spf === 'pass';
    acc.messages += r.count;
    if (pass) acc.dmarcPass += r.count;
    dv.messages += r.count;
    if (pass) dv.dmarcPass += r.count;

    let s = acc.sources.get(r.sourceIp);
    if (!s) {
      s = { ip: r.sourceIp, messages: 0, dmarcPass: 0, spfAligned: 0, dkimAligned: 0, spfPass: 0, dkimPass: 0, forwardedShape: 0, dispositions: new Map(), overrides: new Map(), headerFrom: new Map(), envelopeFrom: new Map(), dkim: new Map(), spf: new Map(), reporters: new Set() };
      acc.sources.set(r.sourceIp, s);
    }
    s.messages += r.count;
    if (pass) s.dmarcPass += r.count;
    if (r.spf === 'pass') s.spfAligned += r.count;
    if (r.dkim === 'pass') s.dkimAligned += r.count;
    const spfRawPass = r.spfResults.some((x) => x.result === 'pass');
    const dkimRawPass = r.dkimResults.some((x) => x.result === 'pass');
    if (spfRawPass) s.spfPass += r.count;
    if (dkimRawPass) s.dkimPass += r.count;
    // Forwarding: the signature survived (aligned DKIM pass) but the forwarder's address is not in SPF.
    if (r.dkim === 'pass' && r.spf !== 'pass' && !spfRawPass) s.forwardedShape += r.count;
    bump(s.dispositions, r.disposition || 'none', r.count);
    for (const o of r.overrides) if (o.type) bump(s.overrides, o.type, r.count);
    if (r.headerFrom) bump(s.headerFrom, r.headerFrom, r.count);
    const envelope = r.envelopeFrom || r.spfResults[0]?.domain;
    if (envelope) bump(s.envelopeFrom, envelope, r.count);
    for (const d of r.dkimResults) tally(s.dkim, d.domain, d.selector, d.result === 'pass', r.count);
    for (const d of r.spfResults) tally(s.spf, d.domain, undefined, d.result === 'pass', r.count);
    s.reporters.add(head.metadata.orgName || head.metadata.email);
  }

  endReport(): void {
    this.current = undefined;
  }

  /** Every address seen, for reverse lookups before `summaries()`. */
  addresses(): string[] {
    const out = new Set<string>();
    for (const d of this.domains.values()) for (const ip of d.sources.keys()) out.add(ip);
    return [...out];
  }

  summaries(): DomainSummary[] {
    return [...this.domains.values()]
      .sort((a, b) => b.messages - a.messages || (a.domain < b.domain ? -1 : 1))
      .map((d) => ({
        domain: d.domain,
        policy: d.policy,
        reports: d.reports,
        reporters: [...d.reporters].sort(),
        first: d.first,
        last: d.last,
        messages: d.messages,
        dmarcPass: d.dmarcPass,
        days: [...d.days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
        sources: [...d.sources.values()].map((s) => this.summarise(d.domain, s)).sort((a, b) => b.messages - a.messages || (a.ip < b.ip ? -1 : 1)),
      }));
  }

  private summarise(domain: string, s: SourceAcc): SourceSummary {
    const ptr = this.ptr.get(s.ip);
    const dkim = [...s.dkim.entries()].map(([d, t]) => ({ domain: d, selectors: [...t.selectors].sort(), pass: t.pass, fail: t.fail })).sort((a, b) => b.pass + b.fail - (a.pass + a.fail));
    const spf = [...s.spf.entries()].map(([d, t]) => ({ domain: d, selectors: [], pass: t.pass, fail: t.fail })).sort((a, b) => b.pass + b.fail - (a.pass + a.fail));
    const service = recognise(domain, dkim, spf, ptr);
    const summary: SourceSummary = {
      ip: s.ip,
      messages: s.messages,
      dmarcPass: s.dmarcPass,
      dmarcFail: s.messages - s.dmarcPass,
      spfAligned: s.spfAligned,
      dkimAligned: s.dkimAligned,
      spfPass: s.spfPass,
      dkimPass: s.dkimPass,
      dispositions: Object.fromEntries(s.dispositions),
      overrides: Object.fromEntries(s.overrides),
      headerFrom: sortedKeys(s.headerFrom),
      envelopeFrom: sortedKeys(s.envelopeFrom),
      dkim,
      spf,
      reporters: [...s.reporters].sort(),
      ptr,
      service: service?.name,
      category: 'aligned',
      reason: '',
    };
    Object.assign(summary, categorise(summary, s.forwardedShape, service, this.options.legitimate?.(s.ip) ?? false));
    return summary;
  }
}

function tally(m: Map<string, Tally>, domain: string, selector: string | undefined, pass: boolean, n: number): void {
  if (!domain) return;
  let t = m.get(domain);
  if (!t) m.set(domain, (t = { selectors: new Set(), pass: 0, fail: 0 }));
  if (selector && t.selectors.size < 16) t.selectors.add(selector);
  if (pass) t.pass += n;
  else t.fail += n;
}

/** The known service behind a source: from a passing DKIM d=, then the SPF domain, then the PTR name. */
function recognise(domain: string, dkim: AuthTally[], spf: AuthTally[], ptr: string | undefined): SendingService | undefined {
  const foreign = (d: string) => !isAtOrBelow(d, domain);
  for (const list of [dkim.filter((x) => x.pass > 0), spf.filter((x) => x.pass > 0), dkim, spf]) {
    for (const t of list) {
      const s = foreign(t.domain) ? serviceOf(t.domain) : undefined;
      if (s) return s;
    }
  }
  return serviceOf(ptr);
}

function categorise(s: SourceSummary, forwardedShape: number, service: SendingService | undefined, declared: boolean): Pick<SourceSummary, 'category' | 'reason'> {
  const forwardOverride = (s.overrides.forwarded ?? 0) + (s.overrides.mailing_list ?? 0) + (s.overrides.trusted_forwarder ?? 0);
  if (s.dmarcFail === 0) {
    if (forwardedShape > 0 && forwardedShape >= s.messages / 2 && !service) {
      return { category: 'forwarded', reason: 'DKIM aligned and passed, SPF failed: mail forwarded by this host (it passes DMARC on its signature)' };
    }
    return { category: 'aligned', reason: `passes DMARC (${s.dkimAligned ? 'DKIM' : ''}${s.dkimAligned && s.spfAligned ? ' and ' : ''}${s.spfAligned ? 'SPF' : ''} aligned)` };
  }
  if (forwardOverride > 0 && forwardOverride >= s.dmarcFail / 2) {
    return { category: 'forwarded', reason: 'the receiver marked the failures as forwarded or mailing-list mail (a local policy override): not fixable in your DNS; ARC and DKIM signatures that survive forwarding help' };
  }
  if (declared) return { category: 'declared-unaligned', reason: 'one of your declared sending sources, failing DMARC: authorise it in SPF or sign its mail with DKIM' };
  if (service) {
    const via = s.dkim.some((d) => d.pass > 0 && serviceOf(d.domain) === service) ? 'DKIM signature' : s.spf.some((d) => d.pass > 0 && serviceOf(d.domain) === service) ? 'SPF (its own bounce domain)' : 'host name';
    return { category: 'service-unaligned', reason: `${service.name}, recognised by its ${via}, sends as your domain without aligned SPF or DKIM` };
  }
  if (s.dmarcPass > 0) return { category: 'mixed', reason: `${s.dmarcPass} of ${s.messages} messages pass DMARC: part of this source's mail is authenticated` };
  if (s.spfPass === 0 && s.dkimPass === 0) return { category: 'suspicious', reason: 'an unknown source that fails SPF and DKIM for every message: likely spoofing of your domain' };
  return { category: 'suspicious', reason: 'an unknown source whose mail authenticates only as another domain: likely spoofing, or a service you use that mailsec does not know (declare it with --legitimate)' };
}
