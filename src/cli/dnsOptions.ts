/**
 * Options every DNS-using command shares: --server (repeatable), --timeout, --format,
 * and turning them into a Resolver whose server list is always reported.
 */
import { createResolver, withCache, type Resolver } from '../core/dns/resolver';
import { DEFAULT_CHECK_DEADLINE_S, withDeadline } from '../core/dns/deadline';
import { chooseServers, type ServerChoice } from '../core/dns/systemServers';
import { formatServer } from '../core/dns/types';
import type { ResolverInfo } from '../core/checks/markdown';
import { EXIT, FAIL_ON_OPTION, exitStatus, failOn, outcomeOfVerdict, type FailOn } from './exitStatus';
import { UsageError } from './io';

export const DNS_OPTIONS = {
  server: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  format: { type: 'string' },
  ...FAIL_ON_OPTION,
} as const;

export const DNS_USAGE = [
  '  --server IP[:port]   DNS server to ask (repeatable; IPv6 as [addr]:port). Default: the system\'s.',
  '  --timeout MS         Time to wait for each answer, in milliseconds (default 2000).',
  `  --deadline SECONDS   Overall time for the whole check (default ${DEFAULT_CHECK_DEADLINE_S}); the result says when it was reached.`,
  '  --format FORMAT      text, json or markdown (default text).',
].join('\n');

export interface DnsSetup {
  resolver: Resolver;
  choice: ServerChoice;
  format: 'text' | 'json' | 'markdown';
  failOn: FailOn;
  /** "127.0.0.1:53 (from --server)". */
  serversLine: string;
  /** The same for the Markdown renderer. */
  info: ResolverInfo;
}

export function parseFormat(value: string | undefined): 'text' | 'json' | 'markdown' {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json' || value === 'markdown') return value;
  throw new UsageError(`--format must be text, json or markdown, not '${value}'.`);
}

export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 600_000) throw new UsageError(`--timeout must be a number of milliseconds from 1 to 600000, not '${value}'.`);
  return Number(value);
}

export function parseDeadline(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CHECK_DEADLINE_S;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3600) throw new UsageError(`--deadline must be a number of seconds from 1 to 3600, not '${value}'.`);
  return Number(value);
}

export async function dnsSetup(values: { server?: string[]; timeout?: string; deadline?: string; format?: string; 'fail-on'?: string }): Promise<DnsSetup> {
  const format = parseFormat(values.format);
  const mode = failOn(values['fail-on']);
  const timeoutMs = parseTimeout(values.timeout);
  const deadline = parseDeadline(values.deadline);
  let choice: ServerChoice;
  try {
    choice = await chooseServers(values.server, { configuredOrigin: '--server' });
  } catch (e) {
    // a malformed --server is a usage error; no system server is "could not check"
    if (values.server?.length) throw new UsageError(e instanceof Error ? e.message : String(e));
    throw e;
  }
  const resolver = withCache(withDeadline(createResolver({ servers: choice.servers, timeoutMs }), deadline));
  return { resolver, choice, format, failOn: mode, serversLine: `${choice.servers.map(formatServer).join(', ')} (from ${choice.origin})`, info: { servers: choice.servers.map(formatServer), origin: choice.origin } };
}

/** Exit status of a verdict (src/cli/exitStatus.ts): 0 pass, 1 warn, 2 fail (as --fail-on allows), 3 could not check. */
export function exitCode(verdict: 'pass' | 'warn' | 'fail' | 'error', mode: FailOn): number {
  return verdict === 'error' ? EXIT.couldNotRun : exitStatus(outcomeOfVerdict(verdict), mode);
}
