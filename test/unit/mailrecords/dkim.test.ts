import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { keyMismatches, parseDkimKeyRecord } from '../../../src/core/mailrecords/dkim';
import { at, codes, ed25519Keys, errors, none, one, rsaPublicKey, rsaSpkiBase64, syntheticRsaSpkiBase64 } from './helpers';

const k2048 = rsaSpkiBase64(2048);
const k1024 = rsaSpkiBase64(1024);

void describe('DKIM key records from real providers', () => {
  void it('Google Workspace style (v, k, 2048-bit p) is clean and reports 2048 bits', () => {
    const value = `v=DKIM1; k=rsa; p=${k2048}`;
    const { record, findings } = parseDkimKeyRecord(value);
    assert.deepEqual(findings, []);
    assert.equal(record.version, 'DKIM1');
    assert.equal(record.keyType, 'rsa');
    assert.equal(record.keyTypeExplicit, true);
    assert.equal(record.keyBits, 2048);
    assert.equal(record.keyFormat, 'spki');
    assert.equal(record.publicKeyBase64, k2048);
    assert.equal(record.revoked, false);
    assert.deepEqual(record.tags.map((t) => t.name), ['v', 'k', 'p']);
  });

  void it('Microsoft 365 style (1024-bit with n= notes) warns about the key size only', () => {
    const value = `v=DKIM1; k=rsa; p=${k1024}; n=1024,1452627113,1`;
    const { record, findings } = parseDkimKeyRecord(value);
    assert.deepEqual(codes(findings), ['dkim-key-weak']);
    const f = one(findings, 'dkim-key-weak');
    assert.equal(f.severity, 'warning');
    assert.equal(at(value, f), k1024);
    assert.equal(f.data?.['bits'], 1024);
    assert.equal(record.notes, '1024,1452627113,1');
    assert.equal(record.keyBits, 1024);
  });

  void it('Amazon SES style (p= alone) defaults to rsa and needs no v=', () => {
    const { record, findings } = parseDkimKeyRecord(`p=${k2048}`);
    assert.deepEqual(findings, []);
    assert.equal(record.version, undefined);
    assert.equal(record.keyType, 'rsa');
    assert.equal(record.keyTypeExplicit, false);
    assert.equal(record.keyBits, 2048);
    assert.deepEqual(record.serviceTypes, ['*']);
    assert.equal(record.hashAlgorithms, undefined);
  });

  void it('SendGrid style (k=rsa; t=s) sets strictSubdomains', () => {
    const { record, findings } = parseDkimKeyRecord(`k=rsa; t=s; p=${k2048}`);
    assert.deepEqual(findings, []);
    assert.equal(record.strictSubdomains, true);
    assert.equal(record.testing, false);
    assert.deepEqual(record.flags, ['s']);
  });

  void it('Mailchimp/Mandrill style with h=sha256, s=email and a trailing semicolon', () => {
    const { record, findings } = parseDkimKeyRecord(`v=DKIM1; h=sha256; k=rsa; s=email; p=${k2048};`);
    assert.deepEqual(findings, []);
    assert.deepEqual(record.hashAlgorithms, ['sha256']);
    assert.deepEqual(record.serviceTypes, ['email']);
  });

  void it('accepts folding whitespace inside p= (a key split across TXT strings with spaces)', () => {
    const folded = `${k2048.slice(0, 100)} \t${k2048.slice(100, 250)}\r\n ${k2048.slice(250)}`;
    const { record, findings } = parseDkimKeyRecord(`v=DKIM1;k=rsa;p=${folded}`);
    assert.deepEqual(findings, []);
    assert.equal(record.publicKeyBase64, k2048);
    assert.equal(record.keyBits, 2048);
  });

  void it('tag spans slice back to the name and the value', () => {
    const value = ` v = DKIM1 ;  k=rsa ; p= ${k2048} `;
    const { record } = parseDkimKeyRecord(value);
    for (const tag of record.tags) {
      assert.equal(value.slice(tag.nameSpan.start, tag.nameSpan.end), tag.name);
      assert.equal(value.slice(tag.valueSpan.start, tag.valueSpan.end), tag.value);
    }
    assert.equal(record.tags[0]!.value, 'DKIM1');
    assert.equal(record.tags[2]!.value, k2048);
  });
});

void describe('DKIM key sizes (real generated keys)', () => {
  void it('512-bit RSA is an error naming the size', () => {
    const k512 = rsaSpkiBase64(512);
    const value = `v=DKIM1; k=rsa; p=${k512}`;
    const { record, findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-key-too-short');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /512 bits/);
    assert.equal(at(value, f), k512);
    assert.equal(record.keyBits, 512);
  });

  void it('1536-bit RSA is a warning, 2048 and 4096 are fine', () => {
    assert.equal(one(parseDkimKeyRecord(`p=${syntheticRsaSpkiBase64(1536)}`).findings, 'dkim-key-weak').data?.['bits'], 1536);
    const r4096 = parseDkimKeyRecord(`p=${syntheticRsaSpkiBase64(4096)}`);
    assert.deepEqual(r4096.findings, []);
    assert.equal(r4096.record.keyBits, 4096);
  });

  void it('keys over 4096 bits warn that verifiers need not support them', () => {
    const f = one(parseDkimKeyRecord(`p=${syntheticRsaSpkiBase64(8192)}`).findings, 'dkim-key-too-long');
    assert.equal(f.severity, 'warning');
    assert.equal(f.data?.['bits'], 8192);
  });
});

void describe('DKIM ed25519 (RFC 8463)', () => {
  void it('a raw 32-byte key with k=ed25519 is fine and counts as 256 bits', () => {
    const { raw } = ed25519Keys();
    const { record, findings } = parseDkimKeyRecord(`v=DKIM1; k=ed25519; p=${raw}`);
    assert.deepEqual(findings, []);
    assert.equal(record.keyType, 'ed25519');
    assert.equal(record.keyBits, 256);
    assert.equal(record.keyFormat, 'raw-ed25519');
  });

  void it('an ed25519 SubjectPublicKeyInfo is an error and the fix carries the raw key', () => {
    const { raw, spki } = ed25519Keys();
    const value = `v=DKIM1; k=ed25519; p=${spki}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-ed25519-not-raw');
    assert.equal(f.severity, 'error');
    assert.equal(f.data?.['rawKey'], raw);
    assert.ok(f.message.includes(raw));
    assert.equal(at(value, f), spki);
  });

  void it('any other length under k=ed25519 is an error naming the length', () => {
    const value = `k=ed25519; p=${Buffer.alloc(31, 7).toString('base64')}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-ed25519-bad-length');
    assert.match(f.message, /31 bytes/);
  });

  void it('an RSA key under k=ed25519 is a type mismatch', () => {
    const f = one(parseDkimKeyRecord(`k=ed25519; p=${k1024}`).findings, 'dkim-key-type-mismatch');
    assert.match(f.message, /RSA key \(1024 bits\)/);
  });

  void it('a raw ed25519 key without k= is a mismatch telling to add k=ed25519', () => {
    const { raw } = ed25519Keys();
    const f = one(parseDkimKeyRecord(`v=DKIM1; p=${raw}`).findings, 'dkim-key-type-mismatch');
    assert.match(f.message, /Add k=ed25519/);
  });

  void it('an ed25519 SPKI under k=rsa is a mismatch', () => {
    const { spki, raw } = ed25519Keys();
    const f = one(parseDkimKeyRecord(`k=rsa; p=${spki}`).findings, 'dkim-key-type-mismatch');
    assert.equal(f.data?.['rawKey'], raw);
  });
});

void describe('DKIM key encodings that fail', () => {
  void it('PKCS#1 RSAPublicKey is an error, still reports the bits, and offers the SPKI form', () => {
    const pub = rsaPublicKey(2048);
    const pkcs1 = pub.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const value = `v=DKIM1; k=rsa; p=${pkcs1}`;
    const { record, findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-key-pkcs1');
    assert.equal(f.severity, 'error');
    assert.equal(f.data?.['fix'], k2048);
    assert.equal(record.keyBits, 2048);
    assert.equal(record.keyFormat, 'pkcs1');
  });

  void it('a truncated key (second TXT string lost) says it is truncated', () => {
    const value = `v=DKIM1; k=rsa; p=${k2048.slice(0, 252)}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-key-invalid');
    assert.match(f.message, /truncated: the DER structure announces 294 bytes but only 189/);
  });

  void it('base64 of something that is not DER says so', () => {
    const value = `p=${Buffer.from('hello world, not a key!!').toString('base64')}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-key-invalid');
    assert.match(f.message, /does not start with an ASN\.1 SEQUENCE/);
  });

  void it('extra bytes after a key are a warning (OpenSSL still loads it)', () => {
    const der = Buffer.concat([Buffer.from(k2048, 'base64'), Buffer.from([0, 0, 0])]);
    const { record, findings } = parseDkimKeyRecord(`p=${der.toString('base64')}`);
    const f = one(findings, 'dkim-key-trailing-data');
    assert.equal(f.data?.['extraBytes'], 3);
    assert.equal(record.keyBits, 2048);
  });

  void it('extra bytes after something that is not a key are named', () => {
    const der = Buffer.concat([Buffer.from('3003020101', 'hex'), Buffer.from([0, 0])]);
    const f = one(parseDkimKeyRecord(`p=${der.toString('base64')}`).findings, 'dkim-key-invalid');
    assert.match(f.message, /2 bytes of extra data/);
  });

  void it('an EC key is unsupported', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const f = one(parseDkimKeyRecord(`p=${ec}`).findings, 'dkim-key-unsupported');
    assert.match(f.message, /EC key/);
  });

  void it('a published private key is flagged as such', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const f = one(parseDkimKeyRecord(`p=${pkcs8}`).findings, 'dkim-private-key');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /PRIVATE rsa key/);
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    one(parseDkimKeyRecord(`p=${pkcs1}`).findings, 'dkim-private-key');
    one(parseDkimKeyRecord(`k=ed25519; p=${ed25519Keys().privatePkcs8}`).findings, 'dkim-private-key');
  });
});

void describe('DKIM base64 checks', () => {
  void it('a non-base64 character is an error spanning that character', () => {
    const bad = `${k1024.slice(0, 40)}"${k1024.slice(40)}`;
    const value = `v=DKIM1; p=${bad}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-bad-base64');
    assert.equal(at(value, f), '"');
    assert.match(f.message, /stray quote/);
  });

  void it('base64url characters get their own hint', () => {
    const value = `p=${k1024.slice(0, 30)}_${k1024.slice(31)}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-bad-base64');
    assert.match(f.message, /base64url/);
    assert.equal(f.span.start, 'p='.length + 30);
    assert.equal(at(value, f), '_');
  });

  void it('"=" in the middle is an error', () => {
    const value = `p=${k1024.slice(0, 8)}=${k1024.slice(8)}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-bad-base64');
    assert.equal(f.span.start, 'p='.length + 9);
  });

  void it('a length that cannot be base64 is an error naming the count', () => {
    const value = `p=${k1024}A`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-bad-base64');
    assert.match(f.message, new RegExp(`${k1024.length + 1} base64 characters`));
  });

  void it('missing padding on a valid key is a warning with the padded fix', () => {
    const { raw } = ed25519Keys();
    assert.ok(raw.endsWith('='), '32 bytes encode to 43 characters plus one "="');
    const value = `k=ed25519; p=${raw.slice(0, -1)}`;
    const { record, findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-base64-padding');
    assert.equal(f.severity, 'warning');
    assert.equal(f.data?.['fix'], raw);
    assert.equal(record.keyBits, 256);
  });
});

void describe('DKIM tags', () => {
  void it('empty p= is a revoked key (info)', () => {
    const value = 'v=DKIM1; k=rsa; p=';
    const { record, findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-revoked');
    assert.equal(f.severity, 'info');
    assert.equal(at(value, f), 'p=');
    assert.equal(record.revoked, true);
    assert.equal(record.publicKeyBase64, '');
    assert.deepEqual(errors(findings), []);
  });

  void it('a missing p= is an error', () => {
    const f = one(parseDkimKeyRecord('v=DKIM1; k=rsa').findings, 'dkim-missing-key');
    assert.equal(f.severity, 'error');
  });

  void it('P= in upper case is an unknown tag suggesting p=, and the key is missing', () => {
    const value = `v=DKIM1; k=rsa; P=${k2048}`;
    const { findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-unknown-tag');
    assert.equal(at(value, f), 'P');
    assert.match(f.message, /Did you mean "p="\?/);
    one(findings, 'dkim-missing-key');
  });

  void it('an unknown tag suggests the nearest known tag or lists them', () => {
    const value = `v=DKIM1; x=1; p=${k2048}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-unknown-tag');
    assert.equal(f.severity, 'warning');
    assert.equal(at(value, f), 'x');
    assert.match(f.message, /Known: v=, h=, k=, n=, p=, s=, t=/);
    assert.match(one(parseDkimKeyRecord(`hh=sha256; p=${k2048}`).findings, 'dkim-unknown-tag').message, /Did you mean "h="\?/);
  });

  void it('g= gets the RFC 4871 explanation', () => {
    assert.match(one(parseDkimKeyRecord(`g=*; p=${k2048}`).findings, 'dkim-unknown-tag').message, /removed by RFC 6376/);
  });

  void it('duplicate tags are an error on the second one, with the first as related', () => {
    const value = `v=DKIM1; k=rsa; k=rsa; p=${k2048}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-duplicate-tag');
    assert.equal(f.severity, 'error');
    assert.equal(f.span.start, value.lastIndexOf('k=rsa'));
    assert.equal(at(value, f), 'k=rsa');
    assert.equal(f.related?.[0]?.span.start, value.indexOf('k=rsa'));
  });

  void it('v= not first is an error; a wrong version is an error on the value', () => {
    const v1 = `k=rsa; v=DKIM1; p=${k2048}`;
    assert.equal(at(v1, one(parseDkimKeyRecord(v1).findings, 'dkim-version-not-first')), 'v=DKIM1');
    const v2 = `v=DKIM2; p=${k2048}`;
    assert.equal(at(v2, one(parseDkimKeyRecord(v2).findings, 'dkim-bad-version')), 'DKIM2');
    one(parseDkimKeyRecord(`v=dkim1; p=${k2048}`).findings, 'dkim-bad-version');
  });

  void it('an unknown k= is an error and the key is not decoded', () => {
    const value = `v=DKIM1; k=dsa; p=${k2048}`;
    const { record, findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-unknown-key-type');
    assert.equal(at(value, f), 'dsa');
    assert.equal(record.keyBits, undefined);
    assert.deepEqual(codes(findings), ['dkim-unknown-key-type']);
  });

  void it('h=sha1 alone warns (RFC 8301); sha1:sha256 is fine; unknown hashes warn', () => {
    const value = `v=DKIM1; h=sha1; p=${k2048}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-sha1-only');
    assert.equal(at(value, f), 'h=sha1');
    assert.deepEqual(parseDkimKeyRecord(`h=sha1:sha256; p=${k2048}`).findings, []);
    const v3 = `h=sha256:sha512; p=${k2048}`;
    const u = one(parseDkimKeyRecord(v3).findings, 'dkim-unknown-hash');
    assert.equal(at(v3, u), 'sha512');
  });

  void it('h= with no usable algorithm is an error', () => {
    one(parseDkimKeyRecord(`h=md5; p=${k2048}`).findings, 'dkim-no-usable-hash');
    one(parseDkimKeyRecord(`h=; p=${k2048}`).findings, 'dkim-no-usable-hash');
  });

  void it('s= without email or * warns; s=email:* and s=* are fine', () => {
    const value = `s=tlsrpt; p=${k2048}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-not-for-email');
    assert.equal(at(value, f), 's=tlsrpt');
    assert.deepEqual(parseDkimKeyRecord(`s=email:*; p=${k2048}`).findings, []);
    assert.deepEqual(parseDkimKeyRecord(`s=*; p=${k2048}`).record.serviceTypes, ['*']);
  });

  void it('t=y is testing (info) with the flag span; unknown flags warn', () => {
    const value = `v=DKIM1; t=y:s; p=${k2048}`;
    const { record, findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-testing');
    assert.equal(f.severity, 'info');
    assert.equal(at(value, f), 'y');
    assert.equal(record.testing, true);
    assert.equal(record.strictSubdomains, true);
    const v2 = `t=y:x; p=${k2048}`;
    assert.equal(at(v2, one(parseDkimKeyRecord(v2).findings, 'dkim-unknown-flag')), 'x');
  });
});

void describe('DKIM tag-list syntax', () => {
  void it('a spec without "=" is a syntax error spanning it', () => {
    const value = `v=DKIM1; rsa; p=${k2048}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-tag-syntax');
    assert.equal(at(value, f), 'rsa');
    assert.equal(f.severity, 'error');
  });

  void it('an invalid tag name is a syntax error', () => {
    const value = `v=DKIM1; 1k=rsa; p=${k2048}`;
    assert.equal(at(value, one(parseDkimKeyRecord(value).findings, 'dkim-tag-syntax')), '1k');
    const v2 = `v=DKIM1; =rsa; p=${k2048}`;
    assert.equal(at(v2, one(parseDkimKeyRecord(v2).findings, 'dkim-tag-syntax')), '=');
  });

  void it('a non-ASCII character in a value is a syntax error on that character', () => {
    const value = `v=DKIM1; n=caf\u00e9; p=${k2048}`;
    const f = one(parseDkimKeyRecord(value).findings, 'dkim-tag-syntax');
    assert.equal(at(value, f), '\u00e9');
    assert.match(f.message, /U\+00E9/);
  });

  void it('";;" in the middle warns; a trailing ";" does not', () => {
    const value = `v=DKIM1;; p=${k2048};`;
    const { findings } = parseDkimKeyRecord(value);
    const f = one(findings, 'dkim-empty-tag');
    assert.equal(f.span.start, value.indexOf(';;') + 1);
    none(parseDkimKeyRecord(`v=DKIM1; p=${k2048};  `).findings, 'dkim-empty-tag');
  });

  void it('an empty value reports only the missing key', () => {
    assert.deepEqual(codes(parseDkimKeyRecord('').findings), ['dkim-missing-key']);
  });
});

void describe('a DKIM key against the signature in front of it (keyMismatches)', () => {
  const KEY = 'MMjBBl8TyH8dWmzm7qZkB24kiGpGRXQuhejf/stl86o=';
  const mismatches = (value: string, sig: { algorithm: string; domain: string; identity?: string }) => keyMismatches(parseDkimKeyRecord(value).record, value, sig).map((f) => f.code);
  void it('names a key type other than a=, a hash h= does not allow, t=s with a subdomain i=', () => {
    assert.deepEqual(mismatches(`v=DKIM1; k=ed25519; p=${KEY}`, { algorithm: 'ed25519-sha256', domain: 'example.com' }), []);
    assert.deepEqual(mismatches(`v=DKIM1; k=ed25519; p=${KEY}`, { algorithm: 'rsa-sha256', domain: 'example.com' }), ['dkim-key-algorithm-mismatch']);
    assert.deepEqual(mismatches(`v=DKIM1; k=ed25519; h=sha1; p=${KEY}`, { algorithm: 'ed25519-sha256', domain: 'example.com' }), ['dkim-key-hash-mismatch']);
    assert.deepEqual(mismatches(`v=DKIM1; k=ed25519; t=s; p=${KEY}`, { algorithm: 'ed25519-sha256', domain: 'example.com', identity: 'a@news.example.com' }), ['dkim-key-strict-subdomain']);
    assert.deepEqual(mismatches(`v=DKIM1; k=ed25519; t=s; p=${KEY}`, { algorithm: 'ed25519-sha256', domain: 'example.com', identity: '@EXAMPLE.com' }), []);
    assert.deepEqual(mismatches(`v=DKIM1; k=ed25519; t=y; p=${KEY}`, { algorithm: 'ed25519-sha256', domain: 'example.com', identity: 'a@news.example.com' }), []);
  });
});
