/** Test helpers: find findings by code, check that spans point at the offending text. */
import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Finding } from '../../../src/core/findings';

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code).sort();
}

/** The single finding with this code (fails if there are none or several). */
export function one(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(findings.map((f) => `${f.code}: ${f.message}`), null, 1)}`);
  return found[0]!;
}

export function none(findings: Finding[], ...codesNot: string[]): void {
  const bad = findings.filter((f) => codesNot.includes(f.code));
  assert.deepEqual(bad, [], `unexpected ${codesNot.join(', ')}`);
}

/** The text a finding's span covers. */
export function at(value: string, f: Finding): string {
  assert.ok(f.span.start >= 0 && f.span.end <= value.length && f.span.start <= f.span.end, `span ${JSON.stringify(f.span)} outside value`);
  return value.slice(f.span.start, f.span.end);
}

export function errors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

const rsaCache = new Map<number, KeyObject>();

/** A real RSA public key of `bits` bits (generated once per size per test process). */
export function rsaPublicKey(bits: number): KeyObject {
  let key = rsaCache.get(bits);
  if (!key) {
    key = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey;
    rsaCache.set(bits, key);
  }
  return key;
}

export function rsaSpkiBase64(bits: number): string {
  return rsaPublicKey(bits).export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * An RSA public key with a random modulus of exactly `bits` bits: enough to test size
 * rules for sizes too slow to generate (it is not a product of primes, which no parser checks).
 */
export function syntheticRsaSpkiBase64(bits: number): string {
  const n = randomBytes(Math.ceil(bits / 8));
  const topBits = bits % 8 || 8;
  n[0] = (n[0]! & ((1 << topBits) - 1)) | (1 << (topBits - 1));
  n[n.length - 1]! |= 1;
  const key = createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: 'AQAB' }, format: 'jwk' });
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A fresh ed25519 key pair: raw 32-byte public key and its SPKI form, both base64. */
export function ed25519Keys(): { raw: string; spki: string; privatePkcs8: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    raw: spki.subarray(12).toString('base64'),
    spki: spki.toString('base64'),
    privatePkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}
