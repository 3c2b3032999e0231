/**
 * Strict textual IP address checks for SPF ip4:/ip6: (RFC 7208 §5.6 and RFC 4291 §2.2).
 * Hand-written because src/core may not import node:net, and because SPF's grammar is
 * stricter than most parsers: no leading zeros in IPv4 octets, no zone ids.
 */

const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** Dotted-quad IPv4, each part 0–255 without leading zeros (RFC 7208 "qnum"). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p) && Number(p) <= 255);
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Counts the 16-bit groups of one side of "::", or -1 when malformed. */
function groupCount(side: string, ipv4Allowed: boolean): number {
  if (side === '') return 0;
  const parts = side.split(':');
  let count = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (ipv4Allowed && i === parts.length - 1 && p.includes('.')) {
      if (!isIPv4(p)) return -1;
      count += 2;
    } else if (HEX_GROUP.test(p)) {
      count += 1;
    } else {
      return -1;
    }
  }
  return count;
}

/** RFC 4291 text form: eight groups, or fewer with one "::", optionally ending in IPv4. */
export function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  if (halves.length === 1) return groupCount(text, true) === 8;
  const left = groupCount(halves[0]!, false);
  const right = groupCount(halves[1]!, true);
  return left >= 0 && right >= 0 && left + right <= 7;
}
