/**
 * CDS/CDNSKEY consistency at the zone apex, as BIND checks at load (RFC 7344, RFC 8078):
 * every CDS must be the digest of one of the zone's DNSKEYs, every CDNSKEY a copy of one,
 * except the "delete" records (CDS 0 0 0 00, CDNSKEY 0 3 0 AA==).
 */
import { createHash } from 'node:crypto';
import { Bytes, nameWire } from './rdataEncode';
import type { Span } from '../findings';

interface KeyRecord {
  type: string;
  wire: Uint8Array;
  ref: { span: Span; file: string | undefined };
}

/** RFC 4034 Appendix B key tag of DNSKEY rdata. */
export function keyTag(rdata: Uint8Array): number {
  if (rdata[3] === 1) return rdata.length >= 4 ? (rdata[rdata.length - 3]! << 8) | rdata[rdata.length - 2]! : 0;
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

const DIGESTS: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

const isDeleteCds = (w: Uint8Array): boolean => w.length === 5 && w.every((b) => b === 0);
const isDeleteCdnskey = (w: Uint8Array): boolean => w.length === 5 && w[0] === 0 && w[1] === 0 && w[2] === 3 && w[3] === 0 && w[4] === 0;

export function cdsProblems(apex: string, records: readonly KeyRecord[]): { message: string; ref: KeyRecord['ref'] }[] {
  const cds = records.filter((r) => r.type === 'CDS');
  const cdnskey = records.filter((r) => r.type === 'CDNSKEY');
  if (!cds.length && !cdnskey.length) return [];
  const keys = records.filter((r) => r.type === 'DNSKEY').map((r) => r.wire);
  const owner = new Bytes();
  nameWire(apex.toLowerCase(), '.', owner);
  const ownerWire = owner.done();
  const out: { message: string; ref: KeyRecord['ref'] }[] = [];
  for (const r of cds) {
    if (isDeleteCds(r.wire)) continue;
    const w = r.wire;
    const tag = (w[0]! << 8) | w[1]!;
    const alg = w[2]!;
    const hash = DIGESTS[w[3]!];
    const digest = Buffer.from(w.subarray(4)).toString('hex');
    const match = keys.some((k) => {
      if (k[3] !== alg || keyTag(k) !== tag) return false;
      if (!hash) return true; // a digest type BIND cannot compute: the key tag and algorithm decide
      return createHash(hash).update(ownerWire).update(k).digest('hex') === digest;
    });
    if (!match) out.push({ message: `This CDS matches none of the zone's DNSKEY records (key tag ${tag}, algorithm ${alg}); BIND refuses the zone ("CDS/CDNSKEY consistency checks failed").`, ref: r.ref });
  }
  for (const r of cdnskey) {
    if (isDeleteCdnskey(r.wire)) continue;
    const hex = Buffer.from(r.wire).toString('hex');
    if (!keys.some((k) => Buffer.from(k).toString('hex') === hex)) out.push({ message: 'This CDNSKEY is not a copy of any of the zone\'s DNSKEY records; BIND refuses the zone ("CDS/CDNSKEY consistency checks failed").', ref: r.ref });
  }
  return out;
}
