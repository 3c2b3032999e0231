/**
 * A header value of a megabyte (each header, Authentication-Results methods and
 * properties, Received tokens, DKIM-Signature tags, addresses) is quoted clipped in every
 * finding and reason the analysis gives, never whole: message headers are written by
 * whoever sends the mail.
 */
import { test } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { lintHeaders } from '../../../src/core/headers/lint';
import { BoundedMessages, huge } from '../text/bounded';

const NOW = Date.parse('2024-04-10T00:00:00Z');
const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] };

const BASE: Record<string, string> = {
  'Received': 'from mail.example.net (mail.example.net [192.0.2.1]) by mx.contoso.com with ESMTPS id abc; Tue, 09 Apr 2024 10:00:00 +0000',
  'Authentication-Results': 'mx.contoso.com; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=pass header.from=example.net',
  'DKIM-Signature': 'v=1; a=rsa-sha256; d=example.net; s=s1; h=from:to:subject; bh=AAAA; b=BBBB',
  'From': 'Sender <sender@example.net>',
  'To': 'user@contoso.com',
  'Subject': 'Hello',
  'Date': 'Tue, 09 Apr 2024 10:00:00 +0000',
  'Message-ID': '<a@example.net>',
  'Return-Path': '<bounce@example.net>',
};

/** Header lines with X in the place under test; the other headers stay as in BASE. */
const CASES: Array<[string, string]> = [
  ['Received', 'from X (X [192.0.2.1]) by mx.contoso.com with ESMTPS id X; Tue, 09 Apr 2024 10:00:00 +0000'],
  ['Received', 'from mail.example.net ([X]) by X with X; X'],
  ['Received', 'X'],
  ['Received', 'from a by b; Tue, 09 Apr 2024 10:00:00 X'],
  ['Authentication-Results', 'X; spf=X smtp.mailfrom=X; dkim=pass header.d=X; dmarc=fail header.from=X'],
  ['Authentication-Results', 'mx.contoso.com; X=pass; X; spf=pass X=X; dmarc=pass (X) header.from=example.net'],
  ['Authentication-Results', 'mx.contoso.com; spf=pass reason="X"; compauth=X reason=X; dmarc=pass action=X header.from=example.net'],
  ['ARC-Authentication-Results', 'i=X; mx.contoso.com; spf=X'],
  ['ARC-Seal', 'i=1; a=X; cv=X; d=X; s=X; b=X'],
  ['ARC-Message-Signature', 'i=X; a=rsa-sha256; d=X; s=X; h=X; bh=X; b=X'],
  ['DKIM-Signature', 'v=X; a=X; d=X; s=X; h=X; bh=X; b=X; i=X; t=X; x=X; l=X; c=X; q=X'],
  ['DKIM-Signature', 'X=1; v=1; a=rsa-sha256; d=example.net; s=s1; h=from; bh=A; b=B'],
  ['From', 'X <X@X>'], ['From', 'X'], ['From', '"X" <sender@example.net>'], ['From', '=?utf-8?B?X?= <a@example.net>'], ['From', '=?X?Q?a?= <a@example.net>'],
  ['To', 'X'], ['Reply-To', 'X <X@X>'], ['Sender', 'X'], ['Return-Path', '<X>'], ['Return-Path', 'X'],
  ['Date', 'X'], ['Date', 'Tue, 09 X 2024 10:00:00 +0000'], ['Message-ID', 'X'], ['Subject', 'X'], ['Subject', '<script>X</script>'], ['Subject', '=?utf-8?X?a?='],
  ['X-MS-Exchange-Organization-SCL', 'X'], ['X-Forefront-Antispam-Report', 'CIP:X;CTRY:X;LANG:X;SCL:X;SRV:X;IPV:X;SFV:X;PTR:X;CAT:X;SFS:(X)'],
  ['X-Microsoft-Antispam', 'BCL:X;'], ['X-MS-Exchange-Organization-AuthAs', 'X'], ['X-MS-Exchange-Organization-AuthSource', 'X'], ['X-MS-Exchange-Transport-CrossTenantHeadersStamped', 'X'],
  ['X-Originating-IP', '[X]'], ['X-MS-Exchange-Organization-MessageDirectionality', 'X'], ['Received-SPF', 'X (X: domain of X designates X as permitted sender) receiver=X; client-ip=X; helo=X;'],
  ['X-Mailer', 'X'], ['List-Unsubscribe', '<X>'], ['MIME-Version', 'X'], ['Content-Type', 'X'], ['X', 'value'],
];

const PLANTED = ['q', '9', 'é'];

function messagesIn(value: unknown, out: string[], seen = new Set<object>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) for (const v of value) messagesIn(v, out, seen);
  else {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'message' || k === 'note') && typeof v === 'string') out.push(v);
      else messagesIn(v, out, seen);
    }
  }
  return out;
}

test('headers: a megabyte in any header or token is quoted clipped in findings and reasons', () => {
  const b = new BoundedMessages();
  for (const ch of PLANTED) {
    const x = huge(ch, 300_000);
    for (const [name, value] of CASES) {
      const headers = { ...BASE };
      const n = name.replaceAll('X', x);
      if (n !== name) headers[n] = value;
      else headers[name] = value.replaceAll('X', x);
      const text = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n';
      const where = `${name}: ${value} (${ch})`;
      b.check(messagesIn(lintHeaders(text, { now: NOW }), []), ch, `lint ${where}`);
      b.check(messagesIn(analyzeHeaders(text, { org: ORG, now: NOW, surface: 'cli' }), []), ch, `analyze ${where}`);
    }
  }
  b.done();
});
