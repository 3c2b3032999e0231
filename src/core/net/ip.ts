/** Shared by the zone parser (A/AAAA rdata) and the SPF validator (ip4:/ip6:). */
import ipaddr from 'ipaddr.js';
/**
 * Strict textual IP address checks, as inet_pton reads them (and so BIND): IPv4 is
 * four decimal octets without leading zeros; IPv6 per RFC 4291 §2.2 with at most one
 * `::` and an optional trailing dotted IPv4.
 */

export function isIPv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let i = 0;
  while (i <= n) {
    const start = i;
    let v = 0;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      v = v * 10 + (s.charCodeAt(i) - 48);
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || v > 255 || (len > 1 && s.charCodeAt(start) === 48)) return false;
    parts++;
    if (i === n) break;
    if (s.charCodeAt(i) !== 46 || parts === 4) return false;
    i++;
  }
  return parts === 4;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

export function isIPv6(s: string): boolean {
  const n = s.length;
  if (n < 2 || n > 45) return false;
  let i = 0;
  let groups = 0;
  let double = false;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    double = true;
    i = 2;
    if (n === 2) return true;
  }
  for (;;) {
    const start = i;
    while (i < n && i - start < 5 && isHex(s.charCodeAt(i))) i++;
    if (i < n && s.charCodeAt(i) === 46) {
      // A dotted IPv4 ends the address and counts as two groups.
      if (!isIPv4(s.slice(start))) return false;
      groups += 2;
      break;
    }
    const digits = i - start;
    if (digits === 0 || digits > 4) return false;
    groups++;
    if (i === n) break;
    if (s.charCodeAt(i) !== 58) return false;
    if (s.charCodeAt(i + 1) === 58) {
      if (double) return false;
      double = true;
      i += 2;
      if (i === n) break;
    } else {
      i++;
      if (i === n) return false;
    }
  }
  return double ? groups <= 7 : groups === 8;
}

/** True when `ip` lies inside `range` (CIDR, or a single address); false for anything unreadable. */
export function ipInRange(ip: string, range: string): boolean {
  try {
    const address = ipaddr.parse(ip);
    const [base, bits] = range.includes('/') ? ipaddr.parseCIDR(range) : [ipaddr.parse(range), ipaddr.parse(range).kind() === 'ipv4' ? 32 : 128];
    const a = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && base.kind() === 'ipv4' ? (address as ipaddr.IPv6).toIPv4Address() : address;
    return a.kind() === base.kind() && a.match(base, bits);
  } catch {
    return false;
  }
}
