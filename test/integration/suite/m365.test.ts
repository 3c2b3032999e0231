// Microsoft 365 admin tasks as a mail admin does them, in a real VS Code: transport rules as
// PowerShell (read back with the PowerShell tokenizer), tested against a phishing header; a
// banned-password list with diagnostics and quick-fixes, and a password evaluated against it
// (which must reach no log and no document); a sign-in log analysed into the report panel, and
// the authentication policy script for users chosen from it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkGeneratedScript, tokenizePowerShell, type PsToken } from '../../../src/core/powershell/tokenizer';
import { TRANSPORT_SCRIPT_VARIABLES } from '../../../src/core/powershell/transportRules';
import { buildTransportRules } from '../../../src/core/rules/transportRules';
import { activateExtension, fixtureUri, openFixture, screenshot, waitFor, waitForDiagnostics } from './util';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
const has = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);

const NAMES = ['Jean Dupont', "Seán O'Brien", 'Жанна Смирнова', 'Robert $(Remove-Item C:\\) `whoami` Tables'];
const RULE_TEXT = "Attention: l'expéditeur n'a pas pu être vérifié $(calc) `n";
const PASSWORD = 'C0nt0s0Summer!';

/** The values of `-<param>` in each command of a script, decoded from its single-quoted literals. */
function parameterValues(script: string, param: string): string[][] {
  const { tokens } = tokenizePowerShell(script);
  const out: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'word' || tokens[i]!.text !== `-${param}`) continue;
    const values: string[] = [];
    let j = i + 1;
    const first: PsToken | undefined = tokens[j];
    if (first?.kind === 'single-quoted') values.push(first.value!);
    else if (first?.text === '@(') {
      for (j++; j < tokens.length && tokens[j]!.text !== ')'; j++) if (tokens[j]!.kind === 'single-quoted') values.push(tokens[j]!.value!);
    }
    out.push(values);
  }
  return out;
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('mailsec').update(key, value, vscode.ConfigurationTarget.Workspace);
}

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

describe('Microsoft 365', () => {
  before(async () => {
    await activateExtension();
    await setting('organization.domains', ['contoso.com']);
    await setting('organization.displayNames', NAMES);
    await setting('transportRules.internalDisplayName.text', RULE_TEXT);
  });

  after(async () => {
    for (const key of ['organization.domains', 'organization.displayNames', 'transportRules.internalDisplayName.text']) await setting(key, undefined);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('generates the transport rules as an untitled PowerShell document whose literals decode to the configured names', async () => {
    const result = await vscode.commands.executeCommand<{ document: string; rules: string[] }>('mailsec.transportRules.generate', { mode: 'Audit' });
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
    assert.equal(document.isUntitled, true);
    assert.equal(document.languageId, 'powershell');
    const script = document.getText();
    assert.deepEqual(checkGeneratedScript(script, TRANSPORT_SCRIPT_VARIABLES), []);
    assert.deepEqual(parameterValues(script, 'Name').map((v) => v[0]), ['mailsec: sender could not be validated', 'mailsec: external sender with an internal display name']);
    const rules = buildTransportRules({ domains: ['contoso.com'], displayNames: NAMES }, { internalDisplayName: { text: RULE_TEXT } });
    // one idempotent script: each rule's parameters appear for New-TransportRule, then for Set-TransportRule
    const newOnly = (values: string[][]) => values.filter((_, k) => k % 2 === 0);
    const patterns = newOnly(parameterValues(script, 'HeaderMatchesPatterns'));
    assert.deepEqual(patterns, rules.map((r) => r.conditions[0]!.patterns), 'the script carries exactly the definitions the header analysis evaluates');
    for (const name of NAMES) {
      assert.ok(patterns[1]!.some((p) => new RegExp(p, 'i').test(`"${name}" <x@evil.example>`)), `a pattern finds ${name}`);
    }
    assert.ok(newOnly(parameterValues(script, 'ApplyHtmlDisclaimerText'))[1]![0]!.includes("l&#39;expéditeur n&#39;a pas pu être vérifié $(calc) `n"));
    assert.deepEqual(parameterValues(script, 'Mode').map((v) => v[0]), ['Audit', 'Audit', 'Audit', 'Audit']);
    assert.deepEqual(parameterValues(script, 'ApplyHtmlDisclaimerFallbackAction').map((v) => v[0]), ['Reject', 'Reject', 'Reject', 'Reject']);
  });

  it('a second run reuses the document of its kind (named for Save As), not a new Untitled-N (issue 15)', async () => {
    const first = await vscode.commands.executeCommand<{ document: string }>('mailsec.transportRules.generate', { mode: 'Audit' });
    const again = await vscode.commands.executeCommand<{ document: string }>('mailsec.transportRules.generate', { mode: 'Enforce' });
    assert.equal(again.document, first.document, 'the same document');
    const uri = vscode.Uri.parse(first.document);
    assert.equal(uri.scheme, 'untitled');
    assert.match(uri.path, /\/mailsec-transport-rules-create\.ps1$/, 'Save As offers this name');
    const same = vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('mailsec-transport-rules-create.ps1'));
    assert.equal(same.length, 1);
    assert.deepEqual(parameterValues(same[0]!.getText(), 'Mode').map((v) => v[0]), ['Enforce', 'Enforce', 'Enforce', 'Enforce'], 'with the new run\'s text (each rule created or updated: New- and Set-TransportRule)');
    const rollback = await vscode.commands.executeCommand<{ document: string }>('mailsec.transportRules.generate', { mode: 'Audit', script: 'rollback' });
    assert.match(vscode.Uri.parse(rollback.document).path, /\/mailsec-transport-rules-rollback\.ps1$/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(same[0]!);
  });

  it('without display names it still writes rule 1, and says why rule 2 is missing', async () => {
    await setting('organization.displayNames', []);
    try {
      const result = await vscode.commands.executeCommand<{ rules: string[]; notes: { code: string }[] }>('mailsec.transportRules.generate', { mode: 'Enforce', script: 'rollback' });
      assert.deepEqual(result.rules, ['mailsec: sender could not be validated']);
      assert.ok(result.notes.some((n) => n.code === 'rule-no-display-names'));
      const script = vscode.window.activeTextEditor!.document.getText();
      // the rollback removes every mailsec rule (by marker or by these names), without prompting
      assert.match(script, /^\$MailsecNames = @\('mailsec: sender could not be validated'\)\r?$/m);
      assert.match(script, /^Remove-TransportRule -Identity \$Rule\.Guid\.ToString\(\) -Confirm:\$false\r?$/m);
    } finally {
      await setting('organization.displayNames', NAMES);
    }
  });

  it('tests the rules against a phishing header: both fire, with the header, pattern and text that matched', async () => {
    const editor = await openFixture('m365/phishing.eml');
    assert.equal(editor.document.languageId, 'email-headers');
    const result = await vscode.commands.executeCommand<{ verdicts: { ruleName: string; fires: boolean; matches: { header: string; matchedText: string }[] }[]; report: string }>('mailsec.transportRules.testHeader');
    assert.deepEqual(result.verdicts.map((v) => v.fires), [true, true]);
    assert.deepEqual(result.verdicts[0]!.matches.map((m) => [m.header, m.matchedText]), [['Authentication-Results', 'spf=none']]);
    assert.deepEqual(result.verdicts[1]!.matches.map((m) => [m.header, m.matchedText]), [['From', 'Dupont, Jean']]);
    const report = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.report)!;
    assert.equal(report.languageId, 'markdown');
    assert.equal(report.uri.scheme, 'mailsec-report', 'a read-only virtual document');
    assert.equal(report.isDirty, false, 'nothing to save');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.languageId === 'markdown'), 'no Untitled Markdown left behind');
    assert.match(report.getText(), /\*\*2 of 2 rules would fire\.\*\*/);
    assert.match(report.getText(), /Matched: `From` on line 27 — pattern for "Jean Dupont" found `Dupont, Jean`\./);
    // A selection (From to Subject), as from the editor's context menu: only the display-name rule fires.
    await vscode.window.showTextDocument(editor.document);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(26, 0, 30, 0);
    const selected = await vscode.commands.executeCommand<{ verdicts: { fires: boolean; explanation: string }[] }>('mailsec.transportRules.testHeader', editor.document.uri);
    assert.deepEqual(selected.verdicts.map((v) => v.fires), [false, true]);
    assert.match(selected.verdicts[0]!.explanation, /no Authentication-Results header/);
  });

  it('shows banned-list diagnostics and removes a duplicate with the preferred quick-fix; fix-all cleans the rest', async () => {
    const editor = await openFixture('m365/tenant.bannedpasswords');
    const document = editor.document;
    assert.equal(document.languageId, 'banned-passwords');
    const ds = await waitForDiagnostics(document.uri, (d) => has('banned-duplicate-term')(d) && has('banned-term-too-short')(d));
    const dup = ds.find((d) => codeOf(d) === 'banned-duplicate-term')!;
    assert.equal(dup.range.start.line, 4);
    assert.equal(dup.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(has('banned-term-normalizes-to-another')(ds) && has('banned-term-within-edit-distance')(ds) && has('banned-term-whitespace')(ds));
    const actions = await codeActionsAt(document.uri, dup.range);
    const remove = actions.find((a) => a.title === 'Remove "Contoso"');
    assert.ok(remove, actions.map((a) => a.title).join(', '));
    assert.equal(remove.isPreferred, true);
    assert.ok(actions.some((a) => /^Remove all 2 duplicate and redundant terms$/.test(a.title)));
    const changed = waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === document, 10_000, 'the quick-fix to edit the list');
    assert.equal(await vscode.workspace.applyEdit(remove.edit!), true);
    await changed;
    assert.deepEqual(document.getText().split('\n').slice(0, 5), ['contoso', 'fabrikam', 'summer', 'password', 'P@ssw0rd']);
    await waitForDiagnostics(document.uri, (d) => !has('banned-duplicate-term')(d));
    const [fixAll] = await codeActionsAt(document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.mailsec');
    assert.ok(fixAll?.edit, 'a fix-all action');
    assert.equal(await vscode.workspace.applyEdit(fixAll.edit), true);
    // "fabrikan" is one edit from "fabrikam" but not redundant (issue 14): it stays, with an info that says why
    assert.equal(document.getText(), 'contoso\nfabrikam\nsummer\npassword\nabc\nwinter\nfabrikan\n');
    await waitForDiagnostics(document.uri, (d) => d.length === 2 && has('banned-term-too-short')(d) && has('banned-term-within-edit-distance')(d));
  });

  it('writes the sign-in detections as KQL into a new document, with the days given and the settings\' thresholds', async () => {
    const result = await vscode.commands.executeCommand<{ document: string; days: number }>('mailsec.signins.emitKql', 7);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
    assert.equal(document.isUntitled, true);
    const text = document.getText();
    assert.match(text, /^let lookback = 7d;$/m);
    assert.match(text, /\(AADNonInteractiveUserSignInLogs$/m);
    assert.match(text, /\| where FailedUsers >= 10$/m);
    assert.match(text, /Analytics > Create > Scheduled query rule/);
  });

  it('evaluates a password against the list without it reaching a log or a document', async () => {
    await openFixture('m365/tenant.bannedpasswords');
    const verdict = await vscode.commands.executeCommand<{ accepted: boolean; score: number; found: { term: string }[] }>('mailsec.bannedPasswords.evaluate', {
      password: PASSWORD,
      firstName: 'Jean',
      lastName: 'Dupont',
      tenantName: 'Fabrikam',
    });
    assert.equal(verdict.accepted, false);
    assert.deepEqual(verdict.found.map((f) => f.term), ['contoso', 'summer']);
    assert.equal(verdict.score, 3);
    assert.ok(!JSON.stringify(verdict).includes(PASSWORD));
    const strong = await vscode.commands.executeCommand<{ accepted: boolean }>('mailsec.bannedPasswords.evaluate', { password: 'Zx9!qR7#kLm2', firstName: '', lastName: '', tenantName: '' });
    assert.equal(strong.accepted, true);
    const log = await vscode.commands.executeCommand<string[]>('mailsec.m365.showLog');
    assert.ok(log.some((l) => /Evaluated a password against 9 banned terms/.test(l)), log.join('\n'));
    for (const secret of [PASSWORD, 'Zx9!qR7#kLm2', 'contososummer!']) {
      assert.ok(!log.some((l) => l.toLowerCase().includes(secret.toLowerCase())), 'not in the log');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.getText().includes(secret)), 'not in any document');
    }
  });

  it('analyzes a sign-in log into the report panel, which renders the counts and flagged addresses', async () => {
    const result = await vscode.commands.executeCommand<{
      report: { totals: { signIns: number } };
      rendered: { signIns: number; legacyUsers: string[]; sprayIps: string[]; bruteForceUsers: string[]; chartDays: number; mentionsConditionalAccess: boolean };
    }>('mailsec.signins.analyze', fixtureUri('m365/signins.csv'));
    assert.equal(result.report.totals.signIns, 74);
    assert.ok(result.rendered, 'the panel answered');
    assert.equal(result.rendered.signIns, 74);
    assert.deepEqual(result.rendered.sprayIps, ['203.0.113.66']);
    assert.deepEqual(result.rendered.bruteForceUsers, ['ceo@contoso.com']);
    assert.deepEqual(result.rendered.legacyUsers, ['old.phone@contoso.com', 'printer@contoso.com']);
    assert.equal(result.rendered.chartDays, 3);
    assert.equal(result.rendered.mentionsConditionalAccess, true);
    await screenshot('m365-signins-panel');
    const target = fixtureUri('m365/signins-report.md');
    const saved = await vscode.commands.executeCommand<{ file: string; message: string }>('mailsec.signins.exportReport', 'markdown', target);
    assert.equal(saved.file, target.toString());
    assert.equal(saved.message, 'Saved the sign-in report (Markdown) to m365/signins-report.md.', 'the notice says where it saved');
    const exported = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(exported, /^# Legacy authentication sign-in report/);
    assert.match(exported, /203\.0\.113\.66/);
  });

  it('"Analyze Sign-in Log" is offered on files that look like sign-in exports, not on settings.json (issue 15)', async () => {
    await setting('dns.timeout', 2500); // writes .vscode/settings.json
    const settingsJson = fixtureUri('.vscode/settings.json');
    const other = fixtureUri('m365/inventory.csv');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('Hostname,IP address,Owner,Status\nsrv1,10.0.0.1,alice,up\n'));
    try {
      const log = fixtureUri('m365/signins.csv');
      const scanned = await vscode.commands.executeCommand<string[]>('mailsec.signins.sniffedLogs');
      assert.ok(scanned.includes(log.fsPath), `the workspace scan found the log: ${scanned.join(', ')}`);
      const files = await vscode.commands.executeCommand<string[]>('mailsec.signins.sniffedLogs', settingsJson, other, log);
      assert.ok(files.includes(log.fsPath), files.join(', '));
      assert.ok(!files.includes(settingsJson.fsPath), 'not settings.json');
      assert.ok(!files.includes(other.fsPath), 'not a CSV of something else');
    } finally {
      await vscode.workspace.fs.delete(other);
      await setting('dns.timeout', undefined);
    }
  });

  it('generates the authentication policy script for users chosen from the report', async () => {
    await vscode.commands.executeCommand('mailsec.signins.analyze', fixtureUri('m365/signins.csv'));
    const result = await vscode.commands.executeCommand<{ document: string; users: string[] }>('mailsec.signins.authPolicyScript', ['printer@contoso.com', 'old.phone@contoso.com'], "Block Basic Auth – O'Brien's team");
    assert.deepEqual(result.users, ['printer@contoso.com', 'old.phone@contoso.com']);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
    assert.equal(document.languageId, 'powershell');
    const script = document.getText();
    assert.deepEqual(checkGeneratedScript(script, ['$null', '$false', '$ErrorActionPreference']), []);
    assert.deepEqual(parameterValues(script, 'Identity').map((v) => v[0]), ['printer@contoso.com', 'old.phone@contoso.com']);
    assert.deepEqual(parameterValues(script, 'Name').map((v) => v[0]), ["Block Basic Auth – O'Brien's team"]);
    assert.match(script, /-STSRefreshTokensValidFrom \(\[System\.DateTime\]::UtcNow\)/);
  });
});
