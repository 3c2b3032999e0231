// Zone files as a user meets them: open a file, see the diagnostics, apply the quick-fixes,
// run the DKIM command, hover, outline, folding — in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzeZone } from '../../../src/core/zone/lint';
import { recordMeaning } from '../../../src/core/zone/wire';
import { activateExtension, fixtureUri, openFixture, waitFor, waitForDiagnostics } from './util';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
const has = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function applyAction(document: vscode.TextDocument, action: vscode.CodeAction): Promise<void> {
  const changed = waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === document, 10_000, `"${action.title}" to change the document`);
  if (action.edit) assert.equal(await vscode.workspace.applyEdit(action.edit), true);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  await changed;
}

describe('zone files', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('recognises db.* and zone-like *.db files, and not any other *.db', async () => {
    assert.equal((await openFixture('zones/db.example.com')).document.languageId, 'dns-zone');
    assert.equal((await openFixture('zones/legacy.db')).document.languageId, 'dns-zone');
    assert.notEqual((await vscode.workspace.openTextDocument(fixtureUri('zones/settings.db'))).languageId, 'dns-zone');
  });

  it('shows the diagnostics a mail admin needs, on the right lines', async () => {
    const editor = await openFixture('zones/db.example.com');
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => has('txt-string-too-long')(d) && has('zone-cname-and-other-data')(d));
    // The first diagnostic of each code, in line order.
    const byCode = new Map<string, vscode.Diagnostic>();
    for (const d of [...ds].sort((a, b) => a.range.start.line - b.range.start.line)) if (!byCode.has(codeOf(d))) byCode.set(codeOf(d), d);
    assert.equal(byCode.get('txt-string-too-long')!.range.start.line, 9);
    assert.equal(byCode.get('txt-string-too-long')!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(byCode.get('txt-string-too-long')!.message, /410 bytes/);
    assert.equal(byCode.get('zone-cname-and-other-data')!.range.start.line, 7);
    assert.equal(byCode.get('zone-missing-trailing-dot')!.range.start.line, 4);
    assert.ok(byCode.has('txt-semicolon-comment'));
    const code = byCode.get('txt-string-too-long')!.code as { target: vscode.Uri };
    assert.match(code.target.toString(), /diagnostics\.md#txt-string-too-long$/);
  });

  it('splits a long DKIM string with the preferred quick-fix; the DNS data stays identical', async () => {
    const editor = await openFixture('zones/db.example.com');
    const document = editor.document;
    const before = analyzeZone(document.getText(), { origin: 'example.com.' });
    const diag = (await waitForDiagnostics(document.uri, has('txt-string-too-long'))).find((d) => codeOf(d) === 'txt-string-too-long')!;
    const actions = await codeActionsAt(document.uri, diag.range);
    const split = actions.find((a) => a.title === 'Split into 255-byte strings');
    assert.ok(split, `actions offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(split.isPreferred, true);
    assert.ok(actions.some((a) => a.title.startsWith('Move DKIM key behind a CNAME')));
    await applyAction(document, split);
    const after = analyzeZone(document.getText(), { origin: 'example.com.' });
    assert.deepEqual(after.records.map(recordMeaning), before.records.map(recordMeaning));
    assert.match(document.getText(), /sel2026\._domainkey IN TXT \( "v=DKIM1; k=rsa; p=[^"]+"\n\s+"[^"]+" \) ; generated 2026/);
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'txt-string-too-long' && x.range.start.line === 9));
  });

  it('moves a DKIM key behind a CNAME: the zone gets the CNAME, the clipboard the web-form fields, a fragment opens beside', async () => {
    const editor = await openFixture('zones/db.example.com');
    const document = editor.document;
    const text = document.getText();
    const offset = text.indexOf('keys._domainkey');
    const key = /keys\._domainkey IN TXT "([^"]+)"/.exec(text)![1]!;
    type Moved = { target: string; externalRecord: string; externalDocument: string; clipboard: string };
    const result = await vscode.commands.executeCommand<Moved>('mailsec.zone.moveDkimBehindCname', document.uri, offset, '{selector}.dkim.{domain}.example.net', 'one-string');
    assert.equal(result.target, 'keys.dkim.example.com.example.net.');
    assert.match(document.getText(), /^keys\._domainkey IN CNAME keys\.dkim\.example\.com\.example\.net\.$/m);
    // what a DNS host's web form wants, field by field: never zone syntax
    assert.equal(await vscode.env.clipboard.readText(), `Host name: keys.dkim.example.com.example.net\nType: TXT\nValue: ${key}\n`);
    const external = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.externalDocument);
    assert.ok(external, 'the TXT record to create is open beside');
    assert.equal(external.uri.scheme, 'mailsec-fragment');
    assert.equal(external.languageId, 'dns-zone');
    const moved = analyzeZone(external.getText()).records.find((r) => r.type === 'TXT')!;
    assert.equal(moved.owner, 'keys.dkim.example.com.example.net.');
    const joined = moved.rdata.map((t) => moved.text.slice(t.start + 1, t.end - 1)).join('');
    assert.equal(joined, key, 'the external TXT holds the same key');
  });

  it('a long DKIM key moved with mailsec.dkim.cnameTargetTemplate: split value on the clipboard; the fragment warns neither about its length nor a missing SOA', async () => {
    const value = `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9)}IDAQAB`;
    const uri = fixtureUri('zones/move-long.zone');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`$ORIGIN contoso.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\nsel1._domainkey IN TXT ( "${value.slice(0, 250)}"\n    "${value.slice(250)}" )\n`, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.workspace.getConfiguration('mailsec', uri).update('dkim.cnameTargetTemplate', '{selector}._domainkey.{domain}.dkim.example.net', vscode.ConfigurationTarget.Workspace);
    try {
      type Moved = { target: string; externalDocument: string; clipboard: string };
      const result = await vscode.commands.executeCommand<Moved>('mailsec.zone.moveDkimBehindCname', document.uri, document.getText().indexOf('sel1._domainkey'), undefined, 'split');
      assert.equal(result.target, 'sel1._domainkey.contoso.com.dkim.example.net.', 'the target comes from the setting');
      const clip = await vscode.env.clipboard.readText();
      const lines = clip.split('\n');
      assert.equal(lines[0], 'Host name: sel1._domainkey.contoso.com.dkim.example.net');
      const strings = [...lines[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      assert.ok(lines[2]!.startsWith('Value: "') && strings.length === 2 && strings.every((x) => x.length <= 255), lines[2]);
      assert.equal(strings.join(''), value);
      const fragment = vscode.Uri.parse(result.externalDocument);
      const ds = await waitForDiagnostics(fragment, has('zone-fragment'));
      const codes = ds.map(codeOf);
      assert.ok(!codes.includes('zone-no-soa') && !codes.includes('txt-long-for-web-forms'), codes.join(', '));
      // the same text as an ordinary zone document gets both: the fragment kind is what differs
      const control = await vscode.workspace.openTextDocument({ language: 'dns-zone', content: vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.externalDocument)!.getText() });
      await waitForDiagnostics(control.uri, (d) => has('zone-no-soa')(d) && has('txt-long-for-web-forms')(d));
    } finally {
      await vscode.workspace.getConfiguration('mailsec', uri).update('dkim.cnameTargetTemplate', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('an SPF record with +all gets the quick-fixes ~all (preferred) and -all (issue 15)', async () => {
    const uri = fixtureUri('zones/plus-all.zone');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('$ORIGIN contoso.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN TXT "v=spf1 mx +all"\n', 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diag = (await waitForDiagnostics(uri, has('spf-plus-all'))).find((d) => codeOf(d) === 'spf-plus-all')!;
    assert.equal(document.getText(diag.range), '+all');
    const actions = (await codeActionsAt(uri, diag.range)).filter((a) => a.title.startsWith('Change to'));
    assert.deepEqual(actions.map((a) => [a.title.slice(0, 16), a.isPreferred ?? false]), [['Change to "~all"', true], ['Change to "-all"', false]]);
    await applyAction(document, actions[1]!);
    assert.match(document.getText(), /@ IN TXT "v=spf1 mx -all"\n/);
    await waitForDiagnostics(uri, (d) => !has('spf-plus-all')(d));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('adds a missing trailing dot, and quotes a value a ; cut short', async () => {
    const editor = await openFixture('zones/db.example.com');
    const document = editor.document;
    const ds = await waitForDiagnostics(document.uri, (d) => has('zone-missing-trailing-dot')(d) && has('txt-semicolon-comment')(d));
    const dot = ds.find((d) => codeOf(d) === 'zone-missing-trailing-dot')!;
    const dotAction = (await codeActionsAt(document.uri, dot.range)).find((a) => a.title.startsWith('Add the trailing dot'))!;
    assert.equal(dotAction.isPreferred, true);
    await applyAction(document, dotAction);
    assert.match(document.getText(), /IN MX {2}10 mail\.example\.com\.\n/);
    const semi = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'txt-semicolon-comment')!;
    const quote = (await codeActionsAt(document.uri, semi.range)).find((a) => a.title.startsWith('Quote the whole value'))!;
    await applyAction(document, quote);
    assert.match(document.getText(), /_dmarc {2}IN TXT "v=DMARC1;p=reject"\n/);
  });

  it('fix-all (source.fixAll.mailsec) applies what needs no choice', async () => {
    const editor = await openFixture('zones/db.example.com');
    const document = editor.document;
    await waitForDiagnostics(document.uri, has('txt-string-too-long'));
    const all = await codeActionsAt(document.uri, new vscode.Range(0, 0, document.lineCount, 0), 'source.fixAll.mailsec');
    assert.equal(all.length, 1);
    await applyAction(document, all[0]!);
    const left = analyzeZone(document.getText(), { origin: 'example.com.' }).findings.map((f) => f.code);
    assert.ok(!left.includes('txt-string-too-long'));
    assert.ok(!left.includes('zone-missing-trailing-dot'));
  });

  it('reports a diagnostic while typing', async () => {
    const editor = await openFixture('zones/legacy.db');
    const document = editor.document;
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), 'bad IN A 192.0.2.300\n'));
    const ds = await waitForDiagnostics(document.uri, has('zone-bad-ipv4'));
    assert.equal(ds.find((d) => codeOf(d) === 'zone-bad-ipv4')!.range.start.line, 5);
  });

  it('reports a missing $INCLUDE file at its name', async () => {
    const editor = await openFixture('zones/db.include.example');
    const ds = await waitForDiagnostics(editor.document.uri, has('zone-include-not-found'));
    const d = ds.find((x) => codeOf(x) === 'zone-include-not-found')!;
    assert.equal(editor.document.getText(d.range), 'missing-keys.inc');
  });

  it('reads an included file in the background: its findings arrive on its own URI; a self-include is a cycle', async () => {
    const editor = await openFixture('zones/db.include-keys.example');
    const inc = await waitForDiagnostics(fixtureUri('zones/keys.inc'), has('zone-bad-ipv4'));
    assert.equal(inc.find((d) => codeOf(d) === 'zone-bad-ipv4')!.range.start.line, 0);
    const ds = await waitForDiagnostics(editor.document.uri, has('zone-include-cycle'));
    assert.equal(editor.document.getText(ds.find((d) => codeOf(d) === 'zone-include-cycle')!.range), 'db.include-keys.example');
    assert.ok(!ds.some((d) => codeOf(d) === 'zone-include-not-found'), 'nothing left "being read"');
  });

  it('hovers explain record types and DKIM tags; outline and folding come from the same parse', async () => {
    const editor = await openFixture('zones/db.example.com');
    const document = editor.document;
    const text = document.getText();
    const at = (needle: string, delta = 1): vscode.Position => document.positionAt(text.indexOf(needle) + delta);
    const hover = async (p: vscode.Position): Promise<string> => {
      const hs = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, p)) ?? [];
      return hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    assert.match(await hover(at(' MX ')), /Mail exchanger/);
    assert.match(await hover(at('k=rsa')), /DKIM/);
    assert.match(await hover(at('300 IN A')), /300 seconds = 5 minutes/);
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
    assert.deepEqual(symbols.map((s) => s.name).slice(0, 6), ['$TTL 3600', '@', 'ns1', 'mail', 'www', 'sel2026._domainkey']);
    assert.deepEqual(symbols.find((s) => s.name === 'www')!.children.map((c) => c.name), ['CNAME', 'A']);
    const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri)) ?? [];
    assert.ok(folds.some((f) => f.start === 1 && f.end === 2), `the two-line SOA folds (got ${JSON.stringify(folds)})`);
  });
});
