import * as vscode from 'vscode';
import { analyzeHeaders } from '../../core/headers/analyze';
import type { RuleVerdict } from '../../core/headers/types';
import { ruleTestMarkdown } from '../../core/rules/testReport';
import { buildTransportRules } from '../../core/rules/transportRules';
import type { ReportDocuments } from '../m365/documents';
import type { M365Log } from '../m365/log';
import { readOrganization } from '../m365/organization';
import { readRuleOptions } from './settings';

export interface TestRulesResult {
  verdicts: RuleVerdict[];
  /** The read-only Markdown document with the explanation (mailsec-report: scheme). */
  report: string;
}

/**
 * The display-name rule is not configured (no internal display names): offer the message's
 * From display name as the first one, written to the workspace settings.
 */
function offerDisplayName(configured: readonly string[], fromName: string | null, verdicts: readonly RuleVerdict[]): void {
  if (configured.some((n) => n.trim()) || !fromName?.trim() || !verdicts.some((v) => v.notConfigured)) return;
  const name = fromName.trim();
  const add = 'Add as Internal Display Name';
  void vscode.window
    .showInformationMessage(`The display-name rule is not configured — add internal display names. Add "${name}" (this message's From name) as one?`, add, 'Open Settings')
    .then(async (choice) => {
      if (choice === add) {
        const config = vscode.workspace.getConfiguration('mailsec.organization');
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await config.update('displayNames', [...(config.get<string[]>('displayNames') ?? []), name], target);
      } else if (choice) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'mailsec.organization.displayNames');
      }
    });
}

/**
 * "Test Transport Rules Against This Header": the header analysis (the same evaluator and
 * rule definitions the header panel and the PowerShell generator use) on the selection or
 * the whole document, explained in a Markdown preview beside it. The report is a read-only
 * virtual document, replaced on each run: nothing to save, no dirty Untitled left behind.
 */
export async function testRules(uri: vscode.Uri | undefined, reports: ReportDocuments, log: M365Log): Promise<TestRulesResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) {
    void vscode.window.showErrorMessage('Open an email header (a .eml or .headers file, or paste one into an editor) to test the transport rules against it.');
    return undefined;
  }
  // From the editor context menu VS Code passes the document: the selection still counts.
  const selection = editor && editor.document === document && !editor.selection.isEmpty ? editor.selection : undefined;
  const text = selection ? document.getText(selection) : document.getText();
  const org = await readOrganization(document.uri);
  const options = readRuleOptions(document.uri);
  const analysis = analyzeHeaders(text, { org, rules: options });
  if (analysis.headers.length === 0) {
    void vscode.window.showErrorMessage('No header fields ("Name: value" lines) were found. Select the message header, or open a file that holds one.');
    return undefined;
  }
  const source = `${vscode.workspace.asRelativePath(document.uri)}${selection ? ` (lines ${selection.start.line + 1}–${selection.end.line + 1})` : ''}`;
  const markdown = ruleTestMarkdown(text, analysis, buildTransportRules(org, options), source);
  const report = await vscode.workspace.openTextDocument(reports.set('Transport rules test.md', markdown));
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', report.uri);
  } catch {
    await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  log.info(`Tested ${analysis.transportRules.length} transport rule(s) against ${source}: ${analysis.transportRules.filter((v) => v.fires).length} would fire.`);
  offerDisplayName(org.displayNames, analysis.summary.fromName, analysis.transportRules);
  return { verdicts: analysis.transportRules, report: report.uri.toString() };
}
