/**
 * Issue 13, "Headers: read what real mail servers write": Microsoft 365's older
 * Authentication-Results layout (the seed's exchangefun.nl → wesselius.info header), and a
 * trust boundary that knows Microsoft 365's and Google Workspace's own servers, with a note
 * that asks for the settings by their names on each surface and goes once they are set.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { parseAuthResults } from '../../../src/core/headers/authResults';
import { ORGANIZATION_SETTINGS } from '../../../src/core/headers/settingsHint';
import { fakeIo } from '../cli/fakeIo';
import { byCode, FIXTURES, fixture } from './helpers';

const NOW = Date.parse('2016-07-13T00:00:00Z');
const NONE = { domains: [], displayNames: [], authservIds: [] };
const LEGACY = fixture('o365-legacy-auth-results.txt');

/** The seed's Authentication-Results, unfolded. */
const LEGACY_AR =
  'spf=pass (sender IP is 213.206.94.20) smtp.mailfrom=exchangefun.nl; wesselius.info; dkim=pass (signature was verified) header.d=Exchangefun.nl;wesselius.info; dmarc=pass action=none header.from=exchangefun.nl;';
/** The same results in today's layout. */
const TODAY_AR =
  'spf=pass (sender IP is 213.206.94.20) smtp.mailfrom=exchangefun.nl; dkim=pass (signature was verified) header.d=Exchangefun.nl;dmarc=pass action=none header.from=exchangefun.nl;compauth=pass reason=100';

const shape = (v: string) =>
  parseAuthResults(v, false).results.map((r) => ({ method: r.method, result: r.result, reason: r.reason, extras: r.extras, properties: r.properties.map((p) => `${p.ptype}.${p.property}=${p.value}`) }));

describe("Microsoft 365's older Authentication-Results layout", () => {
  it('the recipient domain after a property is not a problem, and the results are those of the current layout', () => {
    const legacy = parseAuthResults(LEGACY_AR, false);
    assert.deepEqual(legacy.problems, []);
    assert.deepEqual(legacy.results.map((r) => r.recipientDomains ?? []), [['wesselius.info'], ['wesselius.info'], []]);
    assert.deepEqual(shape(LEGACY_AR), shape(TODAY_AR).slice(0, 3));
  });

  it('with an authserv-id (RFC 8601), a bare word is still not a result', () => {
    const p = parseAuthResults('mx.example.com; spf=pass smtp.mailfrom=a.example; b.example', false);
    assert.equal(p.problems.length, 1);
  });

  it("the seed's header: no hdr-auth-results-malformed, validated, verdict PASS without settings", () => {
    const a = analyzeHeaders(LEGACY, { org: NONE, now: NOW });
    assert.deepEqual(byCode(a.findings, 'hdr-auth-results-malformed'), []);
    assert.equal(a.authentication.validated, true);
    assert.deepEqual([a.authentication.spf, a.authentication.dkim, a.authentication.dmarc], ['pass', 'pass', 'pass']);
    assert.equal(a.verdict, 'pass', a.reasons.map((f) => f.code).join(', '));
  });

  it('mailsec analyze exits 0 (PASS) on it', async () => {
    const io = fakeIo(FIXTURES);
    const code = await runCli(['analyze', '--no-config', '--now', '2016-07-13T00:00:00Z', 'o365-legacy-auth-results.txt'], io);
    assert.equal(code, 0, io.out);
    assert.match(io.out, /Verdict: PASS/);
  });
});

describe('trust boundary: the hosting providers know their own servers', () => {
  it('Exchange Online: EOP, protection.gbl, office365.com and prod.outlook.com hops are one chain, without settings', () => {
    const a = analyzeHeaders(LEGACY, { org: NONE, now: NOW });
    assert.deepEqual(
      a.hops.map((h) => [h.by, h.trust]),
      [
        ['EXFUN-EX01.exchangefun.local', 'outside'],
        ['DB3FFO11FD045.mail.protection.outlook.com', 'org'],
        ['VI1PR04CA0047.outlook.office365.com', 'org'],
        ['AM4PR0401MB1732.eurprd04.prod.outlook.com', 'org'],
        ['AM4PR0401MB1730.eurprd04.prod.outlook.com', 'org'],
      ],
    );
    assert.equal(a.trustBoundary.hop, 1);
    assert.match(a.trustBoundary.how, /recognised automatically: Microsoft 365's own servers/);
    assert.deepEqual(byCode(a.findings, 'hdr-org-hop-below-boundary'), []);
    assert.deepEqual(byCode(a.findings, 'hdr-trust-boundary-unknown'), []);
  });

  it('*.exchangelabs.com hosts are Exchange Online too', () => {
    const text = [
      'Received: from BL2PR02MB001.namprd02.prod.exchangelabs.com (10.1.2.3) by BL2PR02MB002.namprd02.prod.exchangelabs.com with HTTPS; Tue, 12 Jul 2016 09:21:07 +0000',
      'Received: from mail.sender.example (203.0.113.9) by BL2FFO11FD001.mail.protection.outlook.com (10.1.2.4) with Microsoft SMTP Server id 15.1.534.7 via Frontend Transport; Tue, 12 Jul 2016 09:21:05 +0000',
      'From: a@sender.example',
      '',
    ].join('\n');
    const a = analyzeHeaders(text, { org: NONE, now: NOW });
    assert.deepEqual(a.hops.map((h) => h.trust), ['org', 'org']);
  });

  it('Google Workspace: mx.google.com and the unnamed internal hop, without settings or an authserv-id', () => {
    const text = [
      'Received: by 2002:a05:7300:8b0b:b0:f5:3c60:3b42 with SMTP id l11csp1234567dyb; Wed, 6 Mar 2024 03:22:19 -0800 (PST)',
      'Received: from mail.fabrikam.org (mail.fabrikam.org. [203.0.113.25]) by mx.google.com with ESMTPS id b12si1234567ejq.456; Wed, 06 Mar 2024 03:22:18 -0800 (PST)',
      'Received: from [192.168.10.23] (unknown [198.51.100.77]) by mail.fabrikam.org with ESMTPSA id 4Tq; Wed, 06 Mar 2024 12:22:17 +0100',
      'From: a@fabrikam.org',
      '',
    ].join('\n');
    const a = analyzeHeaders(text, { org: NONE, now: NOW });
    assert.deepEqual(a.hops.map((h) => h.trust), ['outside', 'org', 'org']);
    assert.match(a.trustBoundary.how, /Google Workspace's own servers/);
  });

  it("a Gmail sender to Exchange Online: Google's hops are the sender's side, outside", () => {
    const text = [
      'Received: from SN7PR11MB6995.namprd11.prod.outlook.com (2603:10b6:5:1b0::14) by SN7PR11MB6996.namprd11.prod.outlook.com with HTTPS; Tue, 5 Mar 2024 09:15:04 +0000',
      'Received: from mail-sor-f41.google.com (209.85.220.41) by BN2PEPF000044A9.mail.protection.outlook.com (10.167.243.160) with Microsoft SMTP Server id 15.20.7362.11 via Frontend Transport; Tue, 5 Mar 2024 09:15:02 +0000',
      'Received: by mail-sor-f41.google.com with SMTP id 5b1f17b1804b1; Tue, 05 Mar 2024 01:15:01 -0800 (PST)',
      'From: a@gmail.com',
      '',
    ].join('\n');
    const a = analyzeHeaders(text, { org: NONE, now: NOW });
    assert.deepEqual(a.hops.map((h) => h.trust), ['outside', 'org', 'org']);
  });
});

describe('the note asking for organisation settings', () => {
  const unknown = ['Received: from a.example (a.example [192.0.2.1]) by b.example; Mon, 1 Apr 2024 10:00:00 +0000', 'From: x@a.example', ''].join('\n');

  it('names the editor settings in the editor and the flags on the command line, from one source', async () => {
    const editor = byCode(analyzeHeaders(unknown, { org: NONE, now: NOW }).findings, 'hdr-trust-boundary-unknown')[0]!;
    assert.match(editor.message, /setting mailsec\.organization\.domains/);
    assert.match(editor.message, /setting mailsec\.organization\.authservIds/);
    assert.doesNotMatch(editor.message, /--org-domain/);
    const cli = byCode(analyzeHeaders(unknown, { org: NONE, now: NOW, surface: 'cli' }).findings, 'hdr-trust-boundary-unknown')[0]!;
    assert.match(cli.message, /--org-domain/);
    assert.match(cli.message, /--authserv-id/);
    assert.doesNotMatch(cli.message, /mailsec\.organization/);
    const io = fakeIo('/');
    await runCli(['analyze', '--no-config', '-'], { ...io, readStdin: async () => unknown, stdout: (t: string) => (io.out += t) });
    assert.match(io.out, /--org-domain/);
  });

  it('is gone once settings are set (another note says no hop is yours)', () => {
    const a = analyzeHeaders(unknown, { org: { domains: ['contoso.com'], displayNames: [], authservIds: [] }, now: NOW });
    const f = byCode(a.findings, 'hdr-trust-boundary-unknown')[0]!;
    assert.doesNotMatch(f.message, /Set |setting|--org-domain/);
    assert.match(f.message, /contoso\.com/);
  });

  it('the settings and flags it names exist (package.json contributes.configuration, analyze usage)', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    const props = Object.assign({}, ...[pkg.contributes.configuration].flat().map((c: { properties: object }) => c.properties));
    const io = fakeIo('/');
    await runCli(['analyze', '--help'], io);
    for (const s of ORGANIZATION_SETTINGS) {
      assert.ok(props[s.editor], `setting ${s.editor}`);
      assert.ok((io.out + io.err).includes(s.cli), `flag ${s.cli}`);
    }
  });
});

describe('Received fields as real servers write them (MHA cases, end to end)', () => {
  const hop = (field: string) => analyzeHeaders(`${field}\nFrom: a@b.example\n`, { org: NONE, now: NOW });

  it("SendGrid's date without ';' gives a hop with a time and no hdr-received-no-date", () => {
    const a = hop('Received: by filter0383p1iad2.sendgrid.net with SMTP id filter0383p1iad2-15318-5AB8F728-C\n 2018-03-26 13:35:36.270951634 +0000 UTC');
    assert.equal(a.hops[0]!.time?.iso, '2018-03-26T13:35:36.270Z');
    assert.deepEqual([a.hops[0]!.by, a.hops[0]!.with, a.hops[0]!.id], ['filter0383p1iad2.sendgrid.net', 'SMTP', 'filter0383p1iad2-15318-5AB8F728-C']);
    assert.deepEqual(byCode(a.findings, 'hdr-received-no-date'), []);
  });

  it("qmail's stamp is not a hop, but its date is read", () => {
    const a = hop('Received: (qmail 10876 invoked from network); 24 Aug 2014 16:13:38 -0000');
    assert.equal(a.hops.length, 0);
    assert.equal(a.localStamps[0]!.time?.iso, '2014-08-24T16:13:38.000Z');
  });

  it('repeated by clauses: the first is the hop, and the field is reported', () => {
    const a = hop('Received: by me.example by you.example with this with that; Mon, 26 Mar 2018 13:35:36 +0000');
    assert.equal(a.hops[0]!.by, 'me.example');
    assert.equal(a.hops[0]!.with, 'this; that');
    assert.match(byCode(a.findings, 'hdr-received-malformed')[0]!.message, /2 "by" clauses \(me\.example, you\.example\)/);
  });

  it('a date without a time of day is not read (no invented midnight)', () => {
    const a = hop('Received: from a.example by b.example; 22 Apr 2018');
    assert.equal(a.hops[0]!.time, null);
    assert.equal(byCode(a.findings, 'hdr-received-no-date').length, 1);
  });
});
