import type * as DnsPacket from 'dns-packet';
import { dnsPacket } from '../lazy';
import { unescapeBytes } from './charString';
import { resolveName } from './names';
import { lookupType, DNSSEC_ALGORITHMS } from './rrtypes';
import { innerEnd, innerStart, rawText } from './tokens';
import type { ZoneRecord } from './types';

/**
 * The wire-format RDATA of a record (RFC 1035 §3.3), encoded with dns-packet's codecs:
 * used to prove that a fix leaves DNS data unchanged and to measure RDATA. Throws for
 * types dns-packet cannot encode (unless the rdata is RFC 3597 generic) and for data
 * that has no wire form (a character-string over 255 bytes).
 */
export function rdataWire(rec: ZoneRecord): Uint8Array {
  const text = rec.text;
  const toks = rec.rdata;
  const s = (i: number): string => rawText(text, toks[i]!);
  const name = (i: number): string => stripDot(resolveName(s(i), rec.origin));
  const hexRest = (from: number): Buffer => Buffer.from(toks.slice(from).map((t) => rawText(text, t)).join(''), 'hex');
  const b64Rest = (from: number): Buffer => Buffer.from(toks.slice(from).map((t) => rawText(text, t)).join(''), 'base64');
  const bytes = (i: number): Buffer => Buffer.from(unescapeBytes(text, innerStart(toks[i]!), innerEnd(text, toks[i]!)));
  const alg = (i: number): number => (/^[0-9]+$/.test(s(i)) ? Number(s(i)) : DNSSEC_ALGORITHMS[s(i).toUpperCase()]!);

  if (rec.generic) return hexRest(2);
  let data: unknown;
  switch (rec.type) {
    case 'A':
    case 'AAAA':
      data = s(0);
      break;
    case 'NS':
    case 'CNAME':
    case 'PTR':
    case 'DNAME':
      data = name(0);
      break;
    case 'MX':
      data = { preference: Number(s(0)), exchange: name(1) };
      break;
    case 'TXT':
    case 'SPF': {
      const parts = toks.map((_, i) => bytes(i));
      for (const p of parts) if (p.length > 255) throw new Error(`a character-string of ${p.length} bytes has no wire form`);
      data = parts;
      break;
    }
    case 'SOA':
      data = { mname: name(0), rname: name(1), serial: Number(s(2)), refresh: Number(s(3)), retry: Number(s(4)), expire: Number(s(5)), minimum: Number(s(6)) };
      break;
    case 'SRV':
      data = { priority: Number(s(0)), weight: Number(s(1)), port: Number(s(2)), target: name(3) };
      break;
    case 'CAA':
      data = { flags: Number(s(0)), tag: s(1), value: bytes(2).toString('utf8') };
      break;
    case 'TLSA':
      data = { usage: Number(s(0)), selector: Number(s(1)), matchingType: Number(s(2)), certificate: hexRest(3) };
      break;
    case 'SSHFP':
      data = { algorithm: Number(s(0)), hash: Number(s(1)), fingerprint: toks.slice(2).map((t) => rawText(text, t)).join('') };
      break;
    case 'DS':
      data = { keyTag: Number(s(0)), algorithm: alg(1), digestType: Number(s(2)), digest: hexRest(3) };
      break;
    case 'DNSKEY':
      data = { flags: Number(s(0)), algorithm: alg(2), key: b64Rest(3) };
      break;
    case 'NAPTR':
      data = { order: Number(s(0)), preference: Number(s(1)), flags: bytes(2).toString(), services: bytes(3).toString(), regexp: bytes(4).toString(), replacement: name(5) };
      break;
    case 'HINFO':
      data = { cpu: bytes(0).toString(), os: bytes(1).toString() };
      break;
    default:
      throw new Error(`wire encoding of ${rec.type} is not supported`);
  }
  const type = lookupType(rec.type)!.name as DnsPacket.RecordType;
  const answer = { type, name: 'x', ttl: rec.ttl, class: 'IN', data } as DnsPacket.Answer;
  // dns-packet exports its record codec as `answer`; @types/dns-packet does not declare it.
  const codec = (dnsPacket() as unknown as { answer: { encode(a: DnsPacket.Answer): Buffer } }).answer;
  const buf = codec.encode(answer);
  // name 'x' (3 bytes) + type, class (4) + ttl (4) + rdlength (2), then the rdata.
  return new Uint8Array(buf.subarray(3 + 4 + 4 + 2));
}

function stripDot(name: string): string {
  return name === '.' ? '.' : name.replace(/\.$/, '');
}

/**
 * What a record means in DNS, independent of how it is written: owner (lower-case),
 * TTL, class, type and the data — for TXT/SPF the joined bytes of its strings (which
 * is what verifiers see), for other types the rdata tokens with names made absolute.
 */
export function recordMeaning(rec: ZoneRecord): string {
  const text = rec.text;
  let data: string;
  if (rec.type === 'TXT' || rec.type === 'SPF') {
    data = Buffer.concat(rec.rdata.map((t) => Buffer.from(unescapeBytes(text, innerStart(t), innerEnd(text, t))))).toString('hex');
  } else {
    const t = lookupType(rec.type);
    data = rec.rdata
      .map((tok, i) => {
        const raw = rawText(text, tok);
        const kind = t?.fields[Math.min(i, t.fields.length - 1)]?.[0];
        return kind === 'name' ? resolveName(raw, rec.origin).toLowerCase() : raw;
      })
      .join(' ');
  }
  return `${rec.owner.toLowerCase()} ${rec.ttl} ${rec.class} ${rec.type} ${data}`;
}
