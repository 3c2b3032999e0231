/**
 * Which DNS servers to ask: the ones the user configured (`mailsec.dns.servers`,
 * `--server`), otherwise the system's. The choice is always reported, so a result
 * says who answered.
 */
import { readFile } from 'node:fs/promises';
// node:dns is imported only for getServers(): on Windows the system resolvers live in
// the registry/adapter settings, not in a file, and libuv/c-ares already reads them.
// No lookup goes through node:dns; queries use our own transport.
import { getServers } from 'node:dns';
import { isIPv4, isIPv6 } from '../net/ip';
import type { DnsServer } from './types';

/**
 * Parses `IP`, `IP:port`, `[IPv6]`, `[IPv6]:port` or a bare IPv6 address (with an
 * optional `%scope`). Throws an Error in the user's words for anything else.
 */
export function parseServerSpec(spec: string, defaultPort = 53): DnsServer {
  const s = spec.trim();
  const bad = (why: string): never => {
    throw new Error(`'${spec}' is not a DNS server address: ${why}. Use IP, IP:port or [IPv6]:port.`);
  };
  if (!s) bad('it is empty');
  let host: string;
  let portText: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(s);
  if (bracket) {
    host = bracket[1]!;
    portText = bracket[2];
    if (portText === '') bad('the port after the colon is missing');
  } else if ((s.match(/:/g) ?? []).length >= 2) {
    host = s; // bare IPv6, no port possible without brackets
  } else {
    const i = s.indexOf(':');
    host = i < 0 ? s : s.slice(0, i);
    portText = i < 0 ? undefined : s.slice(i + 1);
    if (portText === '') bad('the port after the colon is missing');
  }
  let port = defaultPort;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) bad(`port '${portText}' is not a number from 1 to 65535`);
    port = Number(portText);
  }
  const [addr, scope] = host.split('%', 2) as [string, string | undefined];
  const family = isIPv4(addr) ? 4 : isIPv6(addr) ? 6 : 0;
  if (family === 0) bad(`'${addr}' is not an IP address (host names cannot be used: resolving them would need DNS)`);
  if (scope !== undefined && (family !== 6 || !/^[\w.-]+$/.test(scope))) bad(`'%${scope}' is not a valid IPv6 zone index`);
  return { address: host, port, family: family as 4 | 6 };
}

/** The `nameserver` lines of a resolv.conf (comments with # or ;, IPv6 and %scope allowed). */
export function parseResolvConf(text: string): DnsServer[] {
  const servers: DnsServer[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const m = /^nameserver\s+(\S+)/.exec(line);
    if (!m) continue;
    try {
      // resolv.conf has no port syntax; a bare IPv6 address must not be read as host:port.
      const addr = m[1]!;
      servers.push(parseServerSpec(addr.includes(':') && !addr.startsWith('[') ? `[${addr}]` : addr));
    } catch {
      // glibc skips lines it cannot parse; so do we
    }
  }
  return servers;
}

export interface ServerChoice {
  servers: DnsServer[];
  /** Where the list came from. */
  source: 'configured' | 'system';
  /** In words, e.g. "--server", "/etc/resolv.conf", "Windows network settings". */
  origin: string;
}

export interface ChooseOptions {
  platform?: NodeJS.Platform;
  /** Name of the configured origin for messages (default "configuration"). */
  configuredOrigin?: string;
  readResolvConf?: () => Promise<string>;
  systemGetServers?: () => string[];
}

/** Configured servers win; otherwise /etc/resolv.conf (Linux, macOS, BSD) or the OS list (Windows). */
export async function chooseServers(configured: readonly string[] | undefined, options: ChooseOptions = {}): Promise<ServerChoice> {
  if (configured && configured.length > 0) {
    return { servers: configured.map((c) => parseServerSpec(c)), source: 'configured', origin: options.configuredOrigin ?? 'configuration' };
  }
  const platform = options.platform ?? process.platform;
  const fromGetServers = (): DnsServer[] => {
    const out: DnsServer[] = [];
    for (const s of (options.systemGetServers ?? getServers)()) {
      try {
        out.push(parseServerSpec(s));
      } catch {
        // skip what we cannot use
      }
    }
    return out;
  };
  if (platform === 'win32') {
    const servers = fromGetServers();
    if (servers.length) return { servers, source: 'system', origin: 'Windows network settings' };
  } else {
    let text = '';
    try {
      text = await (options.readResolvConf ?? (() => readFile('/etc/resolv.conf', 'utf8')))();
    } catch {
      // no resolv.conf (containers, some macOS setups): fall back below
    }
    const servers = parseResolvConf(text);
    if (servers.length) return { servers, source: 'system', origin: '/etc/resolv.conf' };
    const fallback = fromGetServers();
    if (fallback.length) return { servers: fallback, source: 'system', origin: 'the system resolver settings' };
  }
  throw new Error('No DNS server found in the system settings; pass one with --server (or set mailsec.dns.servers).');
}
