/**
 * MX check: the exchangers in priority order, each resolved to its addresses; null MX
 * (RFC 7505), targets that are CNAMEs (RFC 2181 §10.3) or IP literals, targets without
 * addresses, and domains without MX (implicit MX, RFC 5321 §5.1).
 */
import type { Resolver } from '../dns/resolver';
import type { MxData } from '../dns/types';
import { isIPv4, isIPv6 } from '../net/ip';
import { checkFinding, lookup, lookupFailure, verdictOf, type Lookup } from './lookup';
import type { CheckFinding, CheckOptions, CheckResult, DnsEvidence } from './types';

export interface MxHost {
  preference: number;
  exchange: string;
  ttl: number;
  /** IPv4 and IPv6 addresses of the exchange (after any CNAME). */
  addresses: string[];
  /** The exchange is an alias: where it points. */
  cnameTarget?: string;
}

export interface MxParsed {
  hosts: MxHost[];
  /** The domain publishes a null MX: it accepts no mail. */
  nullMx: boolean;
  /** No MX at all: the addresses senders fall back to (implicit MX). */
  implicitAddresses?: string[];
}

export type MxCheckResult = CheckResult<'mx', MxParsed>;

async function addressesOf(resolver: Resolver, host: string, signal?: AbortSignal): Promise<{ a: Lookup; aaaa: Lookup }> {
  const [a, aaaa] = await Promise.all([lookup(resolver, host, 'A', signal), lookup(resolver, host, 'AAAA', signal)]);
  return { a, aaaa };
}

export async function checkMx(resolver: Resolver, domain: string, options: CheckOptions = {}): Promise<MxCheckResult> {
  const findings: CheckFinding[] = [];
  const dns: DnsEvidence[] = [];
  const mx = await lookup(resolver, domain, 'MX', options.signal);
  dns.push(mx.evidence);
  const done = (summary: string, parsed?: MxParsed, couldNotCheck = false): MxCheckResult => ({ check: 'mx', domain, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });

  if (mx.failed) {
    findings.push(lookupFailure(mx, `MX of ${domain}`));
    return done(`Could not look up the MX records of ${domain}.`, undefined, true);
  }
  if (mx.result!.rcode === 'NXDOMAIN') {
    findings.push(checkFinding('mx-domain-missing', 'error', `${domain} does not exist in the DNS (NXDOMAIN), so it can neither send authenticated mail nor receive any.`, 'Check the spelling, or create the domain in its zone.', { name: domain }));
    return done(`${domain} does not exist.`);
  }

  const records = mx.result!.records.map((r) => ({ ...(r.data as MxData), ttl: r.ttl }));
  if (records.length === 0) {
    const { a, aaaa } = await addressesOf(resolver, domain, options.signal);
    dns.push(a.evidence, aaaa.evidence);
    const addresses = [...a.values, ...aaaa.values];
    if (addresses.length) {
      findings.push(checkFinding('mx-missing', 'warning', `${domain} has no MX records, so senders deliver to its own address${addresses.length > 1 ? 'es' : ''} (${addresses.join(', ')}) as an implicit MX.`, `Publish MX records for the hosts that receive mail, or a null MX ("${domain}. MX 0 .") if the domain receives no mail.`, { name: domain }));
    } else {
      findings.push(checkFinding('mx-missing', 'error', `${domain} has no MX records and no address, so mail to it cannot be delivered.`, `Publish MX records for the hosts that receive mail, or a null MX ("${domain}. MX 0 .") to say it receives none.`, { name: domain }));
    }
    return done(addresses.length ? `No MX; implicit MX at ${addresses.join(', ')}.` : 'No MX and no address: mail cannot be delivered.', { hosts: [], nullMx: false, implicitAddresses: addresses });
  }

  const isNull = (r: MxData): boolean => r.exchange === '.' || r.exchange === '';
  const nulls = records.filter(isNull);
  if (nulls.length) {
    if (records.length > nulls.length) {
      findings.push(checkFinding('mx-null-mixed', 'error', `${domain} publishes a null MX ("MX 0 .") next to other MX records; RFC 7505 forbids that, and senders disagree on whether the domain takes mail.`, 'Remove the null MX if the domain receives mail, or remove the other MX records if it does not.', { name: domain }));
    } else {
      if (nulls.some((r) => r.preference !== 0)) {
        findings.push(checkFinding('mx-null-preference', 'warning', `The null MX of ${domain} has preference ${nulls[0]!.preference}; RFC 7505 specifies 0.`, `Write "${domain}. MX 0 .".`, { name: domain }));
      }
      findings.push(checkFinding('mx-null', 'info', `${domain} publishes a null MX: it accepts no mail (RFC 7505). Senders reject mail to it at once instead of queueing it.`, 'Nothing to do if the domain should receive no mail; otherwise replace the null MX with real exchangers.', { name: domain }));
      return done(`Null MX: ${domain} accepts no mail.`, { hosts: [], nullMx: true });
    }
  }

  const real = records.filter((r) => !isNull(r)).sort((a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange));
  const hosts = await Promise.all(real.map(async (r): Promise<MxHost> => {
    const exchange = r.exchange.replace(/\.$/, '');
    const host: MxHost = { preference: r.preference, exchange, ttl: r.ttl, addresses: [] };
    if (isIPv4(exchange) || isIPv6(exchange)) {
      findings.push(checkFinding('mx-target-ip', 'error', `The MX ${r.preference} of ${domain} names an IP address (${exchange}) instead of a host name; senders look it up as a name and fail.`, `Point the MX at a host name with an A/AAAA record for ${exchange}.`, { name: domain }));
      return host;
    }
    const { a, aaaa } = await addressesOf(resolver, exchange, options.signal);
    dns.push(a.evidence, aaaa.evidence);
    host.addresses = [...a.values, ...aaaa.values];
    const chain = a.result?.chain.length ? a.result.chain : aaaa.result?.chain ?? [];
    if (chain.length) {
      host.cnameTarget = chain[chain.length - 1]!.target;
      findings.push(checkFinding('mx-target-cname', 'warning', `The MX target ${exchange} is a CNAME (to ${host.cnameTarget}); RFC 2181 §10.3 and RFC 5321 §5.1 require the name of a host, and some senders refuse to deliver.`, `Point the MX of ${domain} directly at ${host.cnameTarget}.`, { name: exchange }));
    }
    if (a.failed && aaaa.failed) {
      findings.push(lookupFailure(a, `Address of the MX target ${exchange}`));
    } else if (host.addresses.length === 0) {
      const missing = a.result?.rcode === 'NXDOMAIN' ? 'does not exist' : 'has no A or AAAA record';
      findings.push(checkFinding('mx-target-no-address', 'error', `The MX target ${exchange} (preference ${r.preference}) ${missing}, so senders cannot deliver to it.`, `Publish an A/AAAA record for ${exchange}, or remove this MX.`, { name: exchange }));
    }
    return host;
  }));

  const couldNotCheck = findings.some((f) => f.code.startsWith('dns-')) && hosts.every((h) => h.addresses.length === 0);
  const summary = hosts.map((h) => `${h.preference} ${h.exchange}${h.addresses.length ? ` (${h.addresses.join(', ')})` : ''}`).join('; ');
  return done(`${hosts.length} mail exchanger${hosts.length > 1 ? 's' : ''}: ${summary}`, { hosts, nullMx: false }, couldNotCheck);
}
