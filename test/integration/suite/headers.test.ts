// Email headers as a mail admin meets them in a real VS Code: open an .eml and see the
// diagnostics, run Analyze Email Header on the file and on a selection of a ticket, read
// what the panel shows (it reports what it rendered), click a row to find the header in the
// editor, copy the report as Markdown, export JSON, settings over .mailsecrc.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import type { AnalyzeHeaderResult } from '../../../src/extension/headers/commands';
import { restoreHeaderPanel, type PanelAction } from '../../../src/extension/headers/panel';
import { panelState } from '../../../src/extension/headers/session';
import { panelOptions } from '../../../src/extension/webview/panel';
import { activateExtension, EXTENSION_ID, fixtureUri, openFixture, screenshot, waitFor, waitForDiagnostics } from './util';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont', 'Nadia Okafor'], authservIds: [] }; // headers/.mailsecrc.json

async function analyze(...args: unknown[]): Promise<AnalyzeHeaderResult> {
  const r = await vscode.commands.executeCommand<AnalyzeHeaderResult | { error: string }>('mailsec.analyzeHeader', ...args);
  assert.ok(r && !('error' in r), `analysis failed: ${JSON.stringify(r && 'error' in r ? r.error : r)}`);
  return r;
}

function headerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mailsec.headerAnalysis'));
}

function lineOf(document: vscode.TextDocument, needle: string): number {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${document.uri.path}`);
  return document.positionAt(at).line;
}

function acted(result: AnalyzeHeaderResult, type: PanelAction['type']): Promise<PanelAction> {
  return waitFor(result.panel.onDidHandle, (a) => a.type === type, 15_000, `the panel's ${type}`);
}

describe('email headers', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('mailsec').update('organization.displayNames', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens an .eml as email headers and flags the forged Authentication-Results on its line', async () => {
    const editor = await openFixture('headers/phishing.eml');
    assert.equal(editor.document.languageId, 'email-headers');
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'hdr-auth-results-malformed'));
    const d = ds.find((x) => codeOf(x) === 'hdr-auth-results-malformed')!;
    assert.equal(d.range.start.line, lineOf(editor.document, 'Authentication-Results: mail.contoso.com; spf pass'));
    assert.equal(editor.document.getText(d.range), 'spf pass smtp.mailfrom=contoso.com');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('Analyze Email Header on the .eml opens the panel, which shows the verdict and every section', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    assert.equal(result.reused, false);
    const expected = analyzeHeaders(editor.document.getText(), { org: ORG });
    assert.equal(result.verdict, expected.verdict);
    const shown = await result.panel.rendered(result.analysisId);
    assert.equal(shown.verdict, 'fail');
    assert.match(shown.banner, /^Fail — \d+ errors?/);
    assert.equal(shown.bannerInView, true);
    assert.deepEqual(shown.sections, ['Summary', 'Authentication', 'Route (oldest hop first)', 'Anti-spam fields', 'Transport rules (Exchange Online)', 'Notes', 'All header fields']);
    assert.equal(shown.counts.reasons, expected.reasons.length);
    assert.equal(shown.counts.hops, expected.hops.length);
    assert.equal(shown.counts.headers, expected.headers.length);
    assert.equal(shown.counts.authHeaders, 2, 'the trusted Authentication-Results and the forged one');
    // Both rules fire only with the display names of headers/.mailsecrc.json.
    assert.equal(shown.counts.rulesFiring, 2);
    assert.equal(headerTabs().length, 1);
    const picture = await screenshot('header-panel');
    if (picture) console.log(`    picture: ${picture}`);
  });

  it('clicking a header row selects that header in the editor', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    await result.panel.rendered(result.analysisId);
    const subject = result.panel.session.analysis.headers.find((h) => h.lname === 'subject')!;
    const selected = waitFor(vscode.window.onDidChangeTextEditorSelection, (e) => e.textEditor.document === editor.document && e.selections[0]!.start.line === lineOf(editor.document, 'Subject: Urgent'), 15_000, 'the Subject line to be selected');
    const done = acted(result, 'reveal');
    await result.panel.click({ kind: 'header', index: subject.index });
    const e = await selected;
    assert.equal((await done).ok, true);
    assert.equal(e.textEditor.document.getText(e.selections[0]), 'Subject: Urgent: wire transfer before noon');
  });

  it('analysing the same document again reuses its panel', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const first = await analyze(editor.document.uri);
    const again = await analyze(editor.document.uri);
    assert.equal(again.reused, true);
    assert.equal(again.panel, first.panel);
    assert.notEqual(again.analysisId, first.analysisId);
    assert.equal((await again.panel.rendered(again.analysisId)).analysisId, again.analysisId);
    assert.equal(headerTabs().length, 1);
  });

  it('analyses a selection of a plaintext ticket, and reveals headers at their place in the ticket', async () => {
    const editor = await openFixture('headers/ticket.txt');
    const document = editor.document;
    assert.equal(document.languageId, 'plaintext');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const whole = await vscode.commands.executeCommand<{ error?: string }>('mailsec.analyzeHeader');
    assert.match(whole.error ?? '', /holds no email header fields\. Expected "Name: value" lines/);
    const first = lineOf(document, 'Delivered-To:');
    const last = lineOf(document, 'Next steps') - 1;
    editor.selection = new vscode.Selection(first, 0, last, 0);
    const result = await analyze();
    assert.equal(result.panel.session.source.label, `lines ${first + 1}–${last} of headers/ticket.txt`);
    assert.equal(result.panel.session.source.base, document.offsetAt(new vscode.Position(first, 0)));
    const shown = await result.panel.rendered(result.analysisId);
    assert.equal(shown.verdict, analyzeHeaders(document.getText(editor.selection), { org: ORG }).verdict);
    assert.equal(headerTabs().length, 2, 'one panel per document');
    const subjectLine = lineOf(document, 'Subject: =?UTF-8?B?');
    const selected = waitFor(vscode.window.onDidChangeTextEditorSelection, (e) => e.textEditor.document === document && e.selections[0]!.start.line === subjectLine, 15_000, 'the Subject line of the ticket to be selected');
    await result.panel.click({ kind: 'summary', label: 'Subject' });
    const e = await selected;
    assert.equal(e.textEditor.document.getText(e.selections[0]), document.lineAt(subjectLine).text.slice('Subject:'.length));
  });

  it('Copy as Markdown (the panel button) puts the report on the clipboard', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    await result.panel.rendered(result.analysisId);
    await vscode.env.clipboard.writeText('');
    const done = acted(result, 'copyMarkdown');
    await result.panel.click({ kind: 'button', id: 'copyMarkdown' });
    await done;
    const md = await vscode.env.clipboard.readText();
    assert.match(md, /^# Email header analysis: FAIL\n/);
    assert.match(md, /Analysed: headers\/phishing\.eml/);
    assert.match(md, /\*\*Error\*\* `hdr-display-name-impersonation` — .*\(line \d+\)/);
    assert.ok(md.includes('| Subject | `Urgent: wire transfer before noon` |'));
    assert.equal(await vscode.commands.executeCommand('mailsec.headers.copyMarkdown', editor.document.uri), md);
  });

  it('Export JSON writes the analysis, in the shape mailsec analyze --format json prints', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    const target = fixtureUri('headers/phishing.analysis.json');
    const written = await vscode.commands.executeCommand<vscode.Uri>('mailsec.headers.exportJson', target.fsPath, editor.document.uri);
    assert.equal(written.toString(), target.toString());
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as Record<string, unknown> & { hops: unknown[]; findings: { code: string }[]; organization: { domains: string[] } };
    assert.equal(json['file'], 'headers/phishing.eml');
    assert.equal(json['verdict'], result.verdict);
    assert.equal(json.hops.length, result.panel.session.analysis.hops.length);
    assert.ok(json.findings.some((f) => f.code === 'hdr-rule-internal-display-name'));
    assert.deepEqual(json.organization.domains, ['contoso.com']);
  });

  it('a setting replaces the same list of .mailsecrc.json, and the open panel follows', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    await result.panel.rendered(result.analysisId);
    const next = result.panel.nextRender((r) => r.analysisId !== result.analysisId);
    await vscode.workspace.getConfiguration('mailsec').update('organization.displayNames', ['Someone Else'], vscode.ConfigurationTarget.Workspace);
    const shown = await next;
    assert.equal(shown.counts.rulesFiring, 1, 'the display-name rule no longer fires');
    assert.equal(result.panel.session.organization.note.configFile, 'headers/.mailsecrc.json', 'domains still come from the file');
    await vscode.workspace.getConfiguration('mailsec').update('organization.displayNames', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('the panel comes back with its filter after being hidden', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    await result.panel.rendered(result.analysisId);
    const filtered = result.panel.nextRender((r) => r.filter === 'x-ms');
    await result.panel.setFilter('x-ms');
    const f = await filtered;
    assert.ok(f.counts.headersShown > 0 && f.counts.headersShown < f.counts.headers, JSON.stringify(f.counts));
    // Cover the panel with an editor in its column: the webview is destroyed (no retained context).
    const column = result.panel.panel.viewColumn!;
    const other = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'covering the panel' });
    await vscode.window.showTextDocument(other, { viewColumn: column });
    assert.equal(result.panel.panel.visible, false);
    const restored = result.panel.nextRender((r) => r.restored);
    result.panel.panel.reveal(column);
    const r = await restored;
    assert.equal(r.filter, 'x-ms');
    assert.equal(r.counts.headersShown, f.counts.headersShown);
    assert.equal(r.verdict, 'fail');
    await vscode.window.showTextDocument(other);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('restores a panel from its saved state, as VS Code hands it back after a window reload', async () => {
    const editor = await openFixture('headers/phishing.eml');
    const result = await analyze(editor.document.uri);
    const saved: unknown = JSON.parse(JSON.stringify({ ...panelState(result.panel.session), filter: '' }));
    const { extensionUri } = vscode.extensions.getExtension(EXTENSION_ID)!;
    const webviewPanel = vscode.window.createWebviewPanel('mailsec.headerAnalysis', 'Header: phishing.eml', vscode.ViewColumn.Beside, panelOptions(extensionUri));
    const restored = await restoreHeaderPanel(extensionUri, webviewPanel, saved);
    assert.ok(restored, 'the panel was restored');
    try {
      const shown = await restored.rendered();
      assert.equal(shown.verdict, result.verdict);
      assert.equal(shown.counts.headers, result.panel.session.analysis.headers.length);
      const line = lineOf(editor.document, 'Reply-To:');
      const selected = waitFor(vscode.window.onDidChangeTextEditorSelection, (e) => e.textEditor.document === editor.document && e.selections[0]!.start.line === line, 15_000, 'the Reply-To line to be selected');
      await restored.click({ kind: 'summary', label: 'Reply-To' });
      await selected;
    } finally {
      restored.dispose();
    }
    const opened = waitFor(vscode.window.tabGroups.onDidChangeTabs, () => headerTabs().some((t) => t.label === 'not ours'), 10_000, 'the second panel to open');
    const other = vscode.window.createWebviewPanel('mailsec.headerAnalysis', 'not ours', vscode.ViewColumn.Beside, panelOptions(extensionUri));
    await opened;
    const closed = waitFor(other.onDidDispose, () => true, 10_000, 'a panel with a foreign state to close');
    assert.equal(await restoreHeaderPanel(extensionUri, other, { source: { text: 42 } }), undefined);
    await closed;
  });
});
