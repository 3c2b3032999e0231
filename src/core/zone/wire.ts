import { unescapeBytes } from './charString';
import { resolveName } from './names';
import { encodeRdata } from './rdataEncode';
import { lookupType } from './rrtypes';
import { innerEnd, innerStart, rawText } from './tokens';
import type { ZoneRecord } from './types';

/**
 * The wire-format RDATA of a record (RFC 1035 §3.3), encoded from its presentation form by
 * rdataEncode (the reader that checks it): used to prove that a fix leaves DNS data
 * unchanged, to measure RDATA and to compare with BIND. Throws for types mailsec cannot
 * encode (unless the rdata is RFC 3597 generic) and for data that has no wire form (a
 * character-string over 255 bytes).
 */
export function rdataWire(rec: ZoneRecord): Uint8Array {
  const text = rec.text;
  const toks = rec.rdata;
  if (rec.generic) return new Uint8Array(Buffer.from(toks.slice(2).map((t) => rawText(text, t)).join(''), 'hex'));
  return encodeRdata(rec.type, text, toks, rec.origin);
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
