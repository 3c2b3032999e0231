/**
 * DMARC check: where the policy comes from (the domain itself, its organisational
 * domain by the PSL, or the RFC 9989 tree walk), what it makes receivers do, and
 * whether each external report destination authorises the reports
 * (`<domain>._report._dmarc.<destination>`, RFC 7489 §7.1; wildcards are answered by DNS).
 */
import type { Resolver } from '../dns/resolver';
import { discoverDmarc, orgDomainPsl, type DmarcAt } from './dmarcDiscovery';
import { checkDmarcRecordSet, parseDmarcRecord, type DmarcRecord } from '../mailrecords';
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
  /** How it was found. */
  source: 'domain' | 'organizational-domain' | 'tree-walk';
  /** Organisational domain by the Public Suffix List. */
  orgDomain: string;
  /** The record as the shared validator parsed it. */
  tags: DmarcRecord;
  /** The policy receivers apply to mail from the checked domain. */
  effectivePolicy: string;
  /** Which tag that came from: p, sp or np. */
  policyTag: 'p' | 'sp' | 'np';
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
  const done = (summary: string, parsed?: DmarcParsed, couldNotCheck = false): DmarcCheckResult => ({ check: 'dmarc', domain: d, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });

  const found: DmarcAt | undefined = discovery.treeWalk ?? discovery.psl;
  if (!found) {
    if (discovery.failedBefore) {
      findings.push(lookupFailure(discovery.failedBefore.lookup, `DMARC record _dmarc.${discovery.failedBefore.domain}`));
      return done(`Could not look up the DMARC record of ${d}.`, undefined, true);
    }
    findings.push(checkFinding('dmarc-record-missing', 'error', `No DMARC record applies to ${d} (asked _dmarc.${d} and every parent up to the top-level domain), so receivers have no policy for mail that fails SPF and DKIM, and anyone can send as ${d}.`, `Publish TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${discovery.orgDomain}" at _dmarc.${discovery.orgDomain}, read the reports, then move to p=quarantine and p=reject.`, { name: `_dmarc.${d}` }));
    return done(`No DMARC record for ${d}.`);
  }
  const at = found;
  const name = `_dmarc.${at.domain}`;
  const set = checkDmarcRecordSet(at.lookup.values);
  for (const f of set.findings) findings.push(...fromValidator([f.finding], name, at.lookup.values[f.index]!));
  const record = at.records[0]!;
  const parsed = parseDmarcRecord(record);
  const tags = parsed.record;

  const source: DmarcParsed['source'] = at.domain === d ? 'domain' : discovery.psl === at ? 'organizational-domain' : 'tree-walk';
  if (source !== 'domain') {
    findings.push(checkFinding('dmarc-inherited', 'info', `${d} has no DMARC record of its own; the record of ${at.domain} applies${tags.subdomainPolicy ? ` with its subdomain policy sp=${tags.subdomainPolicy}` : ''}.`, `Nothing to do if ${at.domain}'s policy suits ${d}; otherwise publish a record at _dmarc.${d}.`, { name: `_dmarc.${d}` }));
  }
  if (discovery.treeWalk && discovery.psl && discovery.treeWalk !== discovery.psl) {
    findings.push(checkFinding('dmarc-discovery-differs', 'warning', `Receivers disagree on which record applies to ${d}: RFC 9989 receivers walk up the tree and use _dmarc.${discovery.treeWalk.domain}; RFC 7489 receivers use the Public Suffix List and take _dmarc.${discovery.psl.domain}.`, `Publish a record at _dmarc.${d} so every receiver applies the same policy.`, { name: `_dmarc.${d}` }));
  } else if (discovery.treeWalk && !discovery.psl) {
    findings.push(checkFinding('dmarc-discovery-differs', 'warning', `Only RFC 9989 receivers find the DMARC record of ${d} (at _dmarc.${discovery.treeWalk.domain}, by walking up the tree); RFC 7489 receivers look only at _dmarc.${d} and _dmarc.${discovery.orgDomain} and find none.`, `Publish a record at _dmarc.${d} or _dmarc.${discovery.orgDomain}.`, { name: `_dmarc.${d}` }));
  }

  // The policy for mail from d: p= for the domain itself, sp= (else p=) for a subdomain.
  // RFC 9989: a record without a valid p= but with a valid rua= acts as p=none.
  const policyTag: DmarcParsed['policyTag'] = source !== 'domain' && tags.subdomainPolicy ? 'sp' : 'p';
  const effectivePolicy = (policyTag === 'sp' ? tags.subdomainPolicy : tags.policy) ?? 'none';
  let validatorFindings = parsed.findings;
  if (effectivePolicy === 'none') {
    findings.push(checkFinding('dmarc-not-enforced', 'warning', `The DMARC policy that applies to ${d} is ${policyTag}=none: ${POLICY_WORDS.none}. Mail that spoofs ${d} still reaches inboxes.`, `When the aggregate reports show your own mail passes, move ${policyTag}= to quarantine, then reject.`, { name, record }));
    // the validator's own note says the same about p=none
    validatorFindings = validatorFindings.filter((f) => f.code !== 'dmarc-policy-none');
  }
  findings.push(...fromValidator(validatorFindings, name, record));

  const dests = destinations(tags);
  const policyOrg = orgDomainPsl(at.domain);
  await Promise.all(dests.map(async (dest) => {
    if (orgDomainPsl(dest.domain) === policyOrg) return;
    dest.external = true;
    dest.authorizationName = `${at.domain}._report._dmarc.${dest.domain}`;
    const auth = await lookup(resolver, dest.authorizationName, 'TXT', options.signal);
    dns.push(auth.evidence);
    if (auth.failed) {
      findings.push(lookupFailure(auth, `Report authorisation ${dest.authorizationName}`));
      return;
    }
    dest.authorized = auth.values.some((v) => /^v=DMARC1\s*(;|$)/i.test(v));
    if (!dest.authorized) {
      findings.push(checkFinding('dmarc-report-unauthorized', 'warning', `${dest.tag}=${dest.uri}: ${dest.domain} does not accept DMARC reports for ${at.domain} (no "v=DMARC1" TXT at ${dest.authorizationName}), so receivers send these reports nowhere.`, `Ask the operator of ${dest.domain} to publish TXT "v=DMARC1" at ${dest.authorizationName} (or *._report._dmarc.${dest.domain}), or remove the address.`, { name: dest.authorizationName }));
    }
  }));

  const summary = `${name}: ${policyTag}=${effectivePolicy} — ${POLICY_WORDS[effectivePolicy] ?? 'unknown policy'}.`;
  return done(summary, { record, recordDomain: at.domain, source, orgDomain: discovery.orgDomain, tags, effectivePolicy, policyTag, destinations: dests });
}
