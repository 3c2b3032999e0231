import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { checkDkim } from '../../../src/core/checks/dkim';
import { checkDmarc } from '../../../src/core/checks/dmarc';
import { checkSpf } from '../../../src/core/checks/spf';
import { checkMarkdown, mdCode, mdText, verifyMarkdown } from '../../../src/core/checks/markdown';
import type { VerifyResult } from '../../../src/core/checks/verifyMessage';
import { fakeResolver, rr, txt } from '../dns/fakeResolver';

// markdown-it renders Markdown in VS Code; it comes with @vscode/vsce (a dev dependency).
const MarkdownIt = createRequire(__filename)('markdown-it') as new (o: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

const KEY = 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQChXN7lR8rBXHbrAkRRRh3fRi6XX4oLcA9YjuXmzvH40y+0E4L0ZhiweCc5c+D4ODe2PgrLEt8t0YrrCsrR+HVNVEcPTmOh9/D629gRuFL7qI7hKhqsj1Smn0DbNCAiHyF2F6mIJZDKCdRGTZRqhtBpisl37z9PpU0G6xradgfNGwIDAQAB';
const HOSTILE = 'v=spf1 <script>alert(1)</script> ``x|y`` [click](https://evil.example) www.evil.example \u001b[31m -all';

void describe('Markdown of check results', () => {
  void it('shows the verdict, the key, the CNAME chain with TTLs and servers, and where the servers came from', async () => {
    const r = await checkDkim(fakeResolver({
      's1._domainkey.example.com TXT': { answers: [rr('s1._domainkey.example.com', 'CNAME', 'hop.example.net', 3600)] },
      'hop.example.net TXT': { answers: [{ ...txt('hop.example.net', 'v=DKIM1; k=rsa; ', `p=${KEY}`), ttl: 1800 }] },
    }), 'example.com', 's1');
    const text = checkMarkdown(r, { servers: ['127.0.0.1:5353'], origin: 'the mailsec.dns.servers setting' }, 'cli');
    assert.match(text, /^## DKIM `s1\._domainkey\.example\.com`: WARN$/m);
    assert.match(text, /^- Key size: 1024 bits$/m);
    assert.match(text, /^\| `s1\._domainkey\.example\.com` \| CNAME \| `hop\.example\.net` \| 3600 \| 192\.0\.2\.53:53 \|$/m);
    assert.match(text, /^\| `hop\.example\.net` \| TXT \| `v=DKIM1; k=rsa; p=MIGf[^`]+` \| 1800 \| 192\.0\.2\.53:53 \(udp\) \|$/m);
    assert.match(text, /^- \*\*Warning\*\* `dkim-key-weak`/m);
    assert.match(text, /^ {2}Fix: /m);
    assert.match(text, /^Answered by 127\.0\.0\.1:5353 \(from the mailsec\.dns\.servers setting\)\.$/m);
    const html = md.render(text);
    assert.match(html, /<table>/);
    assert.equal((html.match(/<tr>/g) ?? []).length, 3, 'a header row and two answer rows');
  });

  void it('renders hostile TXT text as text: no HTML, no links, no extra table cells, no raw escapes', async () => {
    const r = await checkSpf(fakeResolver({ 'example.com TXT': { answers: [txt('example.com', HOSTILE)] } }), 'example.com');
    const text = checkMarkdown(r, undefined, 'cli');
    assert.ok(!text.includes('\u001b'), 'control characters are made visible');
    assert.ok(text.includes('U+001B'));
    const html = md.render(text);
    assert.ok(!/<script/i.test(html), html);
    assert.ok(!/<a /i.test(html), 'no link from attacker text');
    for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) assert.equal((row.match(/<t[dh][ >]/g) ?? []).length, 5, row);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the value is shown, escaped');
  });

  void it('explains a DMARC policy inherited from the organisational domain and its report destinations', async () => {
    const r = await checkDmarc(fakeResolver({
      '_dmarc.example.com TXT': { answers: [txt('_dmarc.example.com', 'v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com,mailto:agg@reports.example.net')] },
    }), 'sub.example.com');
    const text = checkMarkdown(r, undefined, 'cli');
    assert.match(text, /No record of its own: the record of the organisational domain example\.com applies\./);
    assert.match(text, /Policy sp=quarantine: receivers treat mail that fails DMARC as suspicious/);
    assert.match(text, /^- rua `mailto:agg@reports\.example\.net`: external, NOT authorised \(no "v=DMARC1" at example\.com\.\\_report\.\\_dmarc\.reports\.example\.net\)$/m);
  });

  void it('escapes what would start a heading or a list only at the start of a line', () => {
    assert.equal(mdText('# 1. not a heading', true), '\\# 1. not a heading');
    assert.equal(md.render(mdText('1. not a list', true)).trim(), '<p>1. not a list</p>');
    assert.equal(md.render(mdText('# 1. not a heading', true)).trim(), '<p># 1. not a heading</p>');
    assert.equal(md.render(mdText('- not an item', true)).trim(), '<p>- not an item</p>');
    assert.equal(mdText('192.0.2.1 (udp)'), '192.0.2.1 (udp)');
  });

  void it('code spans hold any text exactly, however many backticks it has', () => {
    for (const s of ['plain', '`tick', 'a``b', ' spaced ', '```', '']) {
      const html = md.render(mdCode(s));
      const inner = /<code>([\s\S]*)<\/code>/.exec(html)?.[1] ?? '';
      assert.equal(inner.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), s === '' ? ' ' : s, `${JSON.stringify(s)} → ${html}`);
    }
    assert.equal(md.render(mdText('*not bold* <b>x</b> https://evil.example')).trim(), '<p>*not bold* &lt;b&gt;x&lt;/b&gt; https://evil.example</p>');
  });

  void it('renders a message verification with each method and the Authentication-Results header', () => {
    const r: VerifyResult = {
      verdict: 'pass', input: 'message', summary: 'DKIM pass (example.com); SPF pass (192.0.2.55); DMARC pass', from: ['alice@example.com'],
      dkim: [{ domain: 'example.com', selector: 'mail2024', algorithm: 'rsa-sha256', result: 'pass', aligned: true, keyBits: 2048 }],
      spf: { result: 'pass', clientIp: '192.0.2.55', clientIpSource: 'received', domain: 'example.com', sender: 'alice@example.com' },
      dmarc: { result: 'pass', domain: 'example.com', policy: 'reject', alignment: { dkim: 'example.com', spf: 'example.com' } },
      authenticationResults: 'Authentication-Results: mailsec;\n dkim=pass header.d=example.com', findings: [], dns: [],
    };
    const text = verifyMarkdown('msg.eml', r, { servers: ['[::1]:53'], origin: '/etc/resolv.conf' }, 'cli');
    assert.match(text, /^## Message `msg\.eml`: PASS$/m);
    // the header panel's vocabulary: sender validated, Method | Result | Alignment | Details, DKIM signatures
    assert.match(text, /^\*\*Sender validated\.\*\* /m);
    assert.match(text, /^\| DKIM \| pass \| aligned with From \| d=example\.com, s=mail2024 \|$/m);
    assert.match(text, /^\| SPF \| pass \| aligned with From \(example\.com\) \| client 192\.0\.2\.55 \(from Received\), MAIL FROM alice@example\.com \|$/m);
    assert.match(text, /^\| `example\.com` \| `mail2024` \| rsa-sha256 \| yes \| 2048-bit key, result pass \|$/m);
    assert.match(text, /^```+text\nAuthentication-Results: mailsec;\n dkim=pass header\.d=example\.com\n```+$/m);
    assert.match(text, /^No problems found\.$/m);
  });

  void it('renders 200,000 findings and DNS answers without overflowing the stack (no push(...xs))', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ({ code: 'verify-dkim-fail', severity: 'error' as const, message: `m${i}`, fix: 'f', span: { start: 0, end: 0 } }));
    const r: VerifyResult = {
      verdict: 'fail', input: 'message', summary: 's', from: [], dkim: [], spf: { result: 'none', clientIpSource: 'none' },
      authenticationResults: 'Authentication-Results: mailsec;\n dkim=none', findings: many, dns: [],
    };
    const text = verifyMarkdown('big.eml', r, undefined, 'cli');
    assert.ok(text.includes('m199999'));
  });
});
