/**
 * A strict DER reading of an RSA SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 8017 A.1.1):
 *   SEQUENCE { SEQUENCE { OID rsaEncryption, NULL }, BIT STRING { SEQUENCE { INTEGER n, INTEGER e } } }
 * It answers the one question the DKIM checks ask of most keys — how many bits — without
 * OpenSSL, whose decoder costs about a millisecond per key (a zone can hold thousands).
 * Anything that is not exactly this shape returns undefined, and the caller asks OpenSSL.
 */

const RSA_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function tlv(b: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = b[at]!;
  let len = b[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | b[p + i]!;
    if (len < 0x80 || (n > 1 && b[p] === 0)) return undefined; // not minimal (DER)
    p += n;
  }
  if (p + len > limit) return undefined;
  return { tag, start: p, end: p + len };
}

/** A positive, minimally encoded INTEGER; returns its bit length. */
function positiveIntegerBits(b: Uint8Array, t: Tlv): number | undefined {
  if (t.tag !== 0x02 || t.end <= t.start) return undefined;
  let i = t.start;
  if (b[i]! & 0x80) return undefined; // negative
  if (b[i] === 0) {
    if (t.end - i === 1 || !(b[i + 1]! & 0x80)) return undefined; // zero, or a needless leading zero
    i++;
  }
  const lead = b[i]!;
  return (t.end - i - 1) * 8 + (32 - Math.clz32(lead));
}

/** Modulus bits of a well-formed RSA SPKI with nothing after it, else undefined. */
export function rsaSpkiModulusBits(der: Uint8Array): number | undefined {
  const outer = tlv(der, 0, der.length);
  if (!outer || outer.tag !== 0x30 || outer.end !== der.length) return undefined;
  const alg = tlv(der, outer.start, outer.end);
  if (!alg || alg.tag !== 0x30) return undefined;
  const oid = tlv(der, alg.start, alg.end);
  if (!oid || oid.tag !== 0x06 || oid.end - oid.start !== RSA_OID.length) return undefined;
  for (let i = 0; i < RSA_OID.length; i++) if (der[oid.start + i] !== RSA_OID[i]) return undefined;
  const nul = tlv(der, oid.end, alg.end);
  if (!nul || nul.tag !== 0x05 || nul.end !== nul.start || nul.end !== alg.end) return undefined;
  const bits = tlv(der, alg.end, outer.end);
  if (!bits || bits.tag !== 0x03 || bits.end !== outer.end || der[bits.start] !== 0) return undefined;
  const key = tlv(der, bits.start + 1, bits.end);
  if (!key || key.tag !== 0x30 || key.end !== bits.end) return undefined;
  const n = tlv(der, key.start, key.end);
  if (!n) return undefined;
  const e = tlv(der, n.end, key.end);
  if (!e || e.end !== key.end) return undefined;
  const nBits = positiveIntegerBits(der, n);
  const eBits = positiveIntegerBits(der, e);
  // An even modulus or an exponent below 3 is no RSA key; let OpenSSL say what it is.
  if (nBits === undefined || eBits === undefined || (der[n.end - 1]! & 1) === 0 || eBits < 2 || (der[e.end - 1]! & 1) === 0) return undefined;
  return nBits;
}
