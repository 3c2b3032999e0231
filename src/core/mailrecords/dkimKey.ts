/**
 * The public key of a DKIM key record (the p= value): base64 checks, then decoding with
 * node:crypto — RSA as SubjectPublicKeyInfo (RFC 6376 in practice), PKCS#1 noticed as a
 * mistake, ed25519 as the raw 32-byte key of RFC 8463, private keys caught.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Finding, Span } from '../findings';
import { finding, quote, span } from './finding';
import { rsaSpkiModulusBits } from './rsaSpki';

export type DkimKeyFormat = 'spki' | 'pkcs1' | 'raw-ed25519';

export interface DkimKeyInfo {
  /** RSA modulus bits, or 256 for an ed25519 key. */
  bits?: number;
  format?: DkimKeyFormat;
  /** What the bytes turned out to be, whatever k= says. */
  actualType?: string;
}

/** DER prefix of an ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Checks the base64 of p= (value = the whole record, valueSpan = p='s value) and returns
 * the decoded bytes, or undefined when they cannot be trusted (findings say why).
 */
export function decodeKeyBase64(value: string, valueSpan: Span, findings: Finding[]): Buffer | undefined {
  let count = 0;
  let padding = 0;
  for (let i = valueSpan.start; i < valueSpan.end; i++) {
    const code = value.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13 || code === 10) continue; // FWS
    if (code === 61) { padding++; count++; continue; }
    const b64 = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
    if (padding > 0 || !b64) {
      const c = value[i]!;
      const hint = c === '"'
        ? ' A stray quote usually means the TXT strings were split or joined by hand; the key must be the bare base64 text.'
        : c === '-' || c === '_'
          ? ' "-" and "_" belong to base64url; DKIM uses standard base64 ("+" and "/").'
          : padding > 0 ? ' "=" padding may only appear at the very end.' : '';
      findings.push(finding('dkim-bad-base64', 'error',
        `p= contains ${quote(c)}, which is not base64; verifiers cannot read the key.${hint}`, span(i, i + 1)));
      return undefined;
    }
    count++;
  }
  if (padding > 2) {
    findings.push(finding('dkim-bad-base64', 'error', `p= ends with ${padding} "=" characters; base64 has at most 2. The key is damaged.`, valueSpan));
    return undefined;
  }
  const b64 = value.slice(valueSpan.start, valueSpan.end).replace(/[ \t\r\n]+/g, '');
  if (count % 4 !== 0) {
    if (count % 4 === 1 || padding > 0) {
      findings.push(finding('dkim-bad-base64', 'error',
        `p= has ${count} base64 characters, which cannot be complete base64: the key is truncated (a lost TXT string?). Publish the whole key.`,
        valueSpan, { length: count }));
      return undefined;
    }
    findings.push(finding('dkim-base64-padding', 'warning',
      `p= lacks its final "=" padding (${count} characters, not a multiple of 4). Some verifiers reject unpadded base64: append ${'='.repeat(4 - (count % 4))}.`,
      valueSpan, { length: count, fix: b64 + '='.repeat(4 - (count % 4)) }));
  }
  return Buffer.from(b64, 'base64');
}

function tryKey(make: () => KeyObject): KeyObject | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

/** Total size the outer DER element announces (header included), or undefined if unreadable. */
function derTotalLength(der: Buffer): number | undefined {
  if (der.length < 2) return undefined;
  const first = der[1]!;
  if (!(first & 0x80)) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len;
}

/** A DER SEQUENCE whose announced length fits in the bytes (trailing bytes allowed: OpenSSL ignores them). */
function mayBeDer(der: Buffer): boolean {
  if (der.length === 0 || der[0] !== 0x30) return false;
  const expected = derTotalLength(der);
  return expected !== undefined && expected <= der.length;
}

/** Reads the ASN.1 DER header to say in words why bytes are not a key. */
export function derProblem(der: Buffer): string {
  if (der.length === 0) return 'it is empty';
  if (der[0] !== 0x30) return `it does not start with an ASN.1 SEQUENCE (first byte 0x${der[0]!.toString(16).padStart(2, '0')}), so it is not a DER-encoded key at all`;
  const expected = derTotalLength(der);
  if (expected === undefined) return 'its DER length field is malformed';
  if (expected > der.length) return `it is truncated: the DER structure announces ${expected} bytes but only ${der.length} are present (was a TXT string lost?)`;
  if (expected < der.length) return `${der.length - expected} bytes of extra data follow the DER structure`;
  return 'its DER structure is not an RSA public key';
}

/** OpenSSL loads a key even with bytes after it; strict verifiers do not. */
function checkTrailing(der: Buffer, pSpan: Span, findings: Finding[]): void {
  const expected = derTotalLength(der);
  if (expected !== undefined && expected < der.length) {
    findings.push(finding('dkim-key-trailing-data', 'warning',
      `p= has ${der.length - expected} bytes of extra data after the key; strict verifiers reject it. Publish the key without them.`,
      pSpan, { extraBytes: der.length - expected }));
  }
}

/**
 * Decodes the key bytes for the declared key type and reports what is wrong.
 * `kExplicit` says whether a k= tag was written (verifiers assume rsa otherwise).
 */
export function analyseKey(der: Buffer, keyType: string, kExplicit: boolean, pSpan: Span, findings: Finding[]): DkimKeyInfo {
  // The common case — a well-formed RSA SubjectPublicKeyInfo under k=rsa — without OpenSSL.
  if (keyType !== 'ed25519' && der.length !== 32) {
    const bits = rsaSpkiModulusBits(der);
    if (bits !== undefined) return rsaBits(bits, 'spki', pSpan, findings);
  }
  // Every form OpenSSL could load (SPKI, PKCS#8, PKCS#1) is a DER SEQUENCE whose announced length
  // fits in the bytes. When the bytes say otherwise, they answer on their own: a zone full of
  // broken keys costs no more than one of good keys (OpenSSL takes ~1 ms to refuse each one).
  if (!(keyType === 'ed25519' || der.length === 32) && !mayBeDer(der)) {
    findings.push(finding('dkim-key-invalid', 'error',
      `p= is valid base64 but not an RSA public key: ${derProblem(der)}. Copy the public key again from your signer.`,
      pSpan, { bytes: der.length }));
    return {};
  }
  const spki = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
  const privateKey = spki ? undefined
    : tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
      ?? tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }));
  if (privateKey) {
    findings.push(finding('dkim-private-key', 'error',
      `p= holds a PRIVATE ${privateKey.asymmetricKeyType ?? ''} key: anyone can sign mail as this domain. Remove it now, generate a new key pair and publish only the public key.`,
      pSpan));
    return { actualType: privateKey.asymmetricKeyType };
  }
  if (keyType === 'ed25519') return analyseEd25519(der, spki, pSpan, findings);

  // k=rsa (written or assumed)
  if (der.length === 32) {
    findings.push(finding('dkim-key-type-mismatch', 'error',
      kExplicit
        ? 'p= is 32 bytes, an ed25519 key, but k=rsa says RSA; verifiers will fail. Write k=ed25519.'
        : 'p= is 32 bytes, an ed25519 key, but there is no k= tag, so verifiers assume RSA and fail. Add k=ed25519.',
      pSpan, { actualType: 'ed25519' }));
    return { bits: 256, format: 'raw-ed25519', actualType: 'ed25519' };
  }
  if (spki) {
    checkTrailing(der, pSpan, findings);
    const t = spki.asymmetricKeyType;
    if (t === 'rsa') return checkRsaBits(spki, 'spki', pSpan, findings);
    if (t === 'ed25519') {
      findings.push(finding('dkim-key-type-mismatch', 'error',
        `p= is an ed25519 key in SubjectPublicKeyInfo form, but ${kExplicit ? 'k=rsa' : 'without k= verifiers assume'} RSA. Write k=ed25519 and publish the raw 32-byte key (RFC 8463).`,
        pSpan, { actualType: 'ed25519', rawKey: der.subarray(ED25519_SPKI_PREFIX.length).toString('base64') }));
      return { bits: 256, format: 'spki', actualType: t };
    }
    findings.push(finding('dkim-key-unsupported', 'error',
      `p= is ${t ? `an ${t.toUpperCase()}` : 'an unsupported'} key; DKIM keys are RSA (k=rsa) or ed25519 (k=ed25519) only. Generate an RSA 2048-bit or ed25519 key.`,
      pSpan, { actualType: t }));
    return { format: 'spki', actualType: t };
  }
  const pkcs1 = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }));
  if (pkcs1) {
    checkTrailing(der, pSpan, findings);
    findings.push(finding('dkim-key-pkcs1', 'error',
      'p= is a bare PKCS#1 RSAPublicKey, not a SubjectPublicKeyInfo; common verifiers (OpenDKIM, mailauth) cannot load it. Publish the same key as SubjectPublicKeyInfo ("openssl rsa -RSAPublicKey_in -pubout" converts it).',
      pSpan, { fix: pkcs1.export({ type: 'spki', format: 'der' }).toString('base64') }));
    return checkRsaBits(pkcs1, 'pkcs1', pSpan, findings);
  }
  findings.push(finding('dkim-key-invalid', 'error',
    `p= is valid base64 but not an RSA public key: ${derProblem(der)}. Copy the public key again from your signer.`,
    pSpan, { bytes: der.length }));
  return {};
}

function checkRsaBits(key: KeyObject, format: DkimKeyFormat, pSpan: Span, findings: Finding[]): DkimKeyInfo {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) return { format, actualType: 'rsa' };
  return rsaBits(bits, format, pSpan, findings);
}

function rsaBits(bits: number, format: DkimKeyFormat, pSpan: Span, findings: Finding[]): DkimKeyInfo {
  if (bits < 1024) {
    findings.push(finding('dkim-key-too-short', 'error',
      `The RSA key is ${bits} bits; verifiers reject keys under 1024 bits (RFC 8301) and such keys can be factored. Generate a 2048-bit key.`,
      pSpan, { bits }));
  } else if (bits < 2048) {
    findings.push(finding('dkim-key-weak', 'warning',
      `The RSA key is ${bits} bits; RFC 8301 asks for at least 2048 and some receivers already distrust 1024. Rotate to a 2048-bit key.`,
      pSpan, { bits }));
  } else if (bits > 4096) {
    findings.push(finding('dkim-key-too-long', 'warning',
      `The RSA key is ${bits} bits; verifiers only have to support up to 4096 (RFC 8301), so some will fail. Use 2048 or 4096 bits.`,
      pSpan, { bits }));
  }
  return { bits, format, actualType: 'rsa' };
}

function analyseEd25519(der: Buffer, spki: KeyObject | undefined, pSpan: Span, findings: Finding[]): DkimKeyInfo {
  if (der.length === 32) {
    const key = tryKey(() => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' }));
    if (!key) {
      findings.push(finding('dkim-key-invalid', 'error', 'p= is 32 bytes but not a usable ed25519 public key. Copy the key again from your signer.', pSpan));
      return {};
    }
    return { bits: 256, format: 'raw-ed25519', actualType: 'ed25519' };
  }
  if (spki?.asymmetricKeyType === 'ed25519') {
    const raw = der.subarray(ED25519_SPKI_PREFIX.length).toString('base64');
    findings.push(finding('dkim-ed25519-not-raw', 'error',
      `p= is an ed25519 SubjectPublicKeyInfo (${der.length} bytes); RFC 8463 wants only the raw 32-byte key. Publish p=${raw}.`,
      pSpan, { rawKey: raw }));
    return { bits: 256, format: 'spki', actualType: 'ed25519' };
  }
  if (spki?.asymmetricKeyType === 'rsa') {
    findings.push(finding('dkim-key-type-mismatch', 'error',
      `k=ed25519 but p= is an RSA key (${spki.asymmetricKeyDetails?.modulusLength ?? '?'} bits); verifiers will fail. Write k=rsa or publish the ed25519 key.`,
      pSpan, { actualType: 'rsa' }));
    return { bits: spki.asymmetricKeyDetails?.modulusLength, format: 'spki', actualType: 'rsa' };
  }
  findings.push(finding('dkim-ed25519-bad-length', 'error',
    `p= decodes to ${der.length} bytes; an ed25519 key (RFC 8463) is exactly 32 bytes. Copy the key again from your signer.`,
    pSpan, { bytes: der.length }));
  return {};
}
