/**
 * RFC 3597 `\# <length> <hex>` data of a type mailsec knows: BIND reads the bytes with the
 * type's wire parser and refuses the zone when they do not fit. This checks the same
 * structure (names uncompressed and within limits, strings filling the data, fixed sizes,
 * minimum lengths, NSEC type bitmaps) for the types BIND checks; it returns why not, or
 * undefined when the bytes fit.
 */

/** Reads an uncompressed name at `at`; returns the offset after it, or a reason. */
function name(b: Uint8Array, at: number): number | string {
  let total = 0;
  for (;;) {
    if (at >= b.length) return 'a name runs past the end of the data';
    const len = b[at]!;
    if (len >= 0xc0) return 'a name uses compression, which zone data cannot';
    if (len > 63) return 'a label is longer than 63 bytes';
    total += len + 1;
    if (total > 255) return 'a name is longer than 255 bytes';
    at += len + 1;
    if (len === 0) return at;
  }
}

function strings(b: Uint8Array, at: number, count: number | 'some'): number | string {
  let n = 0;
  while (at < b.length && (count === 'some' || n < count)) {
    at += 1 + b[at]!;
    n++;
  }
  if (at > b.length) return 'a character-string runs past the end of the data';
  if (count !== 'some' && n < count) return `it needs ${count} character-strings`;
  if (n === 0) return 'it needs at least one character-string';
  return at;
}

function bitmap(b: Uint8Array, at: number, allowEmpty: boolean): string | undefined {
  if (at === b.length) return allowEmpty ? undefined : 'the type bitmap is empty';
  let last = -1;
  while (at < b.length) {
    if (at + 2 > b.length) return 'a type bitmap window is cut short';
    const win = b[at]!;
    const len = b[at + 1]!;
    if (win <= last) return 'type bitmap windows are out of order';
    if (len < 1 || len > 32) return 'a type bitmap window has a bad length';
    if (at + 2 + len > b.length) return 'a type bitmap window runs past the end of the data';
    if (b[at + 1 + len] === 0) return 'a type bitmap window ends with a zero byte';
    last = win;
    at += 2 + len;
  }
  return undefined;
}

/** Runs steps in order: each gets the offset and returns the next one or a reason. */
function seq(b: Uint8Array, ...steps: ((at: number) => number | string)[]): string | undefined {
  let at = 0;
  for (const step of steps) {
    const r = step(at);
    if (typeof r === 'string') return r;
    if (r > b.length) return 'the data is too short';
    at = r;
  }
  return at === b.length ? undefined : 'there are bytes left over after the data';
}

const fixed = (n: number) => (at: number) => at + n;
const rest = (min: number) => (b: Uint8Array) => (at: number) => (b.length - at >= min ? b.length : 'the data is too short');

const NAME1 = new Set(['NS', 'MD', 'MF', 'CNAME', 'MB', 'MG', 'MR', 'PTR', 'DNAME', 'NSAP-PTR']);
const PREF_NAME = new Set(['MX', 'RT', 'KX', 'AFSDB', 'LP']);
const TEXT = new Set(['TXT', 'SPF', 'AVC', 'NINFO', 'RESINFO', 'WALLET']);
/** Digest sizes BIND knows: DS by digest type, ZONEMD by hash algorithm (SHA-384, SHA-512). */
const DS_DIGEST: Record<number, number> = { 1: 20, 2: 32, 4: 48 };
export const ZONEMD_DIGEST: Record<number, number> = { 1: 48, 2: 64 };
const SIZE: Record<string, number> = { A: 4, AAAA: 16, EUI48: 6, EUI64: 8, L32: 6, L64: 10, NID: 10 };

export function genericWireProblem(type: string, b: Uint8Array): string | undefined {
  if (SIZE[type] !== undefined) return b.length === SIZE[type] ? undefined : `${type} data is ${SIZE[type]} bytes, not ${b.length}`;
  if (NAME1.has(type)) return seq(b, (at) => name(b, at));
  if (PREF_NAME.has(type)) return seq(b, fixed(2), (at) => name(b, at));
  if (TEXT.has(type)) return seq(b, (at) => strings(b, at, 'some'));
  switch (type) {
    case 'SOA':
      return seq(b, (at) => name(b, at), (at) => name(b, at), fixed(20));
    case 'HINFO':
      return seq(b, (at) => strings(b, at, 2));
    case 'MINFO':
    case 'RP':
    case 'TALINK':
      return seq(b, (at) => name(b, at), (at) => name(b, at));
    case 'SRV':
      return seq(b, fixed(6), (at) => name(b, at));
    case 'NAPTR':
      return seq(b, fixed(4), (at) => strings(b, at, 3), (at) => name(b, at));
    case 'PX':
      return seq(b, fixed(2), (at) => name(b, at), (at) => name(b, at));
    case 'DS':
    case 'CDS':
    case 'TA':
    case 'DLV': {
      const want = b.length >= 4 ? DS_DIGEST[b[3]!] : undefined;
      if (want !== undefined && b.length < 4 + want) return `a digest of type ${b[3]} is ${want} bytes`;
      return seq(b, fixed(4), rest(1)(b));
    }
    case 'DNSKEY':
    case 'CDNSKEY':
    case 'KEY':
    case 'RKEY':
      return seq(b, fixed(4), rest(0)(b));
    case 'SSHFP':
      return seq(b, fixed(2), rest(0)(b));
    case 'TLSA':
    case 'SMIMEA':
      return seq(b, fixed(3), rest(1)(b));
    case 'NSEC':
      return seq(b, (at) => name(b, at), (at) => bitmap(b, at, false) ?? b.length);
    case 'NSEC3': {
      if (b.length < 5) return 'the data is too short';
      const saltEnd = 5 + b[4]!;
      if (saltEnd >= b.length) return 'the salt runs past the end of the data';
      const hashLen = b[saltEnd]!;
      if (hashLen === 0) return 'the next hashed owner is empty';
      if (saltEnd + 1 + hashLen > b.length) return 'the next hashed owner runs past the end of the data';
      return bitmap(b, saltEnd + 1 + hashLen, true);
    }
    case 'NSEC3PARAM':
      return b.length >= 5 && b.length === 5 + b[4]! ? undefined : 'the salt length does not match the data';
    case 'CSYNC':
      return seq(b, fixed(6), (at) => bitmap(b, at, true) ?? b.length);
    case 'ZONEMD': {
      if (b.length < 6 + 12) return 'a ZONEMD digest is at least 12 bytes';
      const want = ZONEMD_DIGEST[b[5]!];
      return want === undefined || b.length >= 6 + want ? undefined : `a ZONEMD digest of hash algorithm ${b[5]} is ${want} bytes`;
    }
    case 'IPSECKEY': {
      if (b.length < 3) return 'the data is too short';
      const need = [4, 8, 20][b[1]!];
      if (need !== undefined) return b.length >= need ? undefined : 'the gateway or public key is missing';
      if (b[1] !== 3) return `gateway type ${b[1]} is not 0–3`;
      const end = name(b, 3);
      return typeof end === 'string' ? end : end < b.length ? undefined : 'the public key is missing';
    }
    case 'LOC': {
      if (b.length !== 16 || b[0] !== 0) return 'LOC data is 16 bytes of version 0';
      for (const p of [b[1]!, b[2]!, b[3]!]) if (p >> 4 > 9 || (p & 15) > 9) return 'a LOC size or precision is out of range';
      const u32 = (i: number): number => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
      if (Math.abs(u32(4) - 2 ** 31) > 90 * 3600000) return 'the LOC latitude is out of range';
      if (Math.abs(u32(8) - 2 ** 31) > 180 * 3600000) return 'the LOC longitude is out of range';
      return undefined;
    }
    case 'CAA': {
      if (b.length < 2 || b[1] === 0 || 2 + b[1]! > b.length) return 'the CAA tag is missing or cut short';
      for (let i = 2; i < 2 + b[1]!; i++) if (!/[A-Za-z0-9]/.test(String.fromCharCode(b[i]!))) return 'a CAA tag holds letters and digits only';
      return undefined;
    }
    case 'URI':
      return b.length >= 4 ? undefined : 'the data is too short';
    case 'SVCB':
    case 'HTTPS': {
      const end = b.length >= 2 ? name(b, 2) : 'the data is too short';
      if (typeof end === 'string') return end;
      let at = end;
      let last = -1;
      while (at < b.length) {
        if (at + 4 > b.length) return 'a service parameter is cut short';
        const key = (b[at]! << 8) | b[at + 1]!;
        if (key <= last) return 'service parameter keys are not in ascending order';
        last = key;
        at += 4 + ((b[at + 2]! << 8) | b[at + 3]!);
      }
      return at === b.length ? undefined : 'a service parameter runs past the end of the data';
    }
    default:
      return undefined;
  }
}
