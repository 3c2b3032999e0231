/**
 * The reports last opened in this window and the fixes they suggest, by zone record: the panel's
 * buttons and the zone editor's code actions apply the same edits.
 */
import * as vscode from 'vscode';
import type { ReportsView } from '../../core/reports/render';
import type { SpfFix } from '../../core/reports/readiness';
import { spfRecordEdit, spfRecordsInZone } from '../../core/reports/zoneSpf';
import type { FixTarget } from '../../shared/reportsPanel';
import type { ZoneSpf } from './zones';

export interface PendingFix {
  target: FixTarget;
  fix: SpfFix & { after: string };
  record: ZoneSpf;
  service?: string;
}

export class ReportsSession {
  view: ReportsView | undefined;
  fixes: PendingFix[] = [];

  set(view: ReportsView, records: readonly ZoneSpf[]): void {
    this.view = view;
    this.fixes = [];
    for (const { summary, readiness } of view.domains) {
      for (const a of readiness.affected) {
        a.fixes.forEach((f, i) => {
          if (f.kind !== 'spf' || !f.after || f.after === f.before) return;
          const record = records.find((r) => r.owner === f.name && r.value === f.before);
          if (record) this.fixes.push({ target: { domain: summary.domain, source: a.source.ip, fix: i }, fix: { ...f, after: f.after }, record, service: a.source.service });
        });
      }
    }
  }

  find(target: FixTarget): PendingFix | undefined {
    return this.fixes.find((p) => p.target.domain === target.domain && p.target.source === target.source && p.target.fix === target.fix);
  }

  /** The fixes for the SPF record at `offset` in a document (its text must still hold the value the reports saw). */
  forRecord(doc: vscode.TextDocument, offset: number): PendingFix[] {
    return this.fixes.filter((p) => p.record.uri.toString() === doc.uri.toString() && p.record.offset === offset);
  }
}

/** Applies a fix to the zone file (opened if needed), after checking the record still says what the reports saw. */
export async function applyFix(p: PendingFix): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(p.record.uri);
  const now = spfRecordsInZone(doc.getText()).find((r) => r.owner === p.record.owner && r.value === p.fix.before);
  if (!now) {
    void vscode.window.showWarningMessage(`The SPF record of ${p.record.owner} changed since the reports were read; open the reports again.`);
    return false;
  }
  const e = spfRecordEdit(now, p.fix.after);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.span.start), doc.positionAt(e.span.end)), e.newText);
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true });
  return ok;
}
