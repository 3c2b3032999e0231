// Issue 15, live checks: advice written once and worded per surface (settings and commands
// in the editor, flags in the CLI); a failure report that never claims an answer nobody
// gave, never calls a timeout a refusal, explains one unreachable server once, and does
// not say "No key found" after lookups that got no answer; an SPF permerror/temperror for
// an address inside an authorised range is not "not permitted, authorise it".
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { changeText, fixText, type Change } from '../../../src/core/checks/advice';
import { answerRows, sharedFailure } from '../../../src/core/checks/explain';
import { checkDomain } from '../../../src/core/checks/domain';
import { checkSpf } from '../../../src/core/checks/spf';
import { checkMarkdown } from '../../../src/core/checks/markdown';
import { findingLines } from '../../../src/cli/render/checkText';
import { createResolver } from '../../../src/core/dns/resolver';
import { fakeResolver, txt } from '../dns/fakeResolver';

const EVERY_CHANGE: Change[] = [
  { knob: 'resolver-servers', why: 'to ask another server' },
  { knob: 'resolver-timeout' },
  { knob: 'check-dkim', domain: 'contoso.com', selector: '<s>' },
  { knob: 'check-spf', domain: 'contoso.com' },
  { knob: 'check-dmarc', domain: 'contoso.com' },
  { knob: 'check-spf-client', domain: 'contoso.com' },
];

describe('advice: one message source, two renderings', () => {
  test('the editor names settings and commands, never a CLI flag; the CLI keeps its flags', () => {
    for (const c of EVERY_CHANGE) {
      const editor = changeText(c, 'editor');
      assert.doesNotMatch(editor, /--\w|mailsec check /, `editor wording of ${c.knob}: ${editor}`);
      assert.match(changeText(c, 'cli'), /--\w|mailsec check /, `CLI wording of ${c.knob}`);
    }
    const f = { fix: 'The DNS server did not answer in time.', change: EVERY_CHANGE.slice(0, 2) };
    assert.equal(fixText(f, 'editor'), 'The DNS server did not answer in time. To ask another server, set mailsec.dns.servers; raise mailsec.dns.timeout (milliseconds).');
    assert.equal(fixText(f, 'cli'), 'The DNS server did not answer in time. To ask another server, pass --server IP[:port]; raise --timeout (milliseconds).');
  });
});

describe('a mail-domain check against a DNS server that never answers (real UDP socket on loopback)', () => {
  let silent: Socket;
  let port: number;
  before(async () => {
    silent = createSocket('udp4');
    silent.on('message', () => undefined); // reads every query, answers none
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    port = (silent.address() as AddressInfo).port;
  });
  after(() => silent.close());

  test('one explanation for all checks, no "Answered by", no "refused", no "No key found"', async () => {
    const resolver = createResolver({ servers: [{ address: '127.0.0.1', port, family: 4 }], timeoutMs: 150, attempts: 1 });
    const d = await checkDomain(resolver, 'contoso.com', { discoverSelectors: ['selector1', 'selector2', 'google'] });
    const shared = sharedFailure(d.results);
    assert.ok(shared, 'the checks share one explanation');
    assert.deepEqual(shared.checks.sort(), d.results.map((r) => r.check).sort(), 'every check stopped on the same server');
    const everything = JSON.stringify(d);
    assert.doesNotMatch(everything, /refus/i, 'a timeout is not called refused');
    assert.doesNotMatch(everything, /No key found/, 'no "No key found" after lookups nobody answered');
    const dkim = d.results.find((r) => r.check === 'dkim')!;
    assert.match(dkim.summary, /Could not tell whether contoso\.com has a DKIM key/);
    for (const r of d.results) for (const e of r.dns) for (const row of answerRows(e)) assert.equal(row.server, 'none answered', `${row.name}: no server is named as having answered`);

    const info = { servers: [`127.0.0.1:${port}`], origin: 'the mailsec.dns.servers setting' };
    const editor = checkMarkdown(d, info, 'editor');
    assert.doesNotMatch(editor, /Answered by/, 'nothing answered');
    assert.match(editor, /Asked 127\.0\.0\.1:\d+ \(from the mailsec\.dns\.servers setting\): none answered\./);
    assert.doesNotMatch(editor, /--server|--timeout/, 'the editor names no CLI flag');
    assert.match(editor, /To ask another server, set mailsec\.dns\.servers; to wait longer, raise mailsec\.dns\.timeout/);
    assert.equal(editor.match(/Fix: /g)?.length, 1, 'the failure is explained once, not once per check');
    assert.equal(editor.match(/No DNS server answered \(see above\)/g)?.length, 6);
    const cli = checkMarkdown(d, info, 'cli');
    assert.match(cli, /pass --server IP\\\[:port\\\]; to wait longer, raise --timeout/);
    const lines = findingLines(shared.finding).join('\n');
    assert.match(lines, /--timeout/);
  });
});

describe('SPF: a temperror from a lookup is not "IP not permitted — authorise it"', () => {
  // RFC 7208 §5.5: a DNS error on the ptr lookup only makes ptr not match (the ip4 then passes);
  // an include whose lookup fails is a temperror for the whole evaluation (§5.2, §4.4).
  test('ptr answered REFUSED: the mechanism does not match, the ip4 range passes', async () => {
    const r = await checkSpf(fakeResolver({ 'example.com TXT': { answers: [txt('example.com', 'v=spf1 ptr ip4:192.0.2.0/24 -all')] }, '10.2.0.192.in-addr.arpa PTR': { rcode: 'REFUSED' } }), 'example.com', { ip: '192.0.2.10', sender: 'a@example.com' });
    assert.equal(r.parsed?.evaluation?.result, 'pass');
    assert.ok(!r.findings.some((f) => f.code === 'spf-ip-not-permitted' || f.code === 'spf-evaluation-error'));
  });
  for (const rcode of ['REFUSED', 'SERVFAIL'] as const) {
    test(`an include answered ${rcode} before the ip4 range that holds the address`, async () => {
      const r = await checkSpf(fakeResolver({ 'example.com TXT': { answers: [txt('example.com', 'v=spf1 include:_spf.broken.example ip4:192.0.2.0/24 -all')] }, '_spf.broken.example TXT': { rcode } }), 'example.com', { ip: '192.0.2.10', sender: 'a@example.com' });
      const codes = r.findings.map((f) => f.code);
      assert.ok(!codes.includes('spf-ip-not-permitted'), codes.join(', '));
      const f = r.findings.find((x) => x.code === 'spf-evaluation-error')!;
      assert.ok(f, 'the evaluation error is reported as such');
      assert.doesNotMatch(f.fix, /authorise it/i);
      assert.match(f.fix, /192\.0\.2\.10 is inside 192\.0\.2\.0\/24 \(ip4\), which the policy authorises/);
      assert.match(fixText(f, 'editor'), /mailsec\.dns\.servers/);
    });
  }
});

describe('no check writes a CLI flag into a fix (the editor shows fixes too)', () => {
  const EXCEPTIONS = new Set<string>();
  test('checkFinding(...) calls in src/core/checks name no --flag and no "mailsec check" command', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(__dirname, '..', '..', '..', 'src', 'core', 'checks');
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !EXCEPTIONS.has(f))) {
      readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
        if (/checkFinding\(/.test(line) && /--[a-z]|mailsec check /.test(line)) offenders.push(`${file}:${i + 1}`);
      });
    }
    assert.deepEqual(offenders, []);
  });
});
