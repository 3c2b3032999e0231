// No cliff on bad input (issue: a zone of broken DKIM keys spent most of its time in OpenSSL):
// bytes that cannot be a DER key are judged from the bytes, without asking OpenSSL, and the
// finding says the same as before.
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { parseDkimKeyRecord } from '../../../src/core/mailrecords/dkim';
import { rsaSpkiBase64 } from './helpers';

function openSslCalls(record: string): { calls: number; codes: string[]; messages: string[] } {
  const pub = mock.method(crypto, 'createPublicKey');
  const priv = mock.method(crypto, 'createPrivateKey');
  try {
    const { findings } = parseDkimKeyRecord(record);
    return { calls: pub.mock.callCount() + priv.mock.callCount(), codes: findings.map((f) => f.code), messages: findings.map((f) => f.message) };
  } finally {
    pub.mock.restore();
    priv.mock.restore();
  }
}

describe('DKIM keys judged from their bytes first', () => {
  it('random bytes, a wrong first byte, a truncated DER length: dkim-key-invalid without OpenSSL', () => {
    const good = rsaSpkiBase64(2048);
    const notDer = Buffer.from(Array.from({ length: 294 }, (_, i) => (i * 37 + 11) & 255)).toString('base64');
    const truncated = Buffer.from(good, 'base64').subarray(0, 200).toString('base64');
    for (const [what, p, why] of [
      ['random bytes', notDer, /does not start with an ASN\.1 SEQUENCE/],
      ['a truncated key', truncated, /it is truncated: the DER structure announces 294 bytes but only 200 are present/],
    ] as const) {
      const r = openSslCalls(`v=DKIM1; k=rsa; p=${p}`);
      assert.equal(r.calls, 0, `${what}: OpenSSL was asked`);
      assert.deepEqual(r.codes, ['dkim-key-invalid'], what);
      assert.match(r.messages[0]!, why);
    }
  });

  it('a well-formed RSA key needs no OpenSSL either; a private key in p= is still found by OpenSSL', () => {
    assert.equal(openSslCalls(`v=DKIM1; k=rsa; p=${rsaSpkiBase64(2048)}`).calls, 0);
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const r = openSslCalls(`v=DKIM1; k=rsa; p=${pkcs8}`);
    assert.ok(r.calls > 0);
    assert.ok(r.codes.includes('dkim-private-key'));
  });
});
