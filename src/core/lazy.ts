/**
 * Libraries with a noticeable start-up cost, loaded on first use rather than when the
 * extension activates: tldts builds the Public Suffix List trie (~15–30 ms), dns-packet
 * its codecs. Everything else imports them through here (ESLint enforces it); the
 * bundler keeps each module's code behind a function that runs at the first call.
 */
import type * as Tldts from 'tldts';
import type * as DnsPacket from 'dns-packet';

let tldtsModule: typeof Tldts | undefined;
let dnsPacketModule: typeof DnsPacket | undefined;

/** The Public Suffix List (tldts). */
export function tldts(): typeof Tldts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy
  return (tldtsModule ??= require('tldts') as typeof Tldts);
}

/** DNS wire-format codecs (dns-packet). */
export function dnsPacket(): typeof DnsPacket {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy
  return (dnsPacketModule ??= require('dns-packet') as typeof DnsPacket);
}
