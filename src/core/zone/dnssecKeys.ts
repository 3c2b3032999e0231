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

function digestOf(ownerWire: Uint8Array, key: Uint8Array, digestType: number): string | undefined {
  const hash = DIGESTS[digestType];
  return hash ? createHash(hash).update(ownerWire).update(key).digest('hex') : undefined;
}

/**
 * BIND refuses the zone (dns_zone_cdscheck) when a CDS or CDNSKEY names a DNSSEC algorithm
 * no DNSKEY has, when there is no DNSKEY at all, or when a delete record is not alone.
 * Beyond BIND, a CDS that is the digest of no DNSKEY, a CDNSKEY that copies none, and a
 * CDNSKEY without its CDS are warnings: the parent would install a DS that matches nothing.
 */
export function cdsProblems(apex: string, records: readonly KeyRecord[]): { message: string; ref: KeyRecord['ref']; severity: 'error' | 'warning' }[] {
  const cds = records.filter((r) => r.type === 'CDS');
  const cdnskey = records.filter((r) => r.type === 'CDNSKEY');
  if (!cds.length && !cdnskey.length) return [];
  const keys = records.filter((r) => r.type === 'DNSKEY').map((r) => r.wire);
  const owner = new Bytes();
  nameWire(apex.toLowerCase(), '.', owner);
  const ownerWire = owner.done();
  const out: { message: string; ref: KeyRecord['ref']; severity: 'error' | 'warning' }[] = [];
  const bind = (ref: KeyRecord['ref'], why: string): void => void out.push({ severity: 'error', ref, message: `${why}; BIND refuses the zone ("CDS/CDNSKEY consistency checks failed").` });
  const keyAlgs = new Set(keys.map((k) => k[3]!));
  for (const [set, isDelete, name, algAt] of [
    [cds, isDeleteCds, 'CDS', 2],
    [cdnskey, isDeleteCdnskey, 'CDNSKEY', 3],
  ] as const) {
    const deletes = set.filter((r) => isDelete(r.wire));
    if (deletes.length && deletes.length < set.length) bind(deletes[0]!.ref, `The ${name} delete record must be the only ${name} record`);
    for (const r of set) {
      if (isDelete(r.wire)) continue;
      const alg = r.wire[algAt]!;
      if (!keys.length) bind(r.ref, `This ${name} has no DNSKEY to match: the zone has no DNSKEY records`);
      else if (alg !== 253 && alg !== 254 && !keyAlgs.has(alg)) bind(r.ref, `This ${name} is for DNSSEC algorithm ${alg}, but no DNSKEY of the zone uses it`);
    }
  }
  if (!keys.length) return out;
  for (const r of cds) {
    if (isDeleteCds(r.wire)) continue;
    const w = r.wire;
    const digest = Buffer.from(w.subarray(4)).toString('hex');
    const known = DIGESTS[w[3]!] !== undefined;
    if (known && keyAlgs.has(w[2]!) && !keys.some((k) => digestOf(ownerWire, k, w[3]!) === digest)) {
      out.push({ severity: 'warning', ref: r.ref, message: `This CDS (key tag ${(w[0]! << 8) | w[1]!}) is the digest of none of the zone's DNSKEY records: the parent would publish a DS that validates nothing.` });
    }
  }
  for (const r of cdnskey) {
    if (isDeleteCdnskey(r.wire)) continue;
    const hex = Buffer.from(r.wire).toString('hex');
    if (keyAlgs.has(r.wire[3]!) && !keys.some((k) => Buffer.from(k).toString('hex') === hex)) {
      out.push({ severity: 'warning', ref: r.ref, message: "This CDNSKEY is not a copy of any of the zone's DNSKEY records: the parent would publish a DS that validates nothing." });
    } else if (cds.length && !cds.some((c) => !isDeleteCds(c.wire) && digestOf(ownerWire, r.wire, c.wire[3]!) === Buffer.from(c.wire.subarray(4)).toString('hex'))) {
      out.push({ severity: 'warning', ref: r.ref, message: 'This CDNSKEY has no matching CDS record: CDS and CDNSKEY should describe the same keys (RFC 7344 §4).' });
    }
  }
  return out;
}

/** BIND's checks of the apex NSEC3PARAM at load: a hash algorithm it supports (1, SHA-1) and at most 150 iterations. */
export function nsec3paramProblems(records: readonly KeyRecord[]): { message: string; ref: KeyRecord['ref'] }[] {
  const params = records.filter((r) => r.type === 'NSEC3PARAM');
  const out: { message: string; ref: KeyRecord['ref'] }[] = [];
  if (params.length && !params.some((p) => p.wire[0] === 1)) {
    out.push({ message: `NSEC3PARAM hash algorithm ${params[0]!.wire[0]} is not supported: the only NSEC3 hash is 1 (SHA-1, RFC 5155); BIND refuses the zone ("no supported nsec3 hash algorithm").`, ref: params[0]!.ref });
  }
  for (const p of params) {
    const iterations = (p.wire[2]! << 8) | p.wire[3]!;
    if (iterations > 150) out.push({ message: `NSEC3PARAM with ${iterations} iterations; BIND refuses more than 150, and RFC 9276 recommends 0.`, ref: p.ref });
  }
  return out;
}
