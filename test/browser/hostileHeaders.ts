/**
 * A header written by an attacker who hopes the analyser renders it as HTML: script tags,
 * event handlers, javascript: URLs, CSS tricks and SVG, plain and as RFC 2047 encoded words
 * (base64 and Q), in every field the header panel shows. Every payload that could run sets
 * `window.__pwned` (a canary) or opens a dialog, or loads from evil.example.
 */
export const PAYLOADS: readonly string[] = [
  `<script>window.__pwned='script'</script>`,
  `<img src=x onerror="window.__pwned='img'">`,
  `javascript:window.__pwned='js'`,
  `<a href="javascript:window.__pwned='a'">click</a>`,
  `</style><style>body{background:url("javascript:window.__pwned='css'")}</style>`,
  `<div style="width:expression(window.__pwned='expr')">`,
  `url(javascript:window.__pwned='url')`,
  `<style>@import url(https://evil.example/x.css);</style>`,
  `<svg onload="window.__pwned='svg'"><script>alert(1)</script></svg>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<link rel=stylesheet href=https://evil.example/y.css>`,
  `<img src="https://evil.example/z.png">`,
  `{{constructor.constructor('window.__pwned=1')()}}`,
];

/** Payloads without characters that end a header token, for places that take one word. */
export const TOKEN_PAYLOADS: readonly string[] = [`<svg/onload=window.__pwned='tok'>`, `javascript:window.__pwned='tok2'`, `<img/src=x/onerror=alert(1)>`];

function b64(s: string): string {
  return `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

function q(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  for (const b of bytes) out += /[A-Za-z0-9!*+\-/]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 0x20 ? '_' : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return `=?UTF-8?Q?${out}?=`;
}

/** Each payload plain, base64-encoded and Q-encoded. */
export function variants(p: string): string[] {
  return [p, b64(p), q(p)];
}

/** The corpus: one header block with payloads in every place a panel shows text. */
export function hostileHeader(): string {
  const [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12] = PAYLOADS as [string, string, string, string, string, string, string, string, string, string, string, string, string];
  const [t0, t1, t2] = TOKEN_PAYLOADS as [string, string, string];
  const lines = [
    `Received: from ${t0} (${t1} [198.51.100.7]) by mx.contoso.com (${p0}) with ${t2} id ${t0}; Tue, 5 Mar 2024 09:15:04 +0000`,
    `Received: from ${t1} (unknown [203.0.113.9]) by ${t0} with ESMTP id X1 for <${t2}@contoso.com>; Tue, 5 Mar 2024 09:15:02 +0000`,
    `Received: (qmail 4711 invoked by uid 89 ${p8}); Tue, 5 Mar 2024 09:15:01 +0000`,
    `Authentication-Results: mx.contoso.com; spf=fail (${p1}) smtp.mailfrom=${t1}; dkim=fail (${p2}) header.d=${t0} header.s=${t2}; dmarc=fail action=${t0} header.from=${t1}; compauth=fail reason=${t0}`,
    `Authentication-Results: ${t0}; spf=pass smtp.mailfrom="${p3}"; ${p4}`,
    `ARC-Authentication-Results: i=1; ${t1}; spf=pass`,
    `ARC-Seal: i=1; a=rsa-sha256; cv=${t0}; d=${t1}; s=${t2}; b=abc`,
    `DKIM-Signature: v=1; a=${t0}; d=${t1}; s=${t2}; h=from:subject; bh=${p5}; b=${p6}; l=12; x=1`,
    `Received-SPF: Fail (${p7}) client-ip=${t0}; envelope-from=${t1}`,
    `From: ${b64(p0)} <${t0}@example.net>, "${p1}" <ceo@contoso.com>`,
    `Sender: ${q(p2)} <bob@example.net>`,
    `Reply-To: "${p3}" <${t1}@evil.example>`,
    `Return-Path: <${t2}@example.net>`,
    `To: ${b64(p4)} <user@contoso.com>, ${q(p5)} <x@contoso.com>`,
    `Cc: "${p6}" <billing@xn--pypal-4ve.com>`,
    `Subject: ${p7} ${b64(p8)} ${q(p9)}`,
    `Date: ${p10}`,
    `Message-ID: <${p11}@example.net>`,
    `X-MS-Exchange-Organization-SCL: ${p12}`,
    `X-MS-Exchange-Organization-AuthAs: ${p0}`,
    `X-Microsoft-Antispam: BCL:${t0};PCL:${t1};ARA:${p1};`,
    `X-Forefront-Antispam-Report: CIP:${t0};CTRY:${t1};LANG:${t2};SCL:${p2};SFV:${p3};H:${p4};PTR:${p5};CAT:${p6};SFS:(${p7});DIR:${p8};${t0}:${p9};`,
    `X-Microsoft-Antispam-Mailbox-Delivery: ucf:${t0};dest:${p10};ENG:(${p11});`,
    `X-<svg/onload=window.__pwned='name'>: ${p12}`,
    `X-Encoded: ${PAYLOADS.flatMap(variants).slice(0, 12).join(' ')}`,
    `X-Mailer: ${q(p0)} ${b64(p9)}`,
  ];
  return lines.join('\r\n') + '\r\n\r\n<html><body onload="window.__pwned=\'body\'">body</body></html>\r\n';
}
