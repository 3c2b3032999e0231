import * as vscode from 'vscode';
import { COMMON_SELECTORS } from '../../core/checks/dkim';
import { checkSelectorList, checkServerList } from '../../core/checks/inputs';
import type { ResolverInfo } from '../../core/checks/markdown';
import { createResolver, withCache, type Resolver } from '../../core/dns/resolver';
import { DEFAULT_CHECK_DEADLINE_S, withDeadline } from '../../core/dns/deadline';
import { chooseServers } from '../../core/dns/systemServers';
import { formatServer } from '../../core/dns/types';

export const SERVERS_SETTING = 'mailsec.dns.servers';
const SETTING_ORIGIN = 'the mailsec.dns.servers setting';

/** A setting the user has to fix before anything is asked of the DNS. */
export class SettingsError extends Error {
  constructor(message: string, readonly setting: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export interface LiveSetup {
  /** A fresh resolver for one check (its cache lives as long as the check). */
  resolver: Resolver;
  /** Who will be asked, and why those servers. */
  info: ResolverInfo;
  /** DKIM selectors to try when discovering. */
  selectors: string[];
}

/**
 * Reads `mailsec.dns.servers`, `.timeout`, `.attempts`, `.checkDeadline` and `mailsec.dkim.selectors` for
 * `scope` (a file, for per-folder settings) and builds the resolver: the configured
 * servers, or the system's (resolv.conf, Windows network settings). A malformed entry
 * is an error in words, never silently dropped.
 */
export async function liveSetup(scope?: vscode.Uri): Promise<LiveSetup> {
  const config = vscode.workspace.getConfiguration('mailsec', scope);
  const configured = checkServerList(config.get<unknown>('dns.servers', []));
  if (configured.problems.length) throw new SettingsError(`${SERVERS_SETTING}: ${configured.problems.join(' ')}`, SERVERS_SETTING);
  const timeoutMs = config.get<number>('dns.timeout', 2000);
  const attempts = config.get<number>('dns.attempts', 2);
  const deadline = config.get<number>('dns.checkDeadline', DEFAULT_CHECK_DEADLINE_S);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new SettingsError(`mailsec.dns.timeout must be a whole number of milliseconds, not ${JSON.stringify(timeoutMs)}.`, 'mailsec.dns.timeout');
  if (!Number.isInteger(deadline) || deadline < 1) throw new SettingsError(`mailsec.dns.checkDeadline must be a whole number of seconds from 1, not ${JSON.stringify(deadline)}.`, 'mailsec.dns.checkDeadline');
  if (!Number.isInteger(attempts) || attempts < 1) throw new SettingsError(`mailsec.dns.attempts must be a whole number from 1, not ${JSON.stringify(attempts)}.`, 'mailsec.dns.attempts');
  const selectorSetting = checkSelectorList(config.get<unknown>('dkim.selectors', [...COMMON_SELECTORS]));
  if (selectorSetting.problems.length) throw new SettingsError(`mailsec.dkim.selectors: ${selectorSetting.problems.join(' ')}`, 'mailsec.dkim.selectors');

  let choice;
  try {
    choice = configured.servers.length
      ? { servers: configured.servers, source: 'configured' as const, origin: SETTING_ORIGIN }
      : await chooseServers(undefined);
  } catch {
    throw new SettingsError(`No DNS server found in the system settings: set ${SERVERS_SETTING} to the servers to ask.`, SERVERS_SETTING);
  }
  const resolver = withCache(withDeadline(createResolver({ servers: choice.servers, timeoutMs, attempts }), deadline));
  return {
    resolver,
    info: { servers: choice.servers.map(formatServer), origin: choice.origin },
    selectors: selectorSetting.selectors.length ? selectorSetting.selectors : [...COMMON_SELECTORS],
  };
}
