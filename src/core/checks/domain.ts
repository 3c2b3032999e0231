/**
 * `check domain`: every check of a mail domain at once (SPF, DKIM — the given selectors
 * or discovery of common ones —, DMARC, MX, MTA-STS, TLS-RPT), run in parallel; the
 * verdict is the worst one.
 */
import type { Resolver } from '../dns/resolver';
import { checkDkim, discoverDkim } from './dkim';
import { checkDmarc } from './dmarc';
import { checkTitle } from './explain';
import { checkMx } from './mx';
import { checkMtaSts } from './mtaSts';
import { checkSpf } from './spf';
import { checkTlsRpt } from './tlsRpt';
import type { CheckOptions, CheckResult, Verdict } from './types';

export interface DomainCheckOptions extends CheckOptions {
  /** DKIM selectors to check; default: discover common ones. */
  selectors?: string[];
  /** The selectors discovery tries when `selectors` is not given (default COMMON_SELECTORS). */
  discoverSelectors?: readonly string[];
}

export interface DomainCheckResult {
  check: 'domain';
  domain: string;
  verdict: Verdict;
  summary: string;
  results: CheckResult[];
}

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2, error: 3 };

export function worstVerdict(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');
}

const SUMMARY_WORDS: Record<Verdict, string> = { pass: 'pass', warn: 'warning', fail: 'fail', error: 'could not check' };

export async function checkDomain(resolver: Resolver, domain: string, options: DomainCheckOptions = {}): Promise<DomainCheckResult> {
  const o = { signal: options.signal };
  const dkim: Promise<CheckResult[]> = options.selectors?.length
    ? Promise.all(options.selectors.map((s) => checkDkim(resolver, domain, s, o)))
    : discoverDkim(resolver, domain, options.discoverSelectors, o).then((r) => [r]);
  const others: Promise<CheckResult>[] = [
    checkSpf(resolver, domain, o),
    checkDmarc(resolver, domain, o),
    checkMx(resolver, domain, o),
    checkMtaSts(resolver, domain, o),
    checkTlsRpt(resolver, domain, o),
  ];
  const [first, dkimResults, ...rest] = await Promise.all([others[0]!, dkim, ...others.slice(1)]);
  const results: CheckResult[] = [first as CheckResult, ...(dkimResults as CheckResult[]), ...(rest as CheckResult[])];
  const verdict = worstVerdict(results.map((r) => r.verdict));
  const summary = results.every((r) => r.verdict === 'error')
    ? 'Nothing could be checked: the DNS lookups got no usable answer.'
    : results.map((r) => `${checkTitle(r.check)}: ${SUMMARY_WORDS[r.verdict]}`).join(', ');
  return { check: 'domain', domain, verdict, summary, results };
}
