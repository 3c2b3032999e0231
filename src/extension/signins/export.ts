import * as vscode from 'vscode';
import { reportToCsv, reportToMarkdown } from '../../core/signins/index';
import type { M365Log } from '../m365/log';
import type { SigninSession } from './session';

export type ExportFormat = 'csv' | 'markdown';

/** "Export Sign-in Report": the last report as CSV (one table) or Markdown, saved where the user says; the notice says where. */
export async function exportReportCommand(format: ExportFormat | undefined, target: vscode.Uri | undefined, session: SigninSession, log: M365Log): Promise<{ file: string; message: string } | undefined> {
  const current = session.get();
  if (!current) {
    void vscode.window.showErrorMessage('Analyze a sign-in log first (Analyze Sign-in Log), then export its report.');
    return undefined;
  }
  const kind =
    format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'CSV', description: 'one table, for a spreadsheet', format: 'csv' as const },
          { label: 'Markdown', description: 'for a ticket or a wiki page', format: 'markdown' as const },
        ],
        { title: 'Export the sign-in report as' },
      )
    )?.format;
  if (!kind) return undefined;
  const ext = kind === 'csv' ? 'csv' : 'md';
  const base = current.uri.path.replace(/\.[^./]+$/, '');
  const where =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: current.uri.with({ path: `${base}-report.${ext}` }),
      filters: kind === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
      title: 'Save the sign-in report',
    }));
  if (!where) return undefined;
  const text = kind === 'csv' ? reportToCsv(current.report) : reportToMarkdown(current.report);
  await vscode.workspace.fs.writeFile(where, new TextEncoder().encode(text));
  const shown = vscode.workspace.asRelativePath(where, false);
  log.info(`Exported the sign-in report of ${vscode.workspace.asRelativePath(current.uri)} to ${shown}.`);
  const message = `Saved the sign-in report (${kind === 'csv' ? 'CSV' : 'Markdown'}) to ${shown}.`;
  void vscode.window.showInformationMessage(message, 'Open').then((choice) => {
    if (choice) void vscode.window.showTextDocument(where, { preview: false });
  });
  return { file: where.toString(), message };
}
