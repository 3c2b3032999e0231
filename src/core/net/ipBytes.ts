/**
 * IP addresses as bytes, for CIDR matching and the SPF macros %{i}/%{c}: parse (only
 * what isIPv4/isIPv6 accept), prefix comparison, the dotted-nibble form of RFC 7208
 * §7.3 and the RFC 5952 text form. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are
 * read as the IPv4 address they carry (RFC 7208 §5).
 */
import { isIPv4, isIPv6 } from './ip';

export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

function v4Bytes(s: string): Uint8Array {
  return Uint8Array.from(s.split('.').map(Number));
}

function v6Bytes(s: string): Uint8Array {
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = [...v4Bytes(text.slice(lastColon + 1))];
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (x: string): number[] => (x === '' ? [] : x.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  const all = rest === undefined ? h : [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  if (tail.length) out.set(tail, 12);
  return out;
}

/** Parses an address; undefined when it is not one. IPv4-mapped IPv6 becomes IPv4. */
export function parseIp(s: string): IpAddress | undefined {
  if (isIPv4(s)) return { version: 4, bytes: v4Bytes(s) };
  if (!isIPv6(s)) return undefined;
  const b = v6Bytes(s);
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return { version: 4, bytes: b.slice(12) };
  return { version: 6, bytes: b };
}

/** Parses a network address as written in ip4:/ip6: (no IPv4-mapped folding). */
export function parseNetwork(s: string, version: 4 | 6): IpAddress | undefined {
  if (version === 4) return isIPv4(s) ? { version: 4, bytes: v4Bytes(s) } : undefined;
  return isIPv6(s) ? { version: 6, bytes: v6Bytes(s) } : undefined;
}

/** True when `ip` lies in `network`/`prefix` (same family only). */
export function inNetwork(ip: IpAddress, network: IpAddress, prefix: number): boolean {
  if (ip.version !== network.version) return false;
  const full = Math.floor(prefix / 8);
  for (let i = 0; i < full; i++) if (ip.bytes[i] !== network.bytes[i]) return false;
  const bits = prefix % 8;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (ip.bytes[full]! & mask) === (network.bytes[full]! & mask);
}

/** %{i}: dotted quad, or 32 dot-separated nibbles for IPv6. */
export function dottedForm(ip: IpAddress): string {
  if (ip.version === 4) return [...ip.bytes].join('.');
  return [...ip.bytes].flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]).join('.');
}

/** The reverse-lookup name (in-addr.arpa / ip6.arpa). */
export function reverseName(ip: IpAddress): string {
  return `${dottedForm(ip).split('.').reverse().join('.')}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa`;
}

/** RFC 5952 text: IPv4 dotted, IPv6 lower case with the longest zero run compressed. */
export function ipText(ip: IpAddress): string {
  if (ip.version === 4) return [...ip.bytes].join('.');
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((ip.bytes[i]! << 8) | ip.bytes[i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.version === b.version && a.bytes.every((x, i) => x === b.bytes[i]);
}
