/** Shared by the zone parser (A/AAAA rdata) and the SPF validator (ip4:/ip6:). */
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
  if (s.length < 2 || s.length > 45) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  let groups = 0;
  const countSide = (side: string, allowV4: boolean): boolean => {
    if (side === '') return true;
    const parts = side.split(':');
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (k === parts.length - 1 && allowV4 && p.includes('.')) {
        if (!isIPv4(p)) return false;
        groups += 2;
        continue;
      }
      if (p.length === 0 || p.length > 4) return false;
      for (let j = 0; j < p.length; j++) if (!isHex(p.charCodeAt(j))) return false;
      groups++;
    }
    return true;
  };
  if (dbl === -1) {
    if (!countSide(s, true)) return false;
    return groups === 8;
  }
  const left = s.slice(0, dbl);
  const right = s.slice(dbl + 2);
  if (!countSide(left, false) || !countSide(right, true)) return false;
  return groups <= 7;
}
