/**
 * Validation of what a user types before anything is asked of the DNS: domains, DKIM
 * selectors (or "discover"), client IPs, sender addresses and DNS server lists. Each
 * `…Problem` function returns a sentence in the user's words, or undefined when the
 * input is fine; the editor's input boxes, the settings reader and the CLI share them.
 */
import { isIPv4, isIPv6 } from '../net/ip';
import { parseServerSpec } from '../dns/systemServers';
import type { DnsServer } from '../dns/types';
import { normalizeDomain } from './domainName';

/** What the user types in the selector box to try the configured list of common selectors. */
export const DISCOVER = 'discover';

const SELECTOR = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function isSelector(text: string): boolean {
  return SELECTOR.test(text) && text.length <= 253;
}

/** What is wrong with an input, in the words `parse` throws, or undefined when it parses. */
function problemOf(parse: () => unknown): string | undefined {
  try {
    parse();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function domainProblem(text: string): string | undefined {
  return problemOf(() => normalizeDomain(text));
}

export type SelectorInput = { discover: true } | { discover: false; selectors: string[] };

/**
 * A selector box: "discover" (any case), one selector, or several separated by commas or
 * spaces. Throws an Error in the user's words for anything else.
 */
export function parseSelectorInput(text: string): SelectorInput {
  const t = text.trim();
  if (!t) throw new Error(`Type a selector (the s= of a DKIM-Signature, e.g. selector1), or "${DISCOVER}" to try common ones.`);
  if (t.toLowerCase() === DISCOVER) return { discover: true };
  const selectors = t.split(/[\s,]+/).filter(Boolean);
  const named = selectors.find((s) => /(^|\.)_domainkey(\.|$)/i.test(s));
  if (named !== undefined) throw new Error(`Type only the selector, without "._domainkey" and the domain (for '${named}': ${named.split(/\._domainkey/i)[0]}).`);
  const bad = selectors.find((s) => !isSelector(s));
  if (bad !== undefined) throw new Error(`'${bad}' is not a DKIM selector: use letters, digits, - and _, in dot-separated labels.`);
  return { discover: false, selectors: [...new Set(selectors)] };
}

export function selectorProblem(text: string): string | undefined {
  return problemOf(() => parseSelectorInput(text));
}

/** An IP address box; empty is fine when `optional`. */
export function ipProblem(text: string, optional = false): string | undefined {
  const t = text.trim();
  if (!t) return optional ? undefined : 'Type an IPv4 or IPv6 address, e.g. 192.0.2.1 or 2001:db8::1.';
  const bare = t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t;
  if (isIPv4(bare) || isIPv6(bare)) return undefined;
  if (/^[\d.]+$/.test(t)) return `'${t}' is not an IPv4 address (four numbers from 0 to 255, separated by dots).`;
  return `'${t}' is not an IP address: type the address of the sending server, not its name.`;
}

/** The address as the evaluators want it (IPv6 without brackets). */
export function normalizeIp(text: string): string {
  const t = text.trim();
  return t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t;
}

/** A MAIL FROM box: `user@domain` or a bare domain (the HELO identity); empty is fine when `optional`. */
export function senderProblem(text: string, optional = false): string | undefined {
  const t = text.trim().replace(/^<(.*)>$/, '$1');
  if (!t) return optional ? undefined : 'Type the envelope sender (MAIL FROM), e.g. alice@example.com.';
  const at = t.lastIndexOf('@');
  if (at === 0 || /\s/.test(t)) return `'${text.trim()}' is not a sender address (user@example.com).`;
  const domain = at < 0 ? t : t.slice(at + 1);
  const p = domainProblem(domain);
  return p ? `The domain of the sender is not valid: ${p}` : undefined;
}

export interface ServerListCheck {
  servers: DnsServer[];
  /** One sentence per entry that is not a server address. */
  problems: string[];
}

/** A `mailsec.dns.servers` value: every entry parsed, every bad one reported (not thrown). */
export function checkServerList(value: unknown): ServerListCheck {
  if (value === undefined || value === null) return { servers: [], problems: [] };
  if (!Array.isArray(value)) return { servers: [], problems: ['The DNS server setting must be a list of addresses, like ["192.0.2.53", "[2001:db8::53]:5353"].'] };
  const servers: DnsServer[] = [];
  const problems: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string') {
      problems.push(`${JSON.stringify(entry)} is not a DNS server address (write it as a string, "IP" or "IP:port").`);
      continue;
    }
    try {
      servers.push(parseServerSpec(entry));
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return { servers, problems };
}

/** The DKIM selector list of a setting: the valid ones, and a sentence per invalid one. */
export function checkSelectorList(value: unknown): { selectors: string[]; problems: string[] } {
  if (!Array.isArray(value)) return { selectors: [], problems: value === undefined ? [] : ['The selector setting must be a list of selectors.'] };
  const selectors: string[] = [];
  const problems: string[] = [];
  for (const s of value) {
    if (typeof s === 'string' && isSelector(s.trim())) selectors.push(s.trim());
    else problems.push(`${JSON.stringify(s)} is not a DKIM selector (letters, digits, - and _, in dot-separated labels).`);
  }
  return { selectors: [...new Set(selectors)], problems };
}
