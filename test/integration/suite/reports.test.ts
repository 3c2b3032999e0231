// DMARC reports as a user meets them: open the folder the reports were saved to, see the failing
// legitimate source and its fix, apply the SPF fix to the zone file from the zone's own code
// action, and the zone still lints clean — in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReportsRendered } from '../../../src/shared/reportsPanel';
import { activateExtension, fixtureUri, openFixture, screenshot, waitFor, waitForDiagnostics } from './util';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));

describe('DMARC reports', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a report folder, shows the failing SendGrid source, applies its SPF fix to the zone, and the zone stays clean', async () => {
    const editor = await openFixture('reports/contoso.com.zone');
    const zone = editor.document;
    const before = await waitForDiagnostics(zone.uri, (ds) => ds.some((d) => codeOf(d) === 'dmarc-policy-none'));
    assert.deepEqual(before.filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);

    // The p=none advice offers the reports.
    const none = before.find((d) => codeOf(d) === 'dmarc-policy-none')!;
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', zone.uri, none.range);
    assert.ok(offered.some((a) => a.command?.command === 'mailsec.reports.open'), 'the p=none diagnostic links to the reports');

    const rendered = await vscode.commands.executeCommand<ReportsRendered>('mailsec.reports.open', fixtureUri('reports/inbox'));
    assert.ok(rendered, 'the panel answered');
    assert.deepEqual(rendered.domains, ['contoso.com']);
    assert.match(rendered.verdicts[0]!, /Not yet/);
    assert.match(rendered.verdicts[0]!, /120 message\(s\), 6\.2%/);
    assert.deepEqual(rendered.affectedSources, ['167.89.0.10']);
    assert.equal(rendered.sourceRows, 3);
    assert.equal(rendered.chartDays, 2);
    assert.equal(rendered.fixButtons, 1, 'the SPF fix can be applied: the zone is in the workspace');
    await screenshot('reports-panel');

    // The zone's SPF record now offers the fix as a code action.
    const spfLine = zone.getText().split('\n').findIndex((l) => l.includes('v=spf1'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', zone.uri, new vscode.Range(spfLine, 10, spfLine, 10));
    const fix = actions.find((a) => a.title.startsWith('Add include:sendgrid.net to SPF'));
    assert.ok(fix, `the SPF record offers the reports' fix (got: ${actions.map((a) => a.title).join('; ')})`);
    const changed = waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === zone, 10_000, 'the fix to change the zone');
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
    await changed;
    assert.match(zone.getText(), /@ {7}IN TXT {2}"v=spf1 mx ip4:192\.0\.2\.0\/28 include:sendgrid\.net -all"/);

    const after = await waitForDiagnostics(zone.uri, (ds) => ds.some((d) => codeOf(d) === 'dmarc-policy-none') && !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.deepEqual(after.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map((d) => `${codeOf(d)} ${d.message}`), []);
  });
});
