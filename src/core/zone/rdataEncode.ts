/**
 * Presentation-format rdata to wire format (RFC 1035 §3.3 and each type's RFC), as BIND 9
 * reads it: the one place that knows every type's layout in full. A syntax problem throws
 * RdataSyntaxError naming the token at fault; checkRdata reports it, rdataWire encodes with it.
 */
import { unescapeBytes } from './charString';
import { isIPv4, isIPv6 } from '../net/ip';
import { resolveName } from './names';
import { lookupType, typeNumber } from './rrtypes';
import { innerEnd, innerStart, rawText } from './tokens';
import type { Token } from './types';
import { ZONEMD_DIGEST } from './genericWire';
import { encodeSvcParams } from './svcb';
import { clipped } from '../text/visible';

export class RdataSyntaxError extends Error {
  readonly tag = 'RdataSyntaxError';
  /** Index of the rdata token at fault; tokens.length when input ended too early. */
  constructor(message: string, readonly token: number, readonly endToken = token) {
    super(message);
  }
}

/** Growing byte buffer. */
export class Bytes {
  private buf = new Uint8Array(64);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
  }
  u16(v: number): void {
    this.u8(v >>> 8);
    this.u8(v);
  }
  u32(v: number): void {
    this.u16(Math.floor(v / 65536));
    this.u16(v % 65536);
  }
  bytes(b: ArrayLike<number>): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  /** Overwrites a u16 at `at` (for lengths written after their data). */
  setU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Reads rdata tokens in order. */
export class Reader {
  i = 0;
  constructor(readonly text: string, readonly toks: readonly Token[], readonly origin: string) {}
  get more(): boolean {
    return this.i < this.toks.length;
  }
  fail(message: string, at = this.i - 1): never {
    throw new RdataSyntaxError(message, Math.max(0, Math.min(at, this.toks.length)));
  }
  token(what: string): Token {
    if (this.i >= this.toks.length) throw new RdataSyntaxError(`the ${what} is missing`, this.toks.length);
    return this.toks[this.i++]!;
  }
  /** The next token as written (quotes removed). */
  raw(what: string): string {
    return rawText(this.text, this.token(what));
  }
  /** The next token, which must not be quoted. */
  word(what: string): string {
    const t = this.token(what);
    if (t.quoted) this.fail(`the ${what} must not be quoted`);
    return rawText(this.text, t);
  }
  /** All remaining tokens joined (for hex and base64 that may be split by blanks). */
  rest(what: string, optional = false): string {
    if (!optional && !this.more) this.token(what);
    let s = '';
    while (this.more) s += this.word(what);
    return s;
  }
  bytesOf(t: Token): Uint8Array {
    return unescapeBytes(this.text, innerStart(t), innerEnd(this.text, t));
  }
  end(typeName: string): void {
    if (this.more) this.fail(`extra text after the ${typeName} data`, this.i);
  }
}

export function num(r: Reader, what: string, max: number): number {
  const s = r.word(what);
  if (!/^[0-9]+$/.test(s)) r.fail(`the ${what} must be a number, not '${clipped(s, 40)}'`);
  const v = Number(s);
  if (v > max) r.fail(`the ${what} ${clipped(s, 40)} is out of range (at most ${max})`);
  return v;
}

/** A domain name to wire format (escapes decoded, case kept). */
export function nameWire(raw: string, origin: string, out: Bytes, r?: Reader): void {
  const abs = resolveName(raw, origin);
  if (abs === '.') {
    out.u8(0);
    return;
  }
  const bytes = unescapeBytes(abs, 0, abs.length);
  // Split on unescaped dots: walk the presentation text alongside.
  let label: number[] = [];
  let total = 1;
  for (let i = 0; i < abs.length; i++) {
    const c = abs.charCodeAt(i);
    if (c === 92) {
      const d = abs.charCodeAt(i + 1);
      if (d >= 48 && d <= 57) {
        label.push(Number(abs.slice(i + 1, i + 4)));
        i += 3;
      } else {
        label.push(...unescapeBytes(abs, i, i + 2));
        i++;
      }
      continue;
    }
    if (c === 46) {
      if (label.length === 0 || label.length > 63) r?.fail(label.length ? 'a label of the name is over 63 bytes' : 'the name has an empty label');
      out.u8(label.length);
      out.bytes(label);
      total += label.length + 1;
      label = [];
      continue;
    }
    label.push(...unescapeBytes(abs, i, i + 1));
  }
  if (total > 255) r?.fail('the name is over 255 bytes');
  void bytes;
  out.u8(0);
}

function name(r: Reader, what: string, out: Bytes): void {
  const raw = r.word(what);
  nameWire(raw, r.origin, out, r);
}

function charString(r: Reader, what: string, out: Bytes): void {
  const b = r.bytesOf(r.token(what));
  if (b.length > 255) r.fail(`the ${what} is over 255 bytes`);
  out.u8(b.length);
  out.bytes(b);
}

function ipv4(r: Reader, what: string, out: Bytes): void {
  const s = r.word(what);
  if (!isIPv4(s)) r.fail(`'${clipped(s, 60)}' is not an IPv4 address`);
  out.bytes(ipv4Bytes(s));
}

export function ipv4Bytes(s: string): number[] {
  return s.split('.').map(Number);
}

export function ipv6Bytes(s: string): number[] {
  let str = s;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(str);
  if (v4) {
    tail.push(...ipv4Bytes(v4[1]!));
    str = str.slice(0, -v4[1]!.length) + '0:0';
  }
  const [head, rest] = str.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out: number[] = [];
  for (const g of groups) {
    const v = parseInt(g, 16);
    out.push(v >>> 8, v & 0xff);
  }
  if (tail.length) out.splice(12, 4, ...tail);
  return out;
}

function ipv6(r: Reader, what: string, out: Bytes): void {
  const s = r.word(what);
  if (!isIPv6(s)) r.fail(`'${clipped(s, 60)}' is not an IPv6 address`);
  out.bytes(ipv6Bytes(s));
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
export function hexBytes(r: Reader, s: string, what: string): Uint8Array {
  if (!HEX.test(s)) r.fail(/^[0-9a-fA-F]*$/.test(s) ? `the ${what} has an odd number of hex digits` : `the ${what} must be hexadecimal digits`);
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export function base64Bytes(r: Reader, s: string, what: string): Uint8Array {
  if (!B64.test(s)) r.fail(`the ${what} is not valid base64`);
  return Uint8Array.from(Buffer.from(s, 'base64'));
}

const B32_ALPHABET = '0123456789abcdefghijklmnopqrstuv';
/** base32hex without padding (RFC 4648 §7), as NSEC3 writes hashed owner names. */
function base32hexBytes(r: Reader, s: string, what: string): Uint8Array {
  const lower = s.toLowerCase();
  if (!/^[0-9a-v]*$/.test(lower) || [1, 3, 6].includes(lower.length % 8)) r.fail(`the ${what} is not valid base32hex (digits 0–9 and letters a–v, no padding)`);
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of lower) {
    acc = (acc << 5) | B32_ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  if (acc & ((1 << bits) - 1)) r.fail(`the ${what} has stray bits at its end`);
  return Uint8Array.from(out);
}

/** A type mnemonic or TYPEnnn → number. */
export function typeCode(r: Reader, s: string): number {
  const t = lookupType(s);
  if (t) return t.code;
  const n = typeNumber(s);
  if (n !== undefined) return n;
  return r.fail(`'${clipped(s, 40)}' is not a record type`);
}

function typeBitmap(r: Reader, out: Bytes, required: boolean): void {
  const types: number[] = [];
  while (r.more) types.push(typeCode(r, r.word('type list')));
  if (required && types.length === 0) r.fail('the type list is empty', r.toks.length);
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  let k = 0;
  while (k < sorted.length) {
    const win = sorted[k]! >>> 8;
    const bits = new Uint8Array(32);
    let len = 0;
    while (k < sorted.length && sorted[k]! >>> 8 === win) {
      const lo = sorted[k]! & 0xff;
      bits[lo >>> 3]! |= 0x80 >>> (lo & 7);
      len = (lo >>> 3) + 1;
      k++;
    }
    out.u8(win);
    out.u8(len);
    out.bytes(bits.subarray(0, len));
  }
}

/** DNSSEC algorithm mnemonics BIND reads (dns_secalg_fromtext). */
const BIND_SECALGS: Record<string, number> = {
  RSAMD5: 1, DH: 2, DSA: 3, ECC: 4, RSASHA1: 5, NSEC3DSA: 6, NSEC3RSASHA1: 7, RSASHA256: 8, RSASHA512: 10, ECCGOST: 12,
  ECDSAP256SHA256: 13, ECDSAP384SHA384: 14, ED25519: 15, ED448: 16, INDIRECT: 252, PRIVATEDNS: 253, PRIVATEOID: 254,
};

export function algorithm(r: Reader, what = 'algorithm'): number {
  const s = r.word(what);
  if (/^[0-9]+$/.test(s)) {
    if (Number(s) > 255) r.fail(`the ${what} ${clipped(s, 40)} is out of range (at most 255)`);
    return Number(s);
  }
  const v = BIND_SECALGS[s.toUpperCase()];
  if (v === undefined) r.fail(`'${clipped(s, 40)}' is not a DNSSEC algorithm number or name`);
  return v;
}

const CERT_TYPES: Record<string, number> = { PKIX: 1, SPKI: 2, PGP: 3, IPKIX: 4, ISPKI: 5, IPGP: 6, ACPKIX: 7, IACPKIX: 8, URI: 253, OID: 254 };

/** RRSIG times: YYYYMMDDHHmmSS or seconds since 1970. */
function sigTime(r: Reader, what: string): number {
  const s = r.word(what);
  if (/^[0-9]{14}$/.test(s)) {
    const y = +s.slice(0, 4), mo = +s.slice(4, 6), d = +s.slice(6, 8), h = +s.slice(8, 10), mi = +s.slice(10, 12), se = +s.slice(12, 14);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) r.fail(`the ${what} ${clipped(s, 30)} is not a valid date`);
    return (Date.UTC(y, mo - 1, d, h, mi, se) / 1000) % 4294967296 >>> 0;
  }
  if (/^[0-9]{1,10}$/.test(s) && Number(s) <= 4294967295) return Number(s);
  return r.fail(`the ${what} must be YYYYMMDDHHmmSS or seconds since 1970, not '${clipped(s, 30)}'`);
}

/** LOC (RFC 1876) as BIND reads it. */
function loc(r: Reader, out: Bytes): void {
  const coord = (maxDeg: number, hemis: [string, string], what: string): number => {
    const deg = num(r, `${what} degrees`, maxDeg);
    let min = 0;
    let secMs = 0;
    let t = r.word(`${what} hemisphere`);
    if (/^[0-9]+$/.test(t)) {
      min = Number(t);
      if (min > 59) r.fail(`the ${what} minutes ${clipped(t, 20)} are out of range (0–59)`);
      t = r.word(`${what} hemisphere`);
      if (/^[0-9]+(\.[0-9]{1,3})?$/.test(t)) {
        secMs = Math.round(Number(t) * 1000);
        if (secMs >= 60000) r.fail(`the ${what} seconds ${clipped(t, 20)} are out of range (0–59.999)`);
        t = r.word(`${what} hemisphere`);
      }
    }
    const up = t.toUpperCase();
    if (up !== hemis[0] && up !== hemis[1]) r.fail(`expected ${hemis[0]} or ${hemis[1]}, not '${clipped(t, 20)}'`);
    const v = ((deg * 60 + min) * 60) * 1000 + secMs;
    if (v > maxDeg * 3600000) r.fail(`the ${what} is beyond ${maxDeg}°`);
    return up === hemis[0] ? 2 ** 31 + v : 2 ** 31 - v;
  };
  const lat = coord(90, ['N', 'S'], 'latitude');
  const lon = coord(180, ['E', 'W'], 'longitude');
  const meters = (what: string, min: number, max: number, def: number | undefined): number => {
    if (def !== undefined && !r.more) return def;
    const s = r.word(what);
    const m = /^(-?[0-9]+)(?:\.([0-9]{1,2}))?m?$/i.exec(s);
    if (!m) r.fail(`the ${what} must be a number of meters (up to two decimals), not '${clipped(s, 30)}'`);
    const cm = Number(m[1]) * 100 + (m[1]!.startsWith('-') ? -1 : 1) * Number((m[2] ?? '').padEnd(2, '0') || 0);
    // BIND bounds the altitude in centimetres, but the size and precisions by whole meters only.
    if (min < 0 ? cm < min || cm > max : Number(m[1]) * 100 > max) r.fail(`the ${what} ${clipped(s, 30)} is out of range`);
    return Math.min(cm, max);
  };
  const alt = meters('altitude', -10000000, 4284967295, undefined);
  const prec = (cm: number): number => {
    let e = 0;
    while (cm >= 10 && e < 9) {
      cm = Math.floor(cm / 10);
      e++;
    }
    return (cm << 4) | e;
  };
  const size = meters('size', 0, 9000000000, 100);
  const hp = meters('horizontal precision', 0, 9000000000, 1000000);
  const vp = meters('vertical precision', 0, 9000000000, 1000);
  out.u8(0);
  out.u8(prec(size));
  out.u8(prec(hp));
  out.u8(prec(vp));
  out.u32(lat);
  out.u32(lon);
  out.u32(alt + 10000000);
}

function apl(r: Reader, out: Bytes): void {
  while (r.more) {
    const s = r.word('APL item');
    const m = /^(!?)([0-9]+):([^/]*)\/(.*)$/.exec(s);
    if (!m) r.fail(`'${clipped(s, 40)}' is not an APL item ([!]family:address/prefix)`);
    const fam = Number(m[2]);
    if (fam !== 1 && fam !== 2) r.fail(`address family ${clipped(m[2]!, 20)} is not 1 (IPv4) or 2 (IPv6)`);
    const addr = fam === 1 ? (isIPv4(m[3]!) ? ipv4Bytes(m[3]!) : r.fail(`'${clipped(m[3]!, 60)}' is not an IPv4 address`)) : isIPv6(m[3]!) ? ipv6Bytes(m[3]!) : r.fail(`'${clipped(m[3]!, 60)}' is not an IPv6 address`);
    if (!/^[0-9]+$/.test(m[4]!)) r.fail(`the prefix length '${clipped(m[4]!, 20)}' is not a number`);
    const prefix = Number(m[4]);
    if (prefix > (fam === 1 ? 32 : 128)) r.fail(`prefix length ${clipped(m[4]!, 20)} is too long`);
    let len = addr.length;
    while (len > 0 && addr[len - 1] === 0) len--;
    out.u16(fam);
    out.u8(prefix);
    out.u8((m[1] ? 0x80 : 0) | len);
    out.bytes(addr.slice(0, len));
  }
}

function ipseckey(r: Reader, out: Bytes): void {
  out.u8(num(r, 'precedence', 255));
  const gt = num(r, 'gateway type', 3);
  out.u8(gt);
  out.u8(num(r, 'algorithm', 255));
  if (gt === 0) {
    const g = r.word('gateway');
    if (g !== '.') r.fail("gateway type 0 has no gateway: write '.'");
  } else if (gt === 1) ipv4(r, 'gateway', out);
  else if (gt === 2) ipv6(r, 'gateway', out);
  else name(r, 'gateway', out);
  out.bytes(base64Bytes(r, r.rest('public key'), 'public key'));
}

/** Layouts checked and encoded here (the others are in rrtypes' field table and dns-packet). */
const ENCODERS: Record<string, (r: Reader, out: Bytes) => void> = {
  A: (r, o) => ipv4(r, 'address', o),
  AAAA: (r, o) => ipv6(r, 'address', o),
  NS: (r, o) => name(r, 'name server', o),
  MD: (r, o) => name(r, 'name', o),
  MF: (r, o) => name(r, 'name', o),
  CNAME: (r, o) => name(r, 'target', o),
  MB: (r, o) => name(r, 'name', o),
  MG: (r, o) => name(r, 'name', o),
  MR: (r, o) => name(r, 'name', o),
  PTR: (r, o) => name(r, 'target', o),
  DNAME: (r, o) => name(r, 'target', o),
  'NSAP-PTR': (r, o) => name(r, 'name', o),
  SOA: (r, o) => {
    name(r, 'primary server', o);
    name(r, 'mailbox', o);
    o.u32(num(r, 'serial', 4294967295));
    for (const w of ['refresh', 'retry', 'expire', 'minimum']) {
      const s = r.word(w);
      o.u32(/^[0-9]+$/.test(s) ? Number(s) : ttlSeconds(s));
    }
  },
  HINFO: (r, o) => (charString(r, 'cpu', o), charString(r, 'os', o)),
  MINFO: (r, o) => (name(r, 'mailbox', o), name(r, 'error mailbox', o)),
  MX: (r, o) => (o.u16(num(r, 'preference', 65535)), name(r, 'exchange', o)),
  RT: (r, o) => (o.u16(num(r, 'preference', 65535)), name(r, 'host', o)),
  KX: (r, o) => (o.u16(num(r, 'preference', 65535)), name(r, 'exchanger', o)),
  AFSDB: (r, o) => (o.u16(num(r, 'subtype', 65535)), name(r, 'hostname', o)),
  LP: (r, o) => (o.u16(num(r, 'preference', 65535)), name(r, 'name', o)),
  TXT: (r, o) => {
    do charString(r, 'text', o);
    while (r.more);
  },
  RP: (r, o) => (name(r, 'mailbox', o), name(r, 'text name', o)),
  X25: (r, o) => charString(r, 'address', o),
  ISDN: (r, o) => {
    charString(r, 'address', o);
    if (r.more) charString(r, 'subaddress', o);
  },
  PX: (r, o) => (o.u16(num(r, 'preference', 65535)), name(r, 'map822', o), name(r, 'mapx400', o)),
  GPOS: (r, o) => {
    for (const w of ['longitude', 'latitude', 'altitude']) {
      const t = r.token(w);
      const b = r.bytesOf(t);
      if (!/^[-+]?[0-9]*\.?[0-9]*$/.test(Buffer.from(b).toString('latin1'))) r.fail(`the ${w} must be a decimal number`);
      o.u8(b.length);
      o.bytes(b);
    }
  },
  SRV: (r, o) => (o.u16(num(r, 'priority', 65535)), o.u16(num(r, 'weight', 65535)), o.u16(num(r, 'port', 65535)), name(r, 'target', o)),
  NAPTR: (r, o) => {
    o.u16(num(r, 'order', 65535));
    o.u16(num(r, 'preference', 65535));
    charString(r, 'flags', o);
    charString(r, 'services', o);
    charString(r, 'regexp', o);
    name(r, 'replacement', o);
  },
  KEY: (r, o) => {
    const flags = num(r, 'flags', 65535);
    o.u16(flags);
    o.u8(num(r, 'protocol', 255));
    o.u8(algorithm(r));
    // RFC 2535 §3.1.2: with the "no key" bits (0xC000) set there is no key.
    if ((flags & 0xc000) === 0xc000) r.end('KEY');
    else o.bytes(base64Bytes(r, r.rest('public key'), 'public key'));
  },
  DNSKEY: (r, o) => (o.u16(num(r, 'flags', 65535)), o.u8(num(r, 'protocol', 255)), o.u8(algorithm(r)), o.bytes(base64Bytes(r, r.rest('public key'), 'public key'))),
  CDNSKEY: (r, o) => (o.u16(num(r, 'flags', 65535)), o.u8(num(r, 'protocol', 255)), o.u8(algorithm(r)), o.bytes(base64Bytes(r, r.rest('public key'), 'public key'))),
  RKEY: (r, o) => (o.u16(num(r, 'flags', 65535)), o.u8(num(r, 'protocol', 255)), o.u8(algorithm(r)), o.bytes(base64Bytes(r, r.rest('public key'), 'public key'))),
  DS: (r, o) => ds(r, o),
  CDS: (r, o) => ds(r, o),
  TA: (r, o) => ds(r, o),
  DLV: (r, o) => ds(r, o),
  SSHFP: (r, o) => (o.u8(num(r, 'algorithm', 255)), o.u8(num(r, 'fingerprint type', 255)), o.bytes(hexBytes(r, r.rest('fingerprint', true), 'fingerprint'))),
  TLSA: (r, o) => tlsa(r, o),
  SMIMEA: (r, o) => tlsa(r, o),
  DHCID: (r, o) => o.bytes(base64Bytes(r, r.rest('digest'), 'digest')),
  OPENPGPKEY: (r, o) => o.bytes(base64Bytes(r, r.rest('public key'), 'public key')),
  CERT: (r, o) => {
    const t = r.word('certificate type');
    const v = /^[0-9]+$/.test(t) ? Number(t) : CERT_TYPES[t.toUpperCase()];
    if (v === undefined) r.fail(`'${clipped(t, 20)}' is not a certificate type (PKIX, SPKI, PGP, … or a number)`);
    if (v > 65535) r.fail(`the certificate type ${clipped(t, 40)} is out of range (at most 65535)`);
    o.u16(v);
    o.u16(num(r, 'key tag', 65535));
    o.u8(algorithm(r));
    o.bytes(base64Bytes(r, r.rest('certificate'), 'certificate'));
  },
  IPSECKEY: ipseckey,
  RRSIG: (r, o) => rrsig(r, o),
  SIG: (r, o) => rrsig(r, o),
  NSEC: (r, o) => (name(r, 'next name', o), typeBitmap(r, o, true)),
  NSEC3: (r, o) => {
    o.u8(num(r, 'hash algorithm', 255));
    o.u8(num(r, 'flags', 255));
    o.u16(num(r, 'iterations', 65535));
    salt(r, o);
    const next = base32hexBytes(r, r.word('next hashed owner'), 'next hashed owner');
    if (next.length === 0) r.fail('the next hashed owner is empty');
    o.u8(next.length);
    o.bytes(next);
    typeBitmap(r, o, false);
  },
  NSEC3PARAM: (r, o) => (o.u8(num(r, 'hash algorithm', 255)), o.u8(num(r, 'flags', 255)), o.u16(num(r, 'iterations', 65535)), salt(r, o)),
  CSYNC: (r, o) => (o.u32(num(r, 'serial', 4294967295)), o.u16(num(r, 'flags', 65535)), typeBitmap(r, o, false)),
  ZONEMD: (r, o) => {
    o.u32(num(r, 'serial', 4294967295));
    o.u8(num(r, 'scheme', 255));
    const hash = num(r, 'hash algorithm', 255);
    o.u8(hash);
    const d = hexBytes(r, r.rest('digest'), 'digest');
    if (d.length < 12) r.fail(`the digest is ${d.length} bytes; ZONEMD digests are at least 12 (RFC 8976 §2.2.4)`, r.toks.length - 1);
    const want = ZONEMD_DIGEST[hash];
    if (want !== undefined && d.length < want) r.fail(`the digest is ${d.length} bytes; hash algorithm ${hash} (${hash === 1 ? 'SHA-384' : 'SHA-512'}) digests are ${want}`, r.toks.length - 1);
    o.bytes(d);
  },
  LOC: loc,
  APL: apl,
  NID: (r, o) => (o.u16(num(r, 'preference', 65535)), o.bytes(ilnp64(r, 'node id'))),
  L64: (r, o) => (o.u16(num(r, 'preference', 65535)), o.bytes(ilnp64(r, 'locator'))),
  L32: (r, o) => (o.u16(num(r, 'preference', 65535)), ipv4(r, 'locator', o)),
  EUI48: (r, o) => o.bytes(eui(r, 6)),
  EUI64: (r, o) => o.bytes(eui(r, 8)),
  URI: (r, o) => {
    o.u16(num(r, 'priority', 65535));
    o.u16(num(r, 'weight', 65535));
    const t = r.token('target');
    if (!t.quoted) r.fail('the URI target must be a quoted string');
    o.bytes(r.bytesOf(t));
  },
  CAA: (r, o) => {
    o.u8(num(r, 'flags', 255));
    const tag = r.word('tag');
    if (!/^[A-Za-z0-9]+$/.test(tag)) r.fail(`CAA tag '${clipped(tag, 20)}' must be letters and digits only`);
    o.u8(tag.length);
    o.bytes(Buffer.from(tag, 'latin1'));
    o.bytes(r.bytesOf(r.token('value')));
  },
  SPF: (r, o) => {
    do charString(r, 'text', o);
    while (r.more);
  },
  AVC: (r, o) => {
    do charString(r, 'text', o);
    while (r.more);
  },
  RESINFO: (r, o) => {
    do charString(r, 'text', o);
    while (r.more);
  },
  WALLET: (r, o) => {
    do charString(r, 'text', o);
    while (r.more);
  },
  NINFO: (r, o) => {
    do charString(r, 'text', o);
    while (r.more);
  },
  TALINK: (r, o) => (name(r, 'previous name', o), name(r, 'next name', o)),
  NSAP: (r, o) => {
    const s = r.word('NSAP address');
    const hex = s.replace(/\./g, '');
    if (!/^0x/i.test(s) || hex.length <= 2) r.fail("an NSAP address starts with 0x and holds hex digits, e.g. 0x47.0005.80");
    o.bytes(hexBytes(r, hex.slice(2), 'NSAP address'));
  },
  EID: (r, o) => o.bytes(hexBytes(r, r.rest('endpoint identifier'), 'endpoint identifier')),
  NIMLOC: (r, o) => o.bytes(hexBytes(r, r.rest('nimrod locator'), 'nimrod locator')),
  ATMA: (r, o) => {
    const s = r.word('ATM address');
    if (s.startsWith('+')) {
      if (!/^\+[0-9]+$/.test(s)) r.fail('an E.164 ATM address is + followed by digits');
      o.u8(1);
      o.bytes(Buffer.from(s.slice(1), 'latin1'));
    } else {
      const hex = s.replace(/\./g, '');
      o.u8(0);
      o.bytes(hexBytes(r, hex, 'ATM address'));
    }
  },
  SINK: (r, o) => (o.u8(num(r, 'meaning', 255)), o.u8(num(r, 'coding', 255)), o.u8(num(r, 'subcoding', 255)), o.bytes(base64Bytes(r, r.rest('data', true), 'data'))),
  AMTRELAY: (r, o) => {
    o.u8(num(r, 'precedence', 255));
    const d = r.word('discovery optional');
    if (d !== '0' && d !== '1') r.fail('the discovery-optional field is 0 or 1');
    const type = num(r, 'relay type', 127);
    o.u8((d === '1' ? 0x80 : 0) | type);
    if (type === 0) {
      const g = r.word('relay');
      if (g !== '.') r.fail("relay type 0 has no relay: write '.' (RFC 8777 §4.2)");
    } else if (type === 1) ipv4(r, 'relay', o);
    else if (type === 2) ipv6(r, 'relay', o);
    else if (type === 3) name(r, 'relay', o);
    else r.fail(`relay type ${type} is not 0–3`);
  },
  DOA: (r, o) => {
    o.u32(num(r, 'enterprise', 4294967295));
    o.u32(num(r, 'type', 4294967295));
    o.u8(num(r, 'location', 255));
    charString(r, 'media type', o);
    const d = r.word('data');
    if (d !== '-') o.bytes(base64Bytes(r, d + r.rest('data', true), 'data'));
  },
  DSYNC: (r, o) => {
    o.u16(typeCode(r, r.word('RR type')));
    const s = r.word('scheme');
    const v = /^[0-9]+$/.test(s) ? Number(s) : s.toUpperCase() === 'NOTIFY' ? 1 : undefined;
    if (v === undefined || v > 255) r.fail(`'${clipped(s, 20)}' is not a DSYNC scheme (NOTIFY or a number 0–255)`);
    o.u8(v!);
    o.u16(num(r, 'port', 65535));
    name(r, 'target', o);
  },
  HIP: (r, o) => {
    const at = o.length;
    o.u8(0);
    o.u8(algorithm(r, 'PK algorithm'));
    o.u16(0);
    const hit = hexBytes(r, r.word('HIT'), 'HIT');
    if (hit.length === 0 || hit.length > 255) r.fail('the HIT must be 1–255 bytes');
    const pk = base64Bytes(r, r.word('public key'), 'public key');
    o.bytes(hit);
    o.bytes(pk);
    while (r.more) name(r, 'rendezvous server', o);
    void at;
  },
  WKS: (r, o) => {
    ipv4(r, 'address', o);
    const p = r.word('protocol');
    const proto = /^[0-9]+$/.test(p) ? Number(p) : ({ tcp: 6, udp: 17 } as Record<string, number>)[p.toLowerCase()];
    if (proto === undefined || proto > 255) r.fail(`'${clipped(p, 20)}' is not a protocol (tcp, udp or a number)`);
    o.u8(proto);
    const ports: number[] = [];
    while (r.more) {
      const s = r.word('service');
      const v = /^[0-9]+$/.test(s) ? Number(s) : WKS_SERVICES[s.toLowerCase()];
      if (v === undefined || v > 65535) r.fail(`'${clipped(s, 20)}' is not a port number or a known service name`);
      ports.push(v);
    }
    let top = -1;
    for (const p of ports) if (p > top) top = p;
    const bits = new Uint8Array(top >= 0 ? (top >>> 3) + 1 : 0);
    for (const p of ports) bits[p >>> 3]! |= 0x80 >>> (p & 7);
    o.bytes(bits);
  },
  SVCB: (r, o) => svcb(r, o),
  HTTPS: (r, o) => svcb(r, o),
  UNSPEC: (r) => r.fail('UNSPEC records can only be written in the generic form \\# <length> <hex>', 0),
  NULL: (r) => r.fail('NULL records can only be written in the generic form \\# <length> <hex>', 0),
};

/** Service names BIND finds in a usual /etc/services (it asks getservbyname). */
const WKS_SERVICES: Record<string, number> = {
  tcpmux: 1, echo: 7, discard: 9, systat: 11, daytime: 13, netstat: 15, qotd: 17, chargen: 19, 'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25,
  time: 37, nameserver: 42, whois: 43, tacacs: 49, domain: 53, bootps: 67, bootpc: 68, tftp: 69, gopher: 70, finger: 79, http: 80, www: 80, kerberos: 88,
  pop2: 109, pop3: 110, sunrpc: 111, auth: 113, sftp: 115, nntp: 119, ntp: 123, 'netbios-ns': 137, imap: 143, imap2: 143, snmp: 161, bgp: 179, irc: 194,
  ldap: 389, https: 443, submission: 587, ldaps: 636, imaps: 993, pop3s: 995,
};

function ttlSeconds(s: string): number {
  let total = 0;
  for (const m of s.matchAll(/([0-9]+)([smhdw]?)/gi)) total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as Record<string, number>)[m[2]!.toLowerCase()]!;
  return total;
}

function ds(r: Reader, o: Bytes): void {
  o.u16(num(r, 'key tag', 65535));
  o.u8(algorithm(r));
  o.u8(num(r, 'digest type', 255));
  o.bytes(hexBytes(r, r.rest('digest'), 'digest'));
}

function tlsa(r: Reader, o: Bytes): void {
  o.u8(num(r, 'usage', 255));
  o.u8(num(r, 'selector', 255));
  o.u8(num(r, 'matching type', 255));
  o.bytes(hexBytes(r, r.rest('certificate data'), 'certificate data'));
}

function salt(r: Reader, o: Bytes): void {
  const s = r.word('salt');
  const b = s === '-' ? new Uint8Array(0) : hexBytes(r, s, 'salt');
  if (s !== '-' && b.length === 0) r.fail("an empty salt is written '-'");
  if (b.length > 255) r.fail('the salt is over 255 bytes');
  o.u8(b.length);
  o.bytes(b);
}

function rrsig(r: Reader, o: Bytes): void {
  o.u16(typeCode(r, r.word('type covered')));
  o.u8(algorithm(r));
  o.u8(num(r, 'labels', 255));
  o.u32(num(r, 'original TTL', 4294967295));
  o.u32(sigTime(r, 'expiration'));
  o.u32(sigTime(r, 'inception'));
  o.u16(num(r, 'key tag', 65535));
  name(r, 'signer', o);
  o.bytes(base64Bytes(r, r.rest('signature'), 'signature'));
}

function ilnp64(r: Reader, what: string): number[] {
  const s = r.word(what);
  if (!/^[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){3}$/.test(s)) r.fail(`the ${what} must be four groups of hex digits separated by ':' (like 0014:4fff:ff20:ee64)`);
  return s.split(':').flatMap((g) => [parseInt(g, 16) >>> 8, parseInt(g, 16) & 0xff]);
}

function eui(r: Reader, n: number): number[] {
  const s = r.word(`EUI-${n * 8} address`);
  if (!new RegExp(`^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){${n - 1}}$`).test(s)) r.fail(`'${clipped(s, 40)}' is not an EUI-${n * 8} address (${n} hex pairs separated by '-')`);
  return s.split('-').map((h) => parseInt(h, 16));
}

function svcb(r: Reader, o: Bytes): void {
  const priority = num(r, 'priority', 65535);
  o.u16(priority);
  name(r, 'target', o);
  encodeSvcParams(r, o, priority === 0);
}

/** True when this module encodes the type (by mnemonic). */
export function hasEncoder(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(ENCODERS, type);
}

/** Encodes presentation rdata; throws RdataSyntaxError. */
export function encodeRdata(type: string, text: string, toks: readonly Token[], origin: string): Uint8Array {
  const enc = ENCODERS[type];
  if (!enc) throw new Error(`wire encoding of ${type} is not supported`);
  const r = new Reader(text, toks, origin);
  const o = new Bytes();
  enc(r, o);
  r.end(type);
  if (o.length > 65535) throw new RdataSyntaxError(`the rdata is ${o.length} bytes; at most 65535 fit in a record`, 0, toks.length - 1);
  return o.done();
}
