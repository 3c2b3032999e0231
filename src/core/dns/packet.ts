/**
 * DNS wire format, without sockets: building a query and deciding whether a datagram
 * is the answer to it (dns-packet does the encoding). The transport uses this; unit
 * tests feed it crafted buffers.
 */
import type * as DnsPacket from 'dns-packet';
import { dnsPacket } from '../lazy';
import type { DnsRecord, Rcode, RecordData, RecordType } from './types';
import { sameName } from './types';

/** EDNS0 UDP payload size we advertise: the DNS Flag Day 2020 value, safe from fragmentation. */
export const DEFAULT_UDP_PAYLOAD_SIZE = 1232;

export interface QuerySpec {
  id: number;
  name: string;
  type: RecordType;
}

export function encodeQuery(q: QuerySpec, udpPayloadSize = DEFAULT_UDP_PAYLOAD_SIZE): Buffer {
  return dnsPacket().encode({
    type: 'query',
    id: q.id,
    flags: dnsPacket().RECURSION_DESIRED,
    questions: [{ type: q.type, name: q.name, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  });
}

/** The same query framed for TCP (two-byte length prefix). */
export function encodeTcpQuery(q: QuerySpec, udpPayloadSize = DEFAULT_UDP_PAYLOAD_SIZE): Buffer {
  const body = encodeQuery(q, udpPayloadSize);
  const framed = Buffer.alloc(body.length + 2);
  framed.writeUInt16BE(body.length, 0);
  body.copy(framed, 2);
  return framed;
}

export interface DecodedResponse {
  id: number;
  rcode: Rcode;
  truncated: boolean;
  authoritative: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
}

export type ResponseCheck = { ok: true; response: DecodedResponse } | { ok: false; reason: string };

const RCODE_WORDS: Record<number, Rcode> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED',
  6: 'YXDOMAIN', 7: 'YXRRSET', 8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE',
};

export function rcodeWord(code: number): Rcode {
  return RCODE_WORDS[code] ?? `RCODE${code}`;
}

/**
 * Decodes a datagram and accepts it only if it answers `q`: a response, the same id,
 * and one question with the same name (compared case-insensitively), type and class.
 * Anything else is treated as spoofed or stray and must be ignored by the caller.
 */
export function checkResponse(buf: Buffer, q: QuerySpec): ResponseCheck {
  let p: DnsPacket.DecodedPacket;
  try {
    p = dnsPacket().decode(buf);
  } catch (e) {
    return { ok: false, reason: `undecodable packet (${e instanceof Error ? e.message : String(e)})` };
  }
  if (p.type !== 'response') return { ok: false, reason: 'not a response' };
  if (p.id !== q.id) return { ok: false, reason: `id ${p.id} does not match ${q.id}` };
  const questions = p.questions ?? [];
  if (questions.length !== 1) return { ok: false, reason: `${questions.length} questions instead of 1` };
  const question = questions[0]!;
  if (!sameName(question.name, q.name)) return { ok: false, reason: `question name ${question.name} does not match ${q.name}` };
  if (question.type !== q.type) return { ok: false, reason: `question type ${question.type} does not match ${q.type}` };
  if ((question.class ?? 'IN') !== 'IN') return { ok: false, reason: `question class ${question.class} is not IN` };
  const flags = p.flags ?? 0;
  return {
    ok: true,
    response: {
      id: p.id,
      rcode: rcodeWord(flags & 0x0f),
      truncated: p.flag_tc,
      authoritative: p.flag_aa,
      answers: (p.answers ?? []).filter((a) => a.type !== 'OPT').map(toRecord),
      authorities: (p.authorities ?? []).filter((a) => a.type !== 'OPT').map(toRecord),
    },
  };
}

function bufferText(b: string | Buffer): string {
  return typeof b === 'string' ? b : b.toString('utf8');
}

function toRecord(a: DnsPacket.Answer): DnsRecord {
  const ttl = 'ttl' in a && typeof a.ttl === 'number' ? a.ttl : 0;
  return { name: a.name, type: a.type, ttl, data: recordData(a) };
}

function recordData(a: DnsPacket.Answer): RecordData {
  switch (a.type) {
    case 'A': case 'AAAA': case 'CNAME': case 'DNAME': case 'NS': case 'PTR':
      return a.data;
    case 'TXT': {
      const d = a.data;
      return Array.isArray(d) ? d.map(bufferText) : [bufferText(d)];
    }
    case 'MX':
      return { preference: a.data.preference ?? 0, exchange: a.data.exchange };
    case 'SOA':
      return {
        mname: a.data.mname, rname: a.data.rname, serial: a.data.serial ?? 0, refresh: a.data.refresh ?? 0,
        retry: a.data.retry ?? 0, expire: a.data.expire ?? 0, minimum: a.data.minimum ?? 0,
      };
    case 'OPT':
      return {};
    default: {
      const d: unknown = a.data;
      if (Buffer.isBuffer(d)) return d.toString('hex');
      return JSON.parse(JSON.stringify(d, (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('hex') : v))) as Record<string, unknown>;
    }
  }
}
