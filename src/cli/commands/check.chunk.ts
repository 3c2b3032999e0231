/**
 * `mailsec check <dkim|spf|dmarc|mx|mta-sts|tls-rpt|domain> <domain>`: live DNS checks.
 * Exit status: the table of src/cli/exitStatus.ts (3 could not check, 64 bad usage).
 */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIO } from '../io';
import { UsageError } from '../io';
import { EXIT_STATUS_USAGE } from '../exitStatus';
import { DNS_OPTIONS, DNS_USAGE, dnsSetup, exitCode, type DnsSetup } from '../dnsOptions';
import { normalizeDomain } from '../../core/checks/domainName';
import type { CheckResult } from '../../core/checks/types';
import { checkDkim, discoverDkim } from '../../core/checks/dkim';
import { checkSpf } from '../../core/checks/spf';
import { checkMx } from '../../core/checks/mx';
import { checkDmarc } from '../../core/checks/dmarc';
import { checkMtaSts } from '../../core/checks/mtaSts';
import { checkTlsRpt } from '../../core/checks/tlsRpt';
import { checkDomain, type DomainCheckResult } from '../../core/checks/domain';
import { findingLines, renderCheck, safe, verdictText } from '../render/checkText';
import { sharedFailure } from '../../core/checks/explain';
import { detailsOf } from '../render/checkDetails';
import { runChecked } from './commandErrors';
import { isIPv4, isIPv6 } from '../../core/net/ip';
import { isSelector } from '../../core/checks/inputs';
import { checkMarkdown } from '../../core/checks/markdown';

const KINDS = ['dkim', 'spf', 'dmarc', 'mx', 'mta-sts', 'tls-rpt', 'domain'] as const;
type Kind = (typeof KINDS)[number];

const usage = `Usage: mailsec check <what> <domain> [options]

Checks what the live DNS publishes for a domain.

  dkim <domain> --selector S   DKIM key at S._domainkey.<domain> (repeat --selector; without it,
                               common selectors are tried)
  spf <domain>                 SPF record, includes expanded, DNS lookups and void lookups counted,
                               every authorised range listed; with --ip, evaluated for that client
  dmarc <domain>               DMARC policy (with organisational-domain fallback) and report addresses
  mx <domain>                  Mail exchangers and their addresses
  mta-sts <domain>             MTA-STS record and policy host
  tls-rpt <domain>             TLS reporting record
  domain <domain>              All of the above

Options:
  --selector S         DKIM selector (repeatable; also used by "check domain").
  --ip IP              SPF: evaluate the policy for this client address.
  --sender ADDR        SPF: MAIL FROM address for --ip (default postmaster@<domain>). "<>" or ""
                       is the null sender: the HELO identity postmaster@<NAME> is checked
                       (then <domain> may be left out; it must be the HELO name).
  --helo NAME          SPF: HELO name for --ip (%{h}; the identity of a null sender).
${DNS_USAGE}
${EXIT_STATUS_USAGE}`;

type Values = { server?: string[]; timeout?: string; format?: string; selector?: string[]; ip?: string; sender?: string; helo?: string };


function normalizeDomainOr(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

async function runKind(kind: Kind, domain: string, values: Values, setup: DnsSetup): Promise<CheckResult | DomainCheckResult> {
  const { resolver } = setup;
  switch (kind) {
    case 'dkim': {
      if (!values.selector?.length) return discoverDkim(resolver, domain);
      if (values.selector.length === 1) return checkDkim(resolver, domain, values.selector[0]!);
      return discoverDkim(resolver, domain, values.selector);
    }
    case 'spf':
      return checkSpf(resolver, domain, { ip: values.ip, sender: values.sender, helo: values.helo });
    case 'mx':
      return checkMx(resolver, domain);
    case 'dmarc':
      return checkDmarc(resolver, domain);
    case 'mta-sts':
      return checkMtaSts(resolver, domain);
    case 'tls-rpt':
      return checkTlsRpt(resolver, domain);
    case 'domain':
      return checkDomain(resolver, domain, { selectors: values.selector });
  }
}

function render(result: CheckResult | DomainCheckResult, setup: DnsSetup, io: CliIO): string {
  const style = { color: io.isTTY && !io.env.NO_COLOR };
  const lines: string[] = [];
  if (result.check === 'domain') {
    const d = result as DomainCheckResult;
    lines.push(`Domain  ${safe(d.domain)}  ${verdictText(d.verdict, style)}`, `  ${safe(d.summary)}`, '');
    // Checks stopped by the same unreachable server: one explanation, not one per check.
    const shared = sharedFailure(d.results);
    if (shared) lines.push('  Could not check:', ...findingLines(shared.finding), '');
    for (const r of d.results) {
      const stopped = shared?.checks.includes(r.check);
      lines.push(...renderCheck(stopped ? { ...r, findings: [] } : r, detailsOf(r), style, false), ...(stopped ? ['  (no DNS server answered: see above)'] : []), '');
    }
  } else {
    lines.push(...renderCheck(result as CheckResult, detailsOf(result as CheckResult), style), '');
  }
  lines.push(`DNS servers: ${setup.serversLine}`);
  return lines.join('\n') + '\n';
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage,
  run: (argv, io) =>
    runChecked('check', usage, io, async () => {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { ...DNS_OPTIONS, selector: { type: 'string', multiple: true }, ip: { type: 'string' }, sender: { type: 'string' }, helo: { type: 'string' } },
      });
      const [kindArg, domainGiven, ...extra] = positionals;
      const nullSender = values.sender === '' || values.sender === '<>';
      if (nullSender && kindArg === 'spf' && values.helo === undefined) throw new UsageError('A null sender (--sender "<>") is checked as postmaster@<HELO name>: give --helo NAME.');
      if (nullSender && domainGiven !== undefined && values.helo !== undefined && normalizeDomainOr(domainGiven) !== normalizeDomainOr(values.helo)) throw new UsageError(`With a null sender the HELO name is the identity: check ${values.helo}, not ${domainGiven}.`);
      const domainArg = domainGiven ?? (nullSender && kindArg === 'spf' ? values.helo : undefined);
      if (!kindArg) throw new UsageError(`Say what to check: ${KINDS.join(', ')}.`);
      if (!(KINDS as readonly string[]).includes(kindArg)) throw new UsageError(`'${kindArg}' is not something to check; use one of ${KINDS.join(', ')}.`);
      if (!domainArg) throw new UsageError(`Give the domain to check: mailsec check ${kindArg} example.com`);
      if (extra.length) throw new UsageError(`Unexpected argument '${extra[0]}': check one domain at a time.`);
      let domain: string;
      try {
        domain = normalizeDomain(domainArg);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      for (const sel of values.selector ?? []) {
        if (!isSelector(sel)) throw new UsageError(`--selector '${sel}' is not a selector (letters, digits, - and _, dot-separated).`);
      }
      if (values.ip !== undefined && !isIPv4(values.ip) && !isIPv6(values.ip)) throw new UsageError(`--ip '${values.ip}' is not an IP address.`);
      if ((values.sender !== undefined || values.helo !== undefined) && values.ip === undefined) throw new UsageError('--sender and --helo go with --ip (the client address to evaluate).');
      const setup = await dnsSetup(values);
      const result = await runKind(kindArg as Kind, domain, values, setup);
      if (setup.format === 'json') {
        io.stdout(JSON.stringify({ servers: setup.choice.servers, serverOrigin: setup.choice.origin, ...result }, null, 2) + '\n');
      } else if (setup.format === 'markdown') {
        io.stdout(checkMarkdown(result, setup.info, 'cli'));
      } else {
        io.stdout(render(result, setup, io));
      }
      return exitCode(result.verdict, setup.failOn);
    }),
};
