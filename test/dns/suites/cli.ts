import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { silentUdpServer, type NamedInstance } from '../harness';
import { plainMessage, signed } from '../messages';
import { fakeIo } from '../../unit/cli/fakeIo';

const fakeIO = (cwd = process.cwd(), stdin = ''): ReturnType<typeof fakeIo> => fakeIo(cwd, stdin); // one fake for all CLI tests

async function cli(argv: string[], io = fakeIO()): Promise<{ code: number; out: string; err: string }> {
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

export function cliSuite(named: () => NamedInstance): void {
  void describe('mailsec check / verify against named', () => {
    const server = () => ['--server', named().server];
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'mailsec-cli-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    void it('check mx: text output, exit 0 on pass, names the server', async () => {
      const r = await cli(['check', 'mx', 'example.com', ...server()]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^MX {2}example\.com {2}PASS$/m);
      assert.match(r.out, /10 mx1\.example\.com {2}192\.0\.2\.10, 2001:db8::10/);
      assert.match(r.out, new RegExp(`DNS servers: ${named().server.replace(/\./g, '\\.')} \\(from --server\\)`));
    });

    void it('check dkim: Markdown output with the CNAME chain, TTLs and the server that answered', async () => {
      const r = await cli(['check', 'dkim', 'example.com', '--selector', 'safemail', ...server(), '--format', 'markdown']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^## DKIM `safemail\._domainkey\.example\.com`: PASS$/m);
      assert.match(r.out, new RegExp(`^\\| \`safemail\\._domainkey\\.example\\.com\` \\| CNAME \\| \`safemailhop\\.example\\.net\` \\| 3600 \\| ${named().server.replace(/\./g, '\\.')} \\|$`, 'm'));
      assert.match(r.out, /^\| `safemailhop\.example\.net` \| TXT \| `v=DKIM1; k=rsa; p=MIIB[^`]+` \| 1800 \|/m);
      assert.match(r.out, /^- Key size: 2048 bits$/m);
      assert.match(r.out, /^Answered by .*\(from --server\)\.$/m);
    });

    void it('check dmarc: JSON output with the verdict, and exit 1 on warnings', async () => {
      const r = await cli(['check', 'dmarc', 'example.com', ...server(), '--format', 'json']);
      assert.equal(r.code, 1);
      const j = JSON.parse(r.out) as { verdict: string; check: string; parsed: { effectivePolicy: string }; serverOrigin: string; findings: { code: string; fix: string }[] };
      assert.equal(j.check, 'dmarc');
      assert.equal(j.verdict, 'warn');
      assert.equal(j.parsed.effectivePolicy, 'reject');
      assert.equal(j.serverOrigin, '--server');
      assert.ok(j.findings.every((f) => f.fix.length > 0));
    });

    void it('check dkim --selector: the key through its CNAME; check spf: the tree, exit 2 over the limit', async () => {
      const dkim = await cli(['check', 'dkim', 'example.com', '--selector', 'safemail', ...server()]);
      assert.equal(dkim.code, 0, dkim.err);
      assert.match(dkim.out, /safemail\._domainkey\.example\.com CNAME safemailhop\.example\.net {2}\(TTL 3600/);
      assert.match(dkim.out, /type rsa, 2048 bits/);
      const spf = await cli(['check', 'spf', 'toomany.example.com', ...server()]);
      assert.equal(spf.code, 2);
      assert.match(spf.out, /spf-lookup-limit/);
      assert.match(spf.out, /include:t1\.example\.com {3}\[1 lookup\]/);
      const ev = await cli(['check', 'spf', 'example.com', '--ip', '203.0.113.5', '--sender', 'bob@example.com', ...server(), '--format', 'json']);
      assert.equal(ev.code, 0, ev.err);
      assert.equal((JSON.parse(ev.out) as { parsed: { evaluation: { result: string } } }).parsed.evaluation.result, 'pass');
    });

    void it('exit 2 on failures', async () => {
      const r = await cli(['check', 'mx', 'dangling.example.org', ...server()]);
      assert.equal(r.code, 2);
      assert.match(r.out, /FAIL/);
      assert.match(r.out, /mx-target-no-address/);
    });

    void it('--fail-on: warnings 0 with error; failures 0 only with never', async () => {
      assert.equal((await cli(['check', 'dmarc', 'example.com', ...server(), '--fail-on', 'error'])).code, 0);
      assert.equal((await cli(['check', 'mx', 'dangling.example.org', ...server(), '--fail-on', 'error'])).code, 2);
      assert.equal((await cli(['check', 'mx', 'dangling.example.org', ...server(), '--fail-on', 'never'])).code, 0);
    });

    void it('exit 3 when the server answers SERVFAIL', async () => {
      const r = await cli(['check', 'mx', 'www.broken.test', ...server()]);
      assert.equal(r.code, 3);
      assert.match(r.out, /COULD NOT CHECK/);
    });

    void it('check domain: every check, worst verdict', async () => {
      const r = await cli(['check', 'domain', 'example.org', ...server(), '--format', 'json']);
      const j = JSON.parse(r.out) as { verdict: string; results: { check: string; verdict: string }[] };
      assert.deepEqual(j.results.map((x) => x.check), ['spf', 'dkim', 'dmarc', 'mx', 'mta-sts', 'tls-rpt']);
      assert.equal(j.verdict, 'warn'); // p=none, no DKIM selector found
      assert.equal(r.code, 1);
    });

    void it('verify: a signed message passes, a changed one warns; the key via CNAME is shown', async () => {
      const eml = join(dir, 'm.eml');
      writeFileSync(eml, await signed(plainMessage()));
      const ok = await cli(['verify', 'm.eml', '--ip', '192.0.2.55', ...server()], fakeIO(dir));
      assert.equal(ok.code, 0, ok.out + ok.err);
      assert.match(ok.out, /s=safemail rsa-sha256 {2}pass .*key via CNAME safemailhop\.example\.net/);
      assert.match(ok.out, /DMARC: pass/);
      writeFileSync(eml, (await signed(plainMessage())).replace('Hello Bob', 'Hello Mallory'));
      const changed = await cli(['verify', eml, '--ip', '192.0.2.55', ...server()]);
      assert.equal(changed.code, 1);
      assert.match(changed.out, /BODY CHANGED/);
    });

    void it('verify reads standard input with -', async () => {
      const r = await cli(['verify', '-', '--ip', '192.0.2.55', '--format', 'json', ...server()], fakeIO(dir, await signed(plainMessage())));
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as { dmarc: { result: string } }).dmarc.result, 'pass');
    });
  });

}

export function cliOfflineSuite(): void {
  void describe('mailsec check / verify: bad usage (exit 64), unreadable input and unreachable servers (exit 3)', () => {
    void it('rejects bad usage with exit 64 and the usage text', async () => {
      for (const argv of [
        ['check'],
        ['check', 'spam', 'example.com'],
        ['check', 'mx'],
        ['check', 'mx', 'exa mple.com'],
        ['check', 'mx', 'example.com', '--server', 'ns1.example.com'],
        ['check', 'mx', 'example.com', '--timeout', 'soon'],
        ['check', 'mx', 'example.com', '--format', 'xml'],
        ['check', 'mx', 'example.com', '--bogus'],
        ['check', 'dkim', 'example.com', '--selector', 'a b'],
        ['check', 'spf', 'example.com', '--ip', '300.1.1.1'],
        ['check', 'spf', 'example.com', '--sender', 'a@example.com'],
        ['check', 'mx', 'example.com', '--fail-on', 'sometimes'],
        ['verify'],
        ['verify', 'x.eml', '--ip', 'not-an-ip'],
      ]) {
        const r = await cli(argv);
        assert.equal(r.code, 64, `${argv.join(' ')} → ${r.code}`);
        assert.match(r.err, /^mailsec (check|verify): .+/, argv.join(' '));
        assert.match(r.err, /Usage: mailsec (check|verify)/, argv.join(' '));
      }
    });

    void it('a message that cannot be read exits 3 (could not run)', async () => {
      const r = await cli(['verify', 'does-not-exist.eml', '--server', '127.0.0.1:53']);
      assert.equal(r.code, 3);
      assert.match(r.err, /^mailsec verify: cannot read does-not-exist\.eml: no such file/);
    });

    void it('exit 3 with the server named when nothing answers', async () => {
      const silent = await silentUdpServer();
      try {
        const r = await cli(['check', 'mx', 'example.com', '--server', `127.0.0.1:${silent.port}`, '--timeout', '100']);
        assert.equal(r.code, 3);
        assert.match(r.out, new RegExp(`127\\.0\\.0\\.1:${silent.port} did not answer example\\.com MX`));
      } finally {
        silent.close();
      }
    });
  });
}
