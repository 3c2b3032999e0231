import * as vscode from 'vscode';
import { buildView } from '../../core/reports/view';
import { spfLookupOf } from '../../core/reports/zoneSpf';
import type { ReportsRendered } from '../../shared/reportsPanel';
import type { ReportsPanel } from './panel';
import { readReportUris } from './read';
import type { ReportsSession } from './session';
import { workspaceSpfRecords } from './zones';

async function pick(): Promise<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    title: 'Open DMARC or TLS reports (files or a folder)',
    canSelectMany: true,
    canSelectFolders: true,
    canSelectFiles: true,
    filters: { 'DMARC and TLS reports': ['xml', 'gz', 'zip', 'json', 'eml', 'mbox'], 'All files': ['*'] },
    openLabel: 'Open Reports',
  });
}

/** "Open DMARC Reports": read, analyse, show; returns what the panel rendered (for tests). */
export async function openReportsCommand(args: vscode.Uri[] | undefined, session: ReportsSession, panel: ReportsPanel): Promise<ReportsRendered | undefined> {
  const uris = args?.length ? args : await pick();
  if (!uris?.length) return undefined;
  const title = uris.length === 1 ? `DMARC reports: ${vscode.workspace.asRelativePath(uris[0]!)}` : `DMARC reports: ${uris.length} items`;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Reading DMARC and TLS reports', cancellable: true }, (_p, token) => readReportUris(uris, token));
  if (!result) return undefined;
  const records = await workspaceSpfRecords();
  const view = buildView(result, spfLookupOf(records));
  session.set(view, records);
  if (view.aggregateReports + view.tlsReports === 0) {
    void vscode.window.showWarningMessage(result.problems.length ? `No report could be read: ${result.problems[0]!.name}: ${result.problems[0]!.message}` : 'No DMARC or TLS report was found in what you chose.');
  }
  const applicable = session.fixes.map((p) => ({ ...p.target, file: vscode.workspace.asRelativePath(p.record.uri) }));
  return panel.show({ title, view, applicable });
}
