import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { rsaSpkiModulusBits } from '../../../src/core/mailrecords/rsaSpki';

const spki = (bits: number): Buffer => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' });

describe('RSA SubjectPublicKeyInfo without OpenSSL', () => {
  test('reads the modulus size of real keys as OpenSSL does', () => {
    for (const bits of [512, 768, 1024, 1536, 2048, 3072]) {
      const der = spki(bits);
      assert.equal(rsaSpkiModulusBits(der), createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyDetails!.modulusLength, `${bits}-bit key`);
    }
  });

  test('declines what is not exactly an RSA SPKI (OpenSSL then decides)', () => {
    const der = spki(1024);
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'pkcs1', format: 'der' });
    for (const [what, bytes] of [
      ['truncated', der.subarray(0, der.length - 5)],
      ['trailing byte', Buffer.concat([der, Buffer.from([0])])],
      ['ed25519', ed],
      ['PKCS#1', pkcs1],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      assert.equal(rsaSpkiModulusBits(bytes), undefined, what);
    }
  });

  test('never accepts bytes OpenSSL rejects, and agrees on the size when both accept (random mutations)', () => {
    const base = spki(1024);
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let accepted = 0;
    for (let k = 0; k < 3000; k++) {
      const der = Buffer.from(base);
      for (let m = 0, count = 1 + rnd(3); m < count; m++) der[rnd(Math.min(der.length, k % 3 === 0 ? 40 : der.length))] = rnd(256);
      const ours = rsaSpkiModulusBits(der);
      if (ours === undefined) continue;
      accepted++;
      let theirs: number | undefined;
      try {
        theirs = createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength;
      } catch {
        theirs = undefined;
      }
      assert.equal(ours, theirs, `mutation ${k}: ${der.toString('hex').slice(0, 80)}`);
    }
    assert.ok(accepted > 100, `only ${accepted} mutants were well-formed`);
  });
});
