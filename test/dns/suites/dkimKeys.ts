/**
 * DKIM key records that decide whether a key can verify the signature in front of it
 * (RFC 6376 §3.6.1 and §6.1.2, RFC 8301, RFC 8463), served by named (example.com.zone, the
 * mail2024 public key with one tag changed). `verify` and `check dkim` read the key with
 * the same parser: they must give the same verdict on the same key; the cases that depend
 * on the signature (t=s with i=, k= against a=) fail `verify` only for such a signature.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dkimSign } from 'mailauth';
import { createResolver } from '../../../src/core/dns/resolver';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { checkDkim } from '../../../src/core/checks/dkim';
import { verifyMessage } from '../../../src/core/checks/verifyMessage';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, type NamedInstance } from '../harness';
import { harnessKey, plainMessage } from '../messages';

interface KeyCase {
  selector: string;
  why: string;
  /** i= of the signature, if any. */
  identity?: string;
  /** Sign with the harness ed25519 key (ed25519-sha256) instead of the RSA one. */
  ed25519?: boolean;
  /** Empty p=: verify fails the signature; check dkim reports it as information (README). */
  revoked?: boolean;
  /** The key can verify this signature. */
  verifies: boolean;
  /** check dkim (no signature) calls the key unusable. */
  checkFails: boolean;
  code?: string;
}

const CASES: KeyCase[] = [
  { selector: 'mail2024', why: 'a plain key', verifies: true, checkFails: false },
  { selector: 'hsha1', why: 'h=sha1 without the signature\'s sha256', verifies: false, checkFails: true, code: 'dkim-sha1-only' },
  { selector: 'hboth', why: 'h=sha1:sha256', verifies: true, checkFails: false },
  { selector: 'sother', why: 's= without email or *', verifies: false, checkFails: true, code: 'dkim-not-for-email' },
  { selector: 'sstar', why: 's=*', verifies: true, checkFails: false },
  { selector: 'tstrict', why: 't=s with i= in a subdomain of d=', identity: 'alice@news.example.com', verifies: false, checkFails: false, code: 'dkim-key-strict-subdomain' },
  { selector: 'tstrict', why: 't=s with i= equal to d=', identity: 'alice@example.com', verifies: true, checkFails: false },
  { selector: 'ktype', why: 'k=ed25519 for an RSA key and an rsa-sha256 signature', verifies: false, checkFails: true, code: 'dkim-key-type-mismatch' },
  { selector: 'duptag', why: 'a duplicate tag', verifies: false, checkFails: true, code: 'dkim-duplicate-tag' },
  { selector: 'vlast', why: 'v= not first', verifies: false, checkFails: true, code: 'dkim-version-not-first' },
  { selector: 'vbad', why: 'v=DKIM2', verifies: false, checkFails: true, code: 'dkim-bad-version' },
  { selector: 'nquote', why: 'n= with quotes, parentheses and a backslash', verifies: true, checkFails: false },
  { selector: 'kdsa', why: 'k=dsa, not a DKIM key type', verifies: false, checkFails: true, code: 'dkim-unknown-key-type' },
  { selector: 'nop', why: 'no p= tag', verifies: false, checkFails: true, code: 'dkim-missing-key' },
  { selector: 'hsha256', why: 'h=sha256', verifies: true, checkFails: false },
  { selector: 'hunknown', why: 'h= with no hash verifiers know', verifies: false, checkFails: true, code: 'dkim-no-usable-hash' },
  { selector: 'fws', why: 'p= folded with spaces', verifies: true, checkFails: false },
  { selector: 'tys', why: 't=y:s with i= equal to d=', verifies: true, checkFails: false },
  { selector: 'nov', why: 'no v= (optional)', verifies: true, checkFails: false },
  { selector: 'ed', why: 'an ed25519 key and an ed25519-sha256 signature (RFC 8463)', ed25519: true, verifies: true, checkFails: false },
  { selector: 'mail2024', why: 'an RSA key and an ed25519-sha256 signature', ed25519: true, verifies: false, checkFails: false, code: 'dkim-key-algorithm-mismatch' },
  // the one listed difference (README): a revoked key is the owner's statement, information in check dkim
  { selector: 'old', why: 'a revoked key (empty p=)', verifies: false, checkFails: false, revoked: true, code: 'dkim-revoked' },
];

export function dkimKeysSuite(named: () => NamedInstance): void {
  void describe('DKIM key records: verify and check dkim agree, against named', () => {
    const resolver = () => createResolver({ servers: [parseServerSpec(named().server)], timeoutMs: 1000 });
    for (const c of CASES) {
      void it(`${c.why} (${c.selector}): ${c.verifies ? 'verifies' : 'cannot verify'}`, async () => {
        const privateKey = c.ed25519 ? readFileSync(join(FIXTURES_DIR, 'dkim-ed25519.key.pem'), 'utf8') : harnessKey();
        const signed = await dkimSign(plainMessage(), { signatureData: [{ signingDomain: 'example.com', selector: c.selector, privateKey, ...(c.identity ? { identity: c.identity } : {}) }] } as never);
        assert.deepEqual(signed.errors, []);
        const r = await verifyMessage(resolver(), signed.signatures + plainMessage(), { ip: '192.0.2.55', sender: 'alice@example.com', helo: 'mail.example.com' });
        const s = r.dkim[0]!;
        const check = await checkDkim(resolver(), 'example.com', c.selector);
        if (c.verifies) {
          assert.equal(s.result, 'pass', s.comment);
          assert.equal(r.verdict, 'pass', JSON.stringify(r.findings));
        } else if (c.revoked) {
          assert.notEqual(s.result, 'pass');
          assert.ok(r.findings.some((f) => f.code === 'verify-dkim-fail' && f.severity === 'error'), JSON.stringify(r.findings));
        } else {
          assert.notEqual(s.result, 'pass');
          assert.equal(r.verdict, 'fail');
          assert.ok(r.findings.some((f) => f.code === 'verify-dkim-key' && f.severity === 'error'), JSON.stringify(r.findings));
          assert.ok(s.keyProblems?.length);
        }
        assert.equal(check.verdict === 'fail', c.checkFails, `check dkim: ${check.verdict} ${JSON.stringify(check.findings.map((f) => f.code))}`);
        if (c.code) {
          const codes = check.findings.map((f) => f.code);
          // a problem only the signature shows: verify names it, check dkim (no signature) cannot
          if (!c.verifies && !c.checkFails && !c.revoked) assert.match(s.comment ?? '', new RegExp(c.code));
          if (c.checkFails || c.revoked) assert.ok(codes.includes(c.code), codes.join(' '));
          else assert.ok(!codes.includes(c.code));
        }
        // one parser: a key check dkim fails never verifies in verify
        if (c.checkFails) assert.notEqual(s.result, 'pass');
        assert.doesNotMatch(r.authenticationResults, /undefined/);
      });
    }
  });
}
