/**
 * DMARC check: where the policy comes from (the domain itself, its organisational
 * domain by the PSL, or the RFC 9989 tree walk), what it makes receivers do, and
 * whether each external report destination authorises the reports
 * (`<domain>._report._dmarc.<destination>`, RFC 7489 §7.1; wildcards are answered by DNS).
 */
import type { Resolver } from '../dns/resolver';
import { discoverDmarc, orgDomainPsl, type DmarcAt } from './dmarcDiscovery';
import { parseDmarcRecord, type DmarcRecord } from '../mailrecords';
import { checkFinding, fromValidator, lookup, lookupFailure, verdictOf } from './lookup';
import type { CheckFinding, CheckOptions, CheckResult, DnsEvidence } from './types';

export interface ReportDestination {
  tag: 'rua' | 'ruf';
  /** The URI as written (with any !size). */
  uri: string;
  /** Domain of the mailbox (mailto:) or host (https:). */
  domain: string;
  /** Outside the policy's organisational domain: needs an authorisation record. */
  external: boolean;
  /** The name asked for the authorisation. */
  authorizationName?: string;
  /** true/false when asked; undefined when not needed or the lookup failed. */
  authorized?: boolean;
}

export interface DmarcParsed {
  record: string;
  /** Domain whose `_dmarc` holds the record. */
  recordDomain: string;
  /** How it was found (RFC 9989 §4.10.1): the domain's own, its Organizational Domain's, or a public suffix domain's (psd=y). */
  source: 'domain' | 'organizational-domain' | 'psd';
  /** RFC 9989 §4.10.2 Organizational Domain (the DNS Tree Walk). */
  orgDomain: string;
  /** The record as the shared validator parsed it. */
  tags: DmarcRecord;
  /** The policy receivers apply to mail from the checked domain ("no DMARC" when the record gets no DMARC processing). */
  effectivePolicy: string;
  /** Which tag that came from: p, sp or np. */
  policyTag: 'p' | 'sp' | 'np';
  /** What was published, when t=y lowered it ("p=reject with t=y") or an invalid tag made it p=none or no DMARC ("p=block (invalid)"). */
  publishedPolicy?: string;
  destinations: ReportDestination[];
}

export type DmarcCheckResult = CheckResult<'dmarc', DmarcParsed>;

const POLICY_WORDS: Record<string, string> = {
  none: 'monitoring only: receivers deliver mail that fails DMARC as usual and only send reports',
  quarantine: 'receivers treat mail that fails DMARC as suspicious (usually the spam folder)',
  reject: 'receivers refuse mail that fails DMARC',
};

function destinations(record: DmarcRecord): ReportDestination[] {
  return [...record.rua, ...record.ruf]
    .filter((u) => u.valid && u.domain)
    .map((u) => ({ tag: u.tag as 'rua' | 'ruf', uri: u.text, domain: u.domain!.replace(/\.$/, ''), external: false }));
}

export async function checkDmarc(resolver: Resolver, domain: string, options: CheckOptions = {}): Promise<DmarcCheckResult> {
  const d = domain.replace(/\.$/, '').toLowerCase();
  const findings: CheckFinding[] = [];
  const discovery = await discoverDmarc(resolver, d, options.signal);
  const dns: DnsEvidence[] = discovery.asked.map((a) => a.lookup.evidence);
  if (discovery.existence) dns.push(discovery.existence.evidence);
  const done = (summary: string, parsed?: DmarcParsed, couldNotCheck = false): DmarcCheckResult => ({ check: 'dmarc', domain: d, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });

  // Names whose DMARC records do not count: several at one name, or not a valid tag-list.
  for (const at of discovery.asked) {
    const name = `_dmarc.${at.domain}`;
    if (at.discarded === 'several') {
      findings.push(checkFinding('dmarc-multiple-records', 'error', `${name} has ${at.records.length} DMARC records; receivers discard them all (RFC 9989 §4.10) and go on up the tree, as if ${at.domain} published none.`, 'Keep exactly one TXT record starting with v=DMARC1 at this name.', { name }));
    } else if (at.discarded === 'duplicate-tag') {
      for (const x of fromValidator(parseDmarcRecord(at.records[0]!).findings.filter((f) => f.severity === 'error'), name, at.records[0]!)) findings.push(x);
      findings.push(checkFinding('dmarc-record-discarded', 'error', `The DMARC record at ${name} repeats a tag, so it is not a valid tag-list and receivers discard it (RFC 6376 §3.2, RFC 9989 §4.7).`, 'Keep each tag once.', { name, record: at.records[0] }));
    }
  }
  const at: DmarcAt | undefined = discovery.policyAt;
  if (!at) {
    if (discovery.failed) {
      findings.push(lookupFailure(discovery.failed.lookup, `DMARC record _dmarc.${discovery.failed.domain}`));
      return done(`Could not look up the DMARC record of ${d}.`, undefined, true);
    }
    findings.push(checkFinding('dmarc-record-missing', 'error', `No DMARC record applies to ${d} (the RFC 9989 tree walk asked _dmarc.${d} and its parents up to the top-level domain), so receivers have no policy for mail that fails SPF and DKIM, and anyone can send as ${d}.`, `Publish TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${discovery.pslOrgDomain}" at _dmarc.${discovery.pslOrgDomain}, read the reports, then move to p=quarantine and p=reject.`, { name: `_dmarc.${d}` }));
    return done(`No DMARC record for ${d}.`);
  }
  const name = `_dmarc.${at.domain}`;
  const record = at.record!;
  const parsed = parseDmarcRecord(record);
  const tags = parsed.record;
  const applied = discovery.applied!;
  const source = discovery.source!;

  if (source !== 'domain') {
    findings.push(checkFinding('dmarc-inherited', 'info', `${d} has no DMARC record of its own; the record of ${at.domain} (${source === 'psd' ? 'a public suffix domain, psd=y' : `the organisational domain by the RFC 9989 tree walk`}) applies, with its ${applied.tag}= tag.`, `Nothing to do if ${at.domain}'s policy suits ${d}; otherwise publish a record at _dmarc.${d}.`, { name: `_dmarc.${d}` }));
  }
  if (discovery.psl !== at) {
    const where = discovery.psl ? `take _dmarc.${discovery.psl.domain}` : `look only at _dmarc.${d} and _dmarc.${discovery.pslOrgDomain} and find none`;
    findings.push(checkFinding('dmarc-discovery-differs', 'warning', `Receivers disagree on which record applies to ${d}: RFC 9989 receivers walk up the tree and use _dmarc.${at.domain}; RFC 7489 receivers use the Public Suffix List and ${where}.`, `Publish a record at _dmarc.${d} so every receiver applies the same policy.`, { name: `_dmarc.${d}` }));
  }

  const policyWord = applied.policy === 'no-dmarc' ? 'no DMARC' : applied.policy;
  let validatorFindings = parsed.findings;
  if (applied.policy === 'no-dmarc') {
    findings.push(checkFinding('dmarc-no-policy', 'error', `The record at ${name} has an invalid ${applied.invalidPolicy}= and no valid rua=, so receivers give mail from ${d} no DMARC processing at all (RFC 9989 §4.10.1).`, 'Write p=none, p=quarantine or p=reject (and sp=/np= with one of those values, or remove them).', { name, record }));
  } else if (applied.policy === 'none') {
    const why = applied.invalidPolicy ? `${applied.invalidPolicy}= is invalid, so the record acts as p=none (it has a valid rua=, RFC 9989 §4.10.1)` : applied.testing && applied.published !== 'none' ? `${applied.tag}=${applied.published} with t=y, which receivers apply one level lower` : `${applied.tag}=none`;
    findings.push(checkFinding('dmarc-not-enforced', 'warning', `The DMARC policy that applies to ${d} is none (${why}): ${POLICY_WORDS.none}. Mail that spoofs ${d} still reaches inboxes.`, `When the aggregate reports show your own mail passes, move ${applied.tag}= to quarantine, then reject${applied.testing ? ' and remove t=y' : ''}.`, { name, record }));
    // the validator's own note says the same about p=none
    validatorFindings = validatorFindings.filter((f) => f.code !== 'dmarc-policy-none');
  }
  for (const x of fromValidator(validatorFindings, name, record)) findings.push(x);

  const dests = destinations(tags);
  const policyOrg = orgDomainPsl(at.domain);
  // asked together, reported in the record's order (the same output on every run)
  const answers = await Promise.all(dests.map(async (dest) => {
    if (orgDomainPsl(dest.domain) === policyOrg) return undefined;
    dest.external = true;
    dest.authorizationName = `${at.domain}._report._dmarc.${dest.domain}`;
    return lookup(resolver, dest.authorizationName, 'TXT', options.signal);
  }));
  dests.forEach((dest, i) => {
    const auth = answers[i];
    if (!auth) return;
    dns.push(auth.evidence);
    if (auth.failed) {
      findings.push(lookupFailure(auth, `Report authorisation ${dest.authorizationName}`));
      return;
    }
    dest.authorized = auth.values.some((v) => /^v=DMARC1\s*(;|$)/i.test(v));
    if (!dest.authorized) {
      findings.push(checkFinding('dmarc-report-unauthorized', 'warning', `${dest.tag}=${dest.uri}: ${dest.domain} does not accept DMARC reports for ${at.domain} (no "v=DMARC1" TXT at ${dest.authorizationName}), so receivers send these reports nowhere.`, `Ask the operator of ${dest.domain} to publish TXT "v=DMARC1" at ${dest.authorizationName} (or *._report._dmarc.${dest.domain}), or remove the address.`, { name: dest.authorizationName }));
    }
  });

  const how = applied.policy === 'no-dmarc' ? 'receivers apply no DMARC policy (invalid policy, no rua=)' : `${applied.tag}=${applied.policy}${applied.testing && applied.published !== applied.policy ? ` (published ${applied.published}, t=y lowers it)` : applied.invalidPolicy ? ` (invalid ${applied.invalidPolicy}= with a valid rua=)` : ''} — ${POLICY_WORDS[applied.policy]}`;
  const summary = `${name}: ${how}.`;
  const publishedPolicy = applied.invalidPolicy ? `${applied.invalidPolicy}=${rawPolicy(tags, applied.invalidPolicy) ?? ''} (invalid)` : applied.published !== applied.policy ? `${applied.tag}=${applied.published} with t=y` : undefined;
  return done(summary, { record, recordDomain: at.domain, source, orgDomain: discovery.orgDomain, tags, effectivePolicy: policyWord, policyTag: applied.tag, publishedPolicy, destinations: dests });
}

function rawPolicy(r: DmarcRecord, tag: string | undefined): string | undefined {
  return tag ? r.tags.find((t) => t.name.toLowerCase() === tag)?.value : undefined;
}
