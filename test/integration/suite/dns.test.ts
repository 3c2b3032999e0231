// Live DNS checks as a mail admin runs them, in a real VS Code, against a real BIND named
// started by the test on 127.0.0.1 (test/dns/named.ts, the zones of test/dns/zones): the
// commands, the results panel (it posts back what it rendered), cancellation, Verify
// Message Authentication on a signed .eml, and the zone file "Check live" CodeLens.
// Only loopback addresses are ever asked.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LiveOutcome } from '../../../src/extension/live/service';
import type { ZoneLiveResult } from '../../../src/core/checks/zoneCompare';
import type { SpfCheckResult } from '../../../src/core/checks/spf';
import type { DmarcCheckResult } from '../../../src/core/checks/dmarc';
import type { VerifyResult } from '../../../src/core/checks/verifyMessage';
import { namedMissingReason, silentUdpServer, startNamed, type NamedInstance } from '../../dns/named';
import { harnessKey, plainMessage, signed } from '../../dns/messages';
import { activateExtension, fixtureUri, openFixture, screenshot } from './util';

type Done = Extract<LiveOutcome, { status: 'done' }>;

function done(o: LiveOutcome | undefined): Done {
  assert.ok(o, 'the command returned an outcome');
  assert.equal(o.status, 'done', JSON.stringify(o).slice(0, 500));
  assert.ok(o.rendered, 'the panel reported what it rendered');
  return o;
}

async function setServers(servers: string[] | undefined, extra: Record<string, number | undefined> = {}): Promise<void> {
  const config = vscode.workspace.getConfiguration('mailsec');
  await config.update('dns.servers', servers, vscode.ConfigurationTarget.Workspace);
  for (const [k, v] of Object.entries(extra)) await config.update(k, v, vscode.ConfigurationTarget.Workspace);
}

describe('live DNS checks against a real named on 127.0.0.1', function () {
  let named: NamedInstance | undefined;
  let root = '';
  const server = (): string => named!.server;

  before(async function () {
    this.timeout(60_000);
    const reason = namedMissingReason();
    if (reason) {
      console.log(`    SKIPPED live DNS suite: ${reason}`);
      this.skip();
    }
    root = (await activateExtension()).extensionPath;
    named = await startNamed(join(root, 'test', 'dns', 'zones'));
    await setServers([named.server]);
  });

  after(async () => {
    await setServers(undefined, { 'dns.timeout': undefined, 'dns.attempts': undefined });
    await named?.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Check DKIM follows the CNAME chain of safemail._domainkey.example.com; the panel shows the chain, TTLs and who answered', async () => {
    const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDkim', { domain: 'example.com', selector: 'safemail' }));
    const r = o.rendered!;
    assert.equal(r.heading, 'DKIM safemail._domainkey.example.com');
    assert.equal(r.verdict, 'PASS');
    assert.match(r.summary!, /^2048-bit RSA key at safemail\._domainkey\.example\.com via CNAME safemailhop\.example\.net\.$/);
    assert.equal(r.answers[0], `safemail._domainkey.example.com | CNAME | safemailhop.example.net | 3600 | ${server()}`);
    assert.match(r.answers[1]!, new RegExp(`^safemailhop\\.example\\.net \\| TXT \\| v=DKIM1; k=rsa; p=MIIB\\S+ \\| 1800 \\| ${server().replace(/\./g, '\\.')} \\(udp\\)$`));
    assert.equal(r.status, `Answered by ${server()} (from the mailsec.dns.servers setting).`);
    assert.deepEqual(o.resolver, { servers: [server()], origin: 'the mailsec.dns.servers setting' });
    await screenshot('live-dkim');
    assert.equal(await vscode.commands.executeCommand('mailsec.copyLiveResultAsMarkdown'), true);
    const md = await vscode.env.clipboard.readText();
    assert.match(md, /^## DKIM `safemail\._domainkey\.example\.com`: PASS$/m);
    assert.ok(md.includes(`| \`safemail._domainkey.example.com\` | CNAME | \`safemailhop.example.net\` | 3600 | ${server()} |`), md);
  });

  it('Check SPF on a domain over the 10-lookup limit fails with the count and the fix', async () => {
    const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkSpf', { domain: 'toomany.example.com' }));
    assert.equal(o.rendered!.verdict, 'FAIL');
    assert.deepEqual(o.rendered!.findings, ['spf-lookup-limit']);
    assert.equal((o.result.result as SpfCheckResult).parsed!.lookups, 11); // counted in order, as receivers do, up to the 11th
    assert.ok(o.rendered!.sections.includes('Record'));
    assert.ok(o.rendered!.answers.some((a) => a.startsWith('t1.example.com | TXT | v=spf1 a:mx1.example.com')), o.rendered!.answers.join('\n'));
  });

  it('Check DMARC on a subdomain falls back to the organisational domain', async () => {
    const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDmarc', { domain: 'sub.example.com' }));
    const p = (o.result.result as DmarcCheckResult).parsed!;
    assert.deepEqual([p.recordDomain, p.source, p.policyTag, p.effectivePolicy], ['example.com', 'organizational-domain', 'sp', 'quarantine']);
    assert.ok(o.rendered!.findings.includes('dmarc-inherited'));
    assert.ok(o.rendered!.findings.includes('dmarc-report-unauthorized'), 'ruf at example.org is not authorised');
    assert.ok(o.rendered!.answers.includes(`_dmarc.sub.example.com | TXT | NXDOMAIN (the name does not exist) |  | ${server()} (udp)`), o.rendered!.answers.join('\n'));
    assert.equal(o.rendered!.verdict, 'WARN');
  });

  it('Check MX and Check Mail Domain report every part', async () => {
    const mx = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkMx', { domain: 'example.com' }));
    assert.equal(mx.rendered!.verdict, 'PASS');
    const all = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDomain', { domain: 'example.com' }));
    assert.equal(all.result.kind, 'domain');
    assert.deepEqual(all.result.kind === 'domain' && all.result.result.results.map((r) => r.check), ['spf', 'dkim', 'dmarc', 'mx', 'mta-sts', 'tls-rpt']);
    assert.ok(all.rendered!.sections.filter((s) => s === 'DNS answers').length >= 5);
  });

  it('each result panel is titled with its check and domain; a second check opens beside the first when asked (issue 15)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const dkim = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDkim', { domain: 'example.com', selector: 'safemail' }));
    assert.equal(dkim.tab, 'DKIM · example.com');
    const liveTabs = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mailsec.liveResults')).map((t) => t.label);
    assert.deepEqual(liveTabs(), ['DKIM · example.com']);
    // without asking: the next check replaces the result in the same panel
    const mx = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkMx', { domain: 'example.com' }));
    assert.equal(mx.tab, 'MX · example.com');
    assert.deepEqual(liveTabs(), ['MX · example.com']);
    // asked for (the panel's Keep Open, or newPanel): a new panel beside the kept one
    const spf = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkSpf', { domain: 'example.com', newPanel: true }));
    assert.equal(spf.tab, 'SPF · example.com');
    assert.deepEqual(await vscode.commands.executeCommand('mailsec.liveResultTabs'), ['MX · example.com', 'SPF · example.com']);
    assert.deepEqual(liveTabs().sort(), ['MX · example.com', 'SPF · example.com']);
    assert.equal(await vscode.commands.executeCommand('mailsec.keepLiveResult'), true);
    done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDmarc', { domain: 'example.com' }));
    assert.deepEqual(liveTabs().sort(), ['DMARC · example.com', 'MX · example.com', 'SPF · example.com']);
    await screenshot('live-panels-beside');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses a bad domain before asking anything', async () => {
    const o = await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkMx', { domain: 'alice@example.com' });
    assert.equal(o.status, 'failed');
    assert.match((o as { message: string }).message, /not a domain name/);
  });

  it('Verify Message Authentication on a signed .eml: both DKIM signatures (one key via CNAME), SPF from Received, DMARC', async () => {
    const received = 'Received: from mail.example.com (mail.example.com [192.0.2.55]) by mx.example.net with ESMTPS; Mon, 01 Jan 2024 10:00:01 +0000';
    const message = await signed(plainMessage(received), harnessKey(join(root, 'test', 'dns', 'fixtures')));
    const uri = fixtureUri('live/signed.eml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(message, 'utf8'));
    const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.verifyMessage', uri));
    const v = o.result.result as VerifyResult;
    assert.deepEqual(v.dkim.map((s) => [s.selector, s.result, s.keyBits]), [['mail2024', 'pass', 2048], ['safemail', 'pass', 2048]]);
    assert.deepEqual([v.spf.result, v.spf.clientIp, v.spf.clientIpSource], ['pass', '192.0.2.55', 'received']);
    assert.equal(v.dmarc?.result, 'pass');
    assert.equal(o.rendered!.verdict, 'PASS');
    assert.equal(o.rendered!.heading, 'Message signed.eml');
    assert.ok(o.rendered!.answers.includes(`safemail._domainkey.example.com | CNAME | safemailhop.example.net | 3600 | ${server()}`), o.rendered!.answers.join('\n'));
    assert.deepEqual(o.rendered!.sections, ['Authentication', 'Problems and fixes', 'DNS answers', 'Authentication-Results'], 'the header panel\'s layout and words');
    // a changed body: DKIM fails at the spot, DMARC still passes through SPF
    await vscode.workspace.fs.writeFile(uri, Buffer.from(message.replace('Hello Bob', 'Hello Mallory'), 'utf8'));
    const changed = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.verifyMessage', uri));
    assert.equal(changed.rendered!.verdict, 'WARN');
    assert.ok(changed.rendered!.findings.includes('verify-dkim-fail'));
  });

  it('Verify Message Authentication on an empty .eml says "not a message" without asking for a client IP', async () => {
    const uri = fixtureUri('live/empty.eml');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.verifyMessage', uri));
    const v = o.result.result as VerifyResult;
    assert.equal(v.input, 'not-a-message');
    assert.equal(v.verdict, 'error');
    assert.match(v.summary, /^Not a message/);
    assert.deepEqual(o.rendered!.findings, ['verify-not-a-message']);
    assert.deepEqual(o.rendered!.sections, ['Problems and fixes']);
  });

  it('the zone file CodeLens compares each mail record with what named answers', async () => {
    const editor = await openFixture('live/example.com.zone');
    const uri = editor.document.uri;
    const lensesNow = async (): Promise<vscode.CodeLens[]> => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const initial = await lensesNow();
    const lineOf = (l: vscode.CodeLens): string => editor.document.lineAt(l.range.start.line).text.split(/\s/)[0]!;
    assert.deepEqual(initial.map((l) => [lineOf(l), l.command?.title]), [
      ['@', '$(globe) Check live'], ['_spf', '$(globe) Check live'], ['_spf2', '$(globe) Check live'], ['_dmarc', '$(globe) Check live'],
      ['mail2024._domainkey', '$(globe) Check live'], ['new2025._domainkey', '$(globe) Check live'], ['safemail._domainkey', '$(globe) Check live'],
    ]);
    const statuses: string[] = [];
    for (const lens of initial) {
      const o = done(await vscode.commands.executeCommand<LiveOutcome>(lens.command!.command, ...(lens.command!.arguments ?? [])));
      const p = (o.result.result as ZoneLiveResult).parsed!;
      statuses.push(`${p.name} ${p.status}${p.chain.length ? ' via ' + p.chain.map((s) => s.target).join(',') : ''}`);
      if (p.name === '_dmarc.example.com') {
        assert.deepEqual(p.differences, [{ item: 'p=', zone: 'quarantine', live: 'reject' }]);
        assert.equal(o.rendered!.verdict, 'WARN');
        assert.ok(o.rendered!.findings.includes('zone-live-differs'));
        await screenshot('live-zone-differs');
      }
    }
    assert.deepEqual(statuses, [
      'example.com same', '_spf.example.com same', '_spf2.example.com same', '_dmarc.example.com differs',
      'mail2024._domainkey.example.com same', 'new2025._domainkey.example.com not-published', 'safemail._domainkey.example.com same via safemailhop.example.net',
    ]);
    const after = await lensesNow();
    assert.deepEqual(after.map((l) => l.command?.title), [
      '$(pass) Live DNS: same', '$(pass) Live DNS: same', '$(pass) Live DNS: same', '$(warning) Live DNS: differs (1 change)',
      '$(pass) Live DNS: same', '$(error) Live DNS: not published', '$(pass) Live DNS: same via CNAME',
    ]);
    // the same check as a code action on the record
    const dmarcLine = initial[3]!.range.start.line;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(dmarcLine, 0, dmarcLine, 5))) ?? [];
    const check = actions.find((a) => a.kind?.value === 'mailsec.checkLive');
    assert.ok(check, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(check.title, 'Check this DMARC record in the live DNS (_dmarc.example.com)');
    // turned off by the setting
    await vscode.workspace.getConfiguration('mailsec').update('zone.liveCheckCodeLens', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await lensesNow(), []);
    } finally {
      await vscode.workspace.getConfiguration('mailsec').update('zone.liveCheckCodeLens', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('live DNS checks: cancellation (loopback port that never answers)', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await setServers(undefined, { 'dns.timeout': undefined, 'dns.attempts': undefined });
  });

  it('cancelling stops the DNS queries; the panel says cancelled and no result is left behind', async () => {
    const silent = await silentUdpServer();
    try {
      await setServers([`127.0.0.1:${silent.port}`], { 'dns.timeout': 20_000, 'dns.attempts': 1 });
      const running = Promise.resolve(vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDomain', { domain: 'example.com' }));
      await silent.firstQuery;
      assert.equal(await vscode.commands.executeCommand('mailsec.cancelLiveCheck'), true);
      const o = await running;
      assert.equal(o.status, 'cancelled');
      const r = (o as { rendered?: { state: string; verdict?: string; answers: string[]; findings: string[]; status?: string } }).rendered;
      assert.ok(r, 'the panel reported what it rendered');
      assert.deepEqual([r.state, r.verdict, r.answers, r.findings], ['cancelled', undefined, [], []]);
      assert.match(r.status!, /^Cancelled\./);
      assert.equal(await vscode.commands.executeCommand('mailsec.copyLiveResultAsMarkdown'), false, 'no result to copy');
      assert.equal(await vscode.commands.executeCommand('mailsec.cancelLiveCheck'), false, 'nothing runs any more');
    } finally {
      silent.close();
    }
  });

  it('a server that never answers ends in "could not check", in words, naming the server', async () => {
    const silent = await silentUdpServer();
    try {
      await setServers([`127.0.0.1:${silent.port}`], { 'dns.timeout': 300, 'dns.attempts': 1 });
      const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDmarc', { domain: 'example.com' }));
      assert.equal(o.rendered!.verdict, 'COULD NOT CHECK');
      assert.deepEqual(o.rendered!.findings, ['dns-no-answer']);
      assert.ok(o.rendered!.answers.some((a) => a.includes(`127.0.0.1:${silent.port} did not answer`)), o.rendered!.answers.join('\n'));
      assert.ok(o.rendered!.answers.every((a) => a.endsWith('| none answered')), 'no server is named as having answered');
      assert.equal(o.rendered!.status, `Asked 127.0.0.1:${silent.port} (from the mailsec.dns.servers setting): none answered.`);
    } finally {
      silent.close();
    }
  });

  it('a mail-domain check no server answers: one explanation, advice in settings (not CLI flags), no "refused", no "No key found" (issue 15)', async () => {
    const silent = await silentUdpServer();
    try {
      await setServers([`127.0.0.1:${silent.port}`], { 'dns.timeout': 200, 'dns.attempts': 1 });
      await vscode.workspace.getConfiguration('mailsec').update('dkim.selectors', ['selector1', 'selector2'], vscode.ConfigurationTarget.Workspace);
      const o = done(await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkDomain', { domain: 'example.com' }));
      const r = o.rendered!;
      assert.equal(o.tab, 'Mail domain · example.com');
      assert.equal(r.verdict, 'COULD NOT CHECK');
      assert.deepEqual(r.findings, ['dns-no-answer'], 'one explanation, not one per check');
      assert.equal(r.fixes.length, 1);
      assert.match(r.fixes[0]!, /set mailsec\.dns\.servers; to wait longer, raise mailsec\.dns\.timeout/);
      assert.doesNotMatch(r.fixes[0]!, /--server|--timeout/);
      assert.doesNotMatch(JSON.stringify(r), /refus|Answered by|No key found/i);
      assert.equal(await vscode.commands.executeCommand('mailsec.copyLiveResultAsMarkdown'), true);
      const md = await vscode.env.clipboard.readText();
      assert.doesNotMatch(md, /--server|--timeout|Answered by|refus/i);
    } finally {
      await vscode.workspace.getConfiguration('mailsec').update('dkim.selectors', undefined, vscode.ConfigurationTarget.Workspace);
      silent.close();
    }
  });

  it('a malformed server setting is reported before anything is asked', async () => {
    await setServers(['dns.example.com']);
    const o = await vscode.commands.executeCommand<LiveOutcome>('mailsec.checkMx', { domain: 'example.com' });
    assert.equal(o.status, 'failed');
    assert.match((o as { message: string }).message, /^mailsec\.dns\.servers: 'dns\.example\.com' is not a DNS server address: .*host names cannot be used/);
  });
});
