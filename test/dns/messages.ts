/** Test messages signed with the key published in the harness zones (test/dns/zones). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dkimSign } from 'mailauth';
import { FIXTURES_DIR } from './named';

/** The private half of the key published at mail2024 and safemailhop (read when first needed: bundles have another __dirname). */
export function harnessKey(fixturesDir = FIXTURES_DIR): string {
  return readFileSync(join(fixturesDir, 'dkim-rsa2048.key.pem'), 'utf8');
}

export function plainMessage(extraTop = ''): string {
  return [
    ...(extraTop ? [extraTop] : []),
    'Return-Path: <alice@example.com>',
    'From: Alice <alice@example.com>',
    'To: Bob <bob@example.net>',
    'Subject: Quarterly numbers',
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    'Message-ID: <test-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello Bob,',
    'the numbers are attached.',
    '',
  ].join('\r\n');
}

/** Signs with both published selectors: mail2024 (direct) and safemail (CNAME into example.net). */
export async function signed(message: string, privateKey = harnessKey()): Promise<string> {
  const r = await dkimSign(message, {
    signingDomain: 'example.com',
    selector: 'mail2024',
    privateKey,
    signatureData: [
      { signingDomain: 'example.com', selector: 'mail2024', privateKey },
      { signingDomain: 'example.com', selector: 'safemail', privateKey },
    ],
  });
  assert.deepEqual(r.errors, []);
  return r.signatures + message;
}


/** Signed with l= (only the first `bodyLength` bytes of the body covered). */
export async function signedWithBodyLength(message: string, bodyLength: number, privateKey = harnessKey()): Promise<string> {
  const r = await dkimSign(message, { signingDomain: 'example.com', selector: 'mail2024', privateKey, signatureData: [{ signingDomain: 'example.com', selector: 'mail2024', privateKey, maxBodyLength: bodyLength }] });
  assert.deepEqual(r.errors, []);
  return r.signatures + message;
}
