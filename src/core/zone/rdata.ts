import type { Finding } from '../findings';
import { unescapedLength } from './charString';
import { isIPv4, isIPv6 } from '../net/ip';
import { checkName, resolveName } from './names';
import { clipped } from '../text/visible';
import { DNSSEC_ALGORITHMS, type FieldKind, type RRType } from './rrtypes';
import { genericWireProblem } from './genericWire';
import { encodeRdata, hasEncoder, RdataSyntaxError } from './rdataEncode';
import { innerEnd, innerStart, rawText } from './tokens';
import { parseTtl } from './ttl';
import type { Token, ZoneRecord } from './types';

/** A domain name found in rdata (an MX exchange, a CNAME target…). */
export interface RdataName {
  /** Absolute name. */
  name: string;
  /** As written. */
  raw: string;
  token: Token;
  field: string;
}

const MAX = { u8: 255, u16: 65535, u32: 4294967295 } as const;

/**
 * Types whose layout the field table checks in full: they skip the complete encoder, which
 * keeps the common records of a large zone cheap. Every other type mailsec knows is read
 * by rdataEncode exactly as BIND reads it.
 */
const FIELD_CHECKED = new Set(['A', 'AAAA', 'NS', 'CNAME', 'PTR', 'MX', 'TXT', 'SPF', 'SOA', 'SRV', 'CAA', 'DNAME']);
/** Known types whose rdata may be empty (so `\# 0` is fine for them). */
const EMPTY_RDATA_OK = new Set(['NULL', 'APL', 'EID', 'NIMLOC', 'UNSPEC']);
const CAA_TAGS = new Set(['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc', 'contactemail', 'contactphone']);
const HEX_RE = /^[0-9a-fA-F]*$/;
const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Digest lengths BIND enforces (bytes), by type and digest/fingerprint type. */
const DIGEST_BYTES: Record<string, Record<number, number>> = {
  DS: { 1: 20, 2: 32, 4: 48 },
  CDS: { 1: 20, 2: 32, 4: 48 },
  SSHFP: { 1: 20, 2: 32 },
};

function err(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: 'error', message, span: { start, end } };
}

function article(s: string): string {
  return /^[aeiou]/i.test(s) ? 'an' : 'a';
}

/**
 * Checks a record's rdata against its type's layout, as BIND would when loading the
 * zone: field count, numbers in range, addresses, names, strings, hex/base64. Reports
 * through `report`; returns the domain names found in the rdata.
 */
export function checkRdata(text: string, rec: ZoneRecord, rrtype: RRType, report: (f: Finding) => void): RdataName[] {
  const toks = rec.rdata;
  const names: RdataName[] = [];
  let reported = false;
  const outer = report;
  report = (f) => {
    if (f.severity === 'error') reported = true;
    outer(f);
  };
  const entryEnd = toks.length ? toks[toks.length - 1]!.end : rec.typeSpan.end;
  const typeName = rec.type;
  let i = 0;
  const fields = rrtype.fields;
  for (let f = 0; f < fields.length; f++) {
    const [kind, label] = fields[f]!;
    if (kind === 'any') {
      i = toks.length;
      break;
    }
    if (i >= toks.length) {
      if (kind === 'hex?') break;
      const missing = fields.slice(f).filter(([k]) => k !== 'any' && k !== 'hex?').map(([, l]) => `<${l}>`);
      const layout = fields.filter(([k]) => k !== 'any').map(([, l]) => `<${l}>`).join(' ');
      report(err('zone-missing-rdata', `${typeName} needs ${layout}; ${missing.join(' ')} ${missing.length === 1 ? 'is' : 'are'} missing.`, rec.typeSpan.start, entryEnd));
      return names;
    }
    if (isRestKind(kind)) {
      checkRest(text, rec, kind, toks.slice(i), label, report);
      i = toks.length;
      break;
    }
    const tok = toks[i++]!;
    const raw = rawText(text, tok);
    checkField(text, rec, kind, label, tok, raw, names, report);
  }
  if (i < toks.length) {
    const extra = toks.slice(i);
    report(err('zone-extra-rdata', `Extra text after the ${typeName} data: '${clipped(text.slice(extra[0]!.start, extra[extra.length - 1]!.end), 60)}'. A missing quote, or a comment without ';'?`, extra[0]!.start, extra[extra.length - 1]!.end));
  }
  checkDigestLength(text, rec, report);
  if (!reported && !FIELD_CHECKED.has(typeName) && hasEncoder(typeName)) checkEncoded(text, rec, report);
  return names;
}

/** Reads the rdata with the full encoder and reports the first problem, BIND's way. */
function checkEncoded(text: string, rec: ZoneRecord, report: (f: Finding) => void): void {
  const toks = rec.rdata;
  try {
    encodeRdata(rec.type, text, toks, rec.origin);
  } catch (e) {
    if ((e as { tag?: string }).tag !== 'RdataSyntaxError') throw e;
    const x = e as RdataSyntaxError;
    const code = rec.type === 'SVCB' || rec.type === 'HTTPS' ? 'zone-bad-svcparam' : x.token >= toks.length ? 'zone-missing-rdata' : 'zone-bad-rdata';
    const first = toks[Math.min(x.token, toks.length - 1)];
    const last = toks[Math.min(x.endToken, toks.length - 1)];
    const span = x.token >= toks.length || !first ? { start: rec.typeSpan.start, end: toks.length ? toks[toks.length - 1]!.end : rec.typeSpan.end } : { start: first.start, end: last!.end };
    report(err(code, `${rec.type}: ${x.message}.`, span.start, span.end));
    return;
  }
  if ((rec.type === 'SVCB' || rec.type === 'HTTPS') && toks.length > 2 && rawText(text, toks[0]!) === '0') {
    report({ code: 'zone-svcb-alias-params', severity: 'warning', message: `This ${rec.type} record is in AliasMode (priority 0), which takes no service parameters; clients ignore them (RFC 9460 §2.4.2).`, span: { start: toks[2]!.start, end: toks[toks.length - 1]!.end } });
  }
}

function isRestKind(kind: FieldKind): boolean {
  return kind === 'strs' || kind === 'hex' || kind === 'hex?' || kind === 'b64' || kind === 'rest';
}

function checkField(text: string, rec: ZoneRecord, kind: FieldKind, label: string, tok: Token, raw: string, names: RdataName[], report: (f: Finding) => void): void {
  switch (kind) {
    case 'u8':
    case 'u16':
    case 'u32': {
      if (!/^[0-9]+$/.test(raw)) {
        report(err('zone-bad-number', `The ${label} of ${article(rec.type)} ${rec.type} record must be a number from 0 to ${MAX[kind]}, not '${clipped(raw, 40)}'.`, tok.start, tok.end));
      } else if (Number(raw) > MAX[kind]) {
        report(err('zone-number-out-of-range', `The ${label} ${clipped(raw, 40)} is out of range: at most ${MAX[kind]}.`, tok.start, tok.end));
      }
      return;
    }
    case 'ttl': {
      const r = parseTtl(raw);
      if (!r.ok) report(err('zone-bad-number', `The SOA ${label} must be a number of seconds or a TTL like 1h: ${r.reason}.`, tok.start, tok.end));
      return;
    }
    case 'alg': {
      if (/^[0-9]+$/.test(raw)) {
        if (Number(raw) > 255) report(err('zone-number-out-of-range', `DNSSEC algorithm ${clipped(raw, 40)} is out of range: at most 255.`, tok.start, tok.end));
      } else if (DNSSEC_ALGORITHMS[raw.toUpperCase()] === undefined) {
        report(err('zone-bad-number', `'${clipped(raw, 40)}' is not a DNSSEC algorithm number or name (e.g. 13 or ECDSAP256SHA256).`, tok.start, tok.end));
      }
      return;
    }
    case 'ipv4':
      if (!isIPv4(raw)) report(err('zone-bad-ipv4', `'${clipped(raw, 60)}' is not an IPv4 address (four numbers 0–255 without leading zeros, like 192.0.2.1).`, tok.start, tok.end));
      return;
    case 'ipv6':
      if (!isIPv6(raw)) report(err('zone-bad-ipv6', `'${clipped(raw, 60)}' is not an IPv6 address (like 2001:db8::1).`, tok.start, tok.end));
      return;
    case 'name': {
      if (tok.quoted) {
        report(err('zone-bad-name', `The ${label} is a domain name and must not be quoted.`, tok.start, tok.end));
        return;
      }
      const abs = resolveName(raw, rec.origin);
      const p = checkName(abs, raw === '@' ? 0 : raw.length);
      if (p) {
        const inRaw = p.start < raw.length;
        report(err(p.code, p.message + (inRaw ? '' : ` (after appending the origin ${rec.origin})`), inRaw ? tok.start + p.start : tok.start, inRaw ? tok.start + Math.min(p.end, raw.length) : tok.end));
      }
      names.push({ name: abs, raw, token: tok, field: label });
      return;
    }
    case 'str': {
      const len = unescapedLength(text, innerStart(tok), innerEnd(text, tok));
      if (len < 0) {
        const at = -1 - len;
        report(err('zone-bad-escape', 'Bad escape: a backslash must be followed by a character or by exactly three digits 000–255.', at, Math.min(at + 4, tok.end)));
      } else if (len > 255 && rec.type !== 'CAA') {
        report(err('zone-string-too-long', `This string is ${len} bytes; a DNS character-string holds at most 255.`, tok.start, tok.end));
      }
      return;
    }
    case 'caatag':
      if (tok.quoted) report(err('zone-bad-caa-tag', 'The CAA tag must not be quoted.', tok.start, tok.end));
      else if (!/^[A-Za-z0-9]+$/.test(raw)) report(err('zone-bad-caa-tag', `CAA tag '${clipped(raw, 40)}' must be letters and digits only.`, tok.start, tok.end));
      else if (!CAA_TAGS.has(raw.toLowerCase())) report({ code: 'zone-unknown-caa-tag', severity: 'warning', message: `CAA tag '${clipped(raw, 40)}' is not one CAs know (issue, issuewild, iodef, issuemail, issuevmc); it will be ignored.`, span: { start: tok.start, end: tok.end } });
      return;
    case 'eui48':
    case 'eui64': {
      const groups = kind === 'eui48' ? 6 : 8;
      if (!new RegExp(`^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){${groups - 1}}$`).test(raw)) report(err('zone-bad-rdata', `'${clipped(raw, 40)}' is not an ${kind.toUpperCase()} address (${groups} hex pairs separated by '-').`, tok.start, tok.end));
      return;
    }
    case 'salt':
      if (raw !== '-' && (!HEX_RE.test(raw) || raw.length % 2 === 1)) report(err('zone-bad-hex', `NSEC3 salt must be '-' or an even number of hex digits.`, tok.start, tok.end));
      return;
    default:
      return;
  }
}

function checkRest(text: string, rec: ZoneRecord, kind: FieldKind, toks: Token[], label: string, report: (f: Finding) => void): void {
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  if (kind === 'strs') {
    for (const tok of toks) {
      const len = unescapedLength(text, innerStart(tok), innerEnd(text, tok));
      if (len < 0) {
        const at = -1 - len;
        report(err('zone-bad-escape', 'Bad escape: a backslash must be followed by a character or by exactly three digits 000–255.', at, Math.min(at + 4, tok.end)));
      }
      // Over-long strings are reported (with fixes) by the TXT checks.
    }
    return;
  }
  if (kind === 'hex' || kind === 'hex?') {
    const joined = toks.map((t) => rawText(text, t)).join('');
    if (!HEX_RE.test(joined)) report(err('zone-bad-hex', `The ${label} must be hexadecimal digits (0–9, a–f).`, first.start, last.end));
    else if (joined.length % 2 === 1) report(err('zone-bad-hex', `The ${label} has an odd number of hex digits; each byte needs two.`, first.start, last.end));
    return;
  }
  if (kind === 'b64') {
    const joined = toks.map((t) => rawText(text, t)).join('');
    if (!B64_RE.test(joined) || joined.length % 4 !== 0) report(err('zone-bad-base64', `The ${label} is not valid base64 (letters, digits, + and /, padded with = to a multiple of 4).`, first.start, last.end));
    return;
  }
  void rec;
}

function checkDigestLength(text: string, rec: ZoneRecord, report: (f: Finding) => void): void {
  const table = DIGEST_BYTES[rec.type];
  if (!table || rec.generic) return;
  const typeIndex = rec.type === 'SSHFP' ? 1 : 2;
  const hexStart = typeIndex + 1;
  if (rec.rdata.length <= hexStart) return;
  const digestType = Number(rawText(text, rec.rdata[typeIndex]!));
  const want = table[digestType];
  if (want === undefined) return;
  const hexToks = rec.rdata.slice(hexStart);
  const hex = hexToks.map((t) => rawText(text, t)).join('');
  if (HEX_RE.test(hex) && hex.length % 2 === 0 && hex.length / 2 !== want) {
    report(err('zone-bad-digest-length', `A ${rec.type} digest of type ${digestType} is ${want} bytes (${want * 2} hex digits), not ${hex.length / 2}.`, hexToks[0]!.start, hexToks[hexToks.length - 1]!.end));
  }
}

/** Checks RFC 3597 generic rdata `\# <length> <hex…>`. */
export function checkGenericRdata(text: string, rec: ZoneRecord, report: (f: Finding) => void): void {
  const toks = rec.rdata;
  const lenTok = toks[1];
  if (!lenTok) {
    report(err('zone-missing-rdata', 'Generic rdata needs a length after \\# (RFC 3597), e.g. \\# 4 c0000201.', toks[0]!.start, toks[0]!.end));
    return;
  }
  const lenRaw = rawText(text, lenTok);
  if (!/^[0-9]+$/.test(lenRaw) || Number(lenRaw) > 65535) {
    report(err('zone-bad-number', `The generic rdata length must be a number from 0 to 65535, not '${clipped(lenRaw, 40)}'.`, lenTok.start, lenTok.end));
    return;
  }
  const hexToks = toks.slice(2);
  const hex = hexToks.map((t) => rawText(text, t)).join('');
  const want = Number(lenRaw);
  if (!HEX_RE.test(hex) || hex.length % 2 === 1) {
    report(err('zone-bad-hex', 'Generic rdata must be hexadecimal digits, two per byte.', hexToks[0]?.start ?? lenTok.start, hexToks[hexToks.length - 1]?.end ?? lenTok.end));
  } else if (hex.length / 2 !== want) {
    report(err('zone-bad-rdata', `The generic rdata says ${want} bytes but holds ${hex.length / 2}.`, lenTok.start, hexToks[hexToks.length - 1]?.end ?? lenTok.end));
  } else if (want === 0 && rec.rrtype && !EMPTY_RDATA_OK.has(rec.rrtype.name)) {
    report(err('zone-missing-rdata', `${rec.rrtype.name} rdata cannot be empty; \\# 0 holds no data.`, toks[0]!.start, lenTok.end));
  } else if (rec.rrtype && want > 0) {
    // BIND decodes the bytes of a type it knows; so does mailsec, for the same structure.
    const problem = genericWireProblem(rec.rrtype.name, Uint8Array.from(Buffer.from(hex, 'hex')));
    if (problem) report(err('zone-bad-rdata', `These bytes are not valid ${rec.rrtype.name} data: ${problem}.`, toks[0]!.start, hexToks[hexToks.length - 1]!.end));
  }
}

/** True when the first rdata token is RFC 3597's `\#`. */
export function isGenericRdata(text: string, rec: ZoneRecord): boolean {
  const t = rec.rdata[0];
  return t !== undefined && !t.quoted && t.end - t.start === 2 && text.charCodeAt(t.start) === 92 && text.charCodeAt(t.start + 1) === 35;
}

