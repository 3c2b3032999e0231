/**
 * DKIM check: the key at `<selector>._domainkey.<domain>` (CNAME chains followed and
 * shown, multi-string TXT joined), validated by the same validator as the zone linter;
 * and selector discovery over a list of common selectors, asked in parallel.
 */
import type { Resolver } from '../dns/resolver';
import { parseDkimKeyRecord, type DkimKeyRecord } from '../mailrecords';
import { checkFinding, fromValidator, lookup, lookupFailure, verdictOf } from './lookup';
import type { CheckFinding, CheckOptions, CheckResult, DnsEvidence } from './types';

/** Selectors of common senders: Google, Microsoft 365, Mailchimp/Mandrill, SendGrid, Mailgun, Zoho, Fastmail, iCloud, Proton, Amazon SES (custom), generic names. */
export const COMMON_SELECTORS = [
  'google', 'selector1', 'selector2', 'k1', 'k2', 'k3', 's1', 's2', 'default', 'dkim', 'mail', 'mandrill', 'mxvault',
  'smtp', 'email', 'key1', 'key2', 'sig1', 'zoho', 'zmail', 'fm1', 'fm2', 'fm3', 'protonmail', 'protonmail2', 'protonmail3',
  'mailjet', 'mx', 'krs', 'pic', 'everlytickey1', 'everlytickey2', 'cm', 'dkim1', 'dkim2', 'mta',
] as const;

export interface DkimParsed {
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /** Where the key was found (the end of the CNAME chain). */
  finalName: string;
  /** The TXT record's character-strings as published. */
  strings: string[];
  /** The strings joined: the value verifiers read. */
  record: string;
  key: DkimKeyRecord;
}

export type DkimCheckResult = CheckResult<'dkim', DkimParsed>;

export interface DkimDiscoveryParsed {
  tried: string[];
  found: DkimCheckResult[];
}

export type DkimDiscoveryResult = CheckResult<'dkim', DkimDiscoveryParsed>;

function keyWords(k: DkimKeyRecord): string {
  if (k.revoked) return 'revoked key (empty p=)';
  const type = k.keyType === 'ed25519' ? 'Ed25519' : k.keyType.toUpperCase();
  return `${k.keyBits ? `${k.keyBits}-bit ` : ''}${type} key${k.testing ? ', testing mode (t=y)' : ''}${k.strictSubdomains ? ', t=s' : ''}`;
}

export async function checkDkim(resolver: Resolver, domain: string, selector: string, options: CheckOptions = {}): Promise<DkimCheckResult> {
  const name = `${selector}._domainkey.${domain}`;
  const findings: CheckFinding[] = [];
  const txt = await lookup(resolver, name, 'TXT', options.signal);
  const dns: DnsEvidence[] = [txt.evidence];
  const done = (summary: string, parsed?: DkimParsed, couldNotCheck = false): DkimCheckResult => ({ check: 'dkim', domain: name, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });

  if (txt.failed) {
    findings.push(lookupFailure(txt, `DKIM key ${name}`));
    return done(`Could not look up ${name}.`, undefined, true);
  }
  const records = txt.result!.records;
  if (records.length === 0) {
    const why = txt.result!.rcode === 'NXDOMAIN' ? 'does not exist (NXDOMAIN)' : 'has no TXT record';
    const where = txt.result!.chain.length ? ` (${name} is a CNAME to ${txt.evidence.finalName}, which ${why})` : ` ${why}`;
    findings.push(checkFinding('dkim-record-missing', 'error', `No DKIM key for selector "${selector}": ${name}${where}, so every signature with s=${selector} d=${domain} fails.`, `Publish the public key as TXT "v=DKIM1; k=rsa; p=<key>" at ${name} (or the CNAME your provider gives you), or check the selector name in the signatures.`, { name }));
    return done(`No key at ${name}.`);
  }
  if (records.length > 1) {
    findings.push(checkFinding('dkim-multiple-records', 'error', `${txt.evidence.finalName} has ${records.length} TXT records; verifiers read only one of them, so signatures fail at random.`, 'Keep one TXT record (the key) at this name.', { name: txt.evidence.finalName }));
  }
  const strings = records[0]!.data as string[];
  const record = strings.join('');
  const parsedKey = parseDkimKeyRecord(record);
  for (const f of fromValidator(parsedKey.findings, txt.evidence.finalName, record)) findings.push(f);
  const via = txt.result!.chain.length ? ` via CNAME ${txt.result!.chain.map((s) => s.target).join(' → ')}` : '';
  return done(`${keyWords(parsedKey.record)} at ${name}${via}.`, { selector, name, finalName: txt.evidence.finalName, strings, record, key: parsedKey.record });
}

/** Runs `fn` over `items` with at most `limit` running at once, keeping the order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Asks every selector in `selectors` (default COMMON_SELECTORS) and reports those with a key. */
export async function discoverDkim(resolver: Resolver, domain: string, selectors: readonly string[] = COMMON_SELECTORS, options: CheckOptions = {}): Promise<DkimDiscoveryResult> {
  const results = await mapLimit(selectors, 12, (s) => checkDkim(resolver, domain, s, options));
  const found = results.filter((r) => r.parsed);
  const failed = results.filter((r) => r.verdict === 'error');
  const findings: CheckFinding[] = [];
  for (const r of found) for (const f of r.findings) findings.push(f);
  if (failed.length) for (const f of failed[0]!.findings) findings.push(f);
  if (found.length === 0 && !failed.length) {
    findings.push(checkFinding('dkim-no-selector-found', 'warning', `None of the ${selectors.length} common selectors has a DKIM key at ${domain}. DKIM may still be set up under another selector.`, 'Find the selector in the s= tag of a DKIM-Signature header of your mail and check it.', { name: `_domainkey.${domain}`, change: [{ knob: 'check-dkim', domain, selector: '<s>' }] }));
  }
  // After lookups that got no answer, "no key found" would be a guess: say what happened.
  const summary = found.length
    ? `Keys found for ${found.map((r) => r.parsed!.selector).join(', ')} (of ${selectors.length} selectors tried${failed.length ? `; ${failed.length} could not be looked up` : ''}).`
    : failed.length
      ? `Could not tell whether ${domain} has a DKIM key: ${failed.length} of ${selectors.length} selector lookups got no usable answer.`
      : `No key found among ${selectors.length} common selectors.`;
  return {
    check: 'dkim', domain, verdict: verdictOf(findings, failed.length > 0 && found.length === 0), summary, findings,
    dns: found.flatMap((r) => r.dns), parsed: { tried: [...selectors], found },
  };
}
