import * as vscode from 'vscode';
import type { Feature } from '../features';
import { registerCommand } from '../registry';
import type { FixTarget } from '../../shared/reportsPanel';
import { APPLY_REPORT_FIX_COMMAND, OPEN_REPORTS_COMMAND } from './commandIds';
import type { ReportsPanel } from './panel';
import { applyFix, ReportsSession } from './session';

/* eslint-disable @typescript-eslint/no-require-imports -- the reports core loads when a command first runs */
const opener = () => require('./open') as typeof import('./open');
const panels = () => require('./panel') as typeof import('./panel');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * DMARC aggregate and TLS reports: "Open DMARC Reports" on files and folders, the panel, and the
 * fixes the reports suggest — as panel buttons and as code actions on the SPF record in the zone.
 */
export const reportsFeature: Feature = {
  register(context: vscode.ExtensionContext): void {
    const session = new ReportsSession();
    let panel: ReportsPanel | undefined;
    context.subscriptions.push(
      registerCommand(OPEN_REPORTS_COMMAND, (uri?: vscode.Uri, all?: vscode.Uri[]) => {
        const uris = Array.isArray(all) && all.every((u) => u instanceof vscode.Uri) && all.length ? all : uri instanceof vscode.Uri ? [uri] : undefined;
        return opener().openReportsCommand(uris, session, (panel ??= new (panels().ReportsPanel)(context)));
      }),
      registerCommand(APPLY_REPORT_FIX_COMMAND, async (target?: FixTarget) => {
        const p = target ? session.find(target) : undefined;
        if (!p) {
          void vscode.window.showWarningMessage('That fix is no longer available: open the reports again.');
          return false;
        }
        return applyFix(p);
      }),
      vscode.languages.registerCodeActionsProvider(
        { language: 'dns-zone' },
        {
          provideCodeActions(doc, range, context) {
            const out: vscode.CodeAction[] = [];
            // The p=none advice says to move on "once the reports show your mail passes": open them from there.
            const none = context.diagnostics.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'dmarc-policy-none');
            if (none) {
              const open = new vscode.CodeAction('Open DMARC reports: is this domain ready for p=quarantine?', vscode.CodeActionKind.QuickFix);
              open.diagnostics = [none];
              open.command = { title: open.title, command: OPEN_REPORTS_COMMAND };
              out.push(open);
            }
            const offset = doc.offsetAt(range.start);
            for (const p of session.fixes) {
              if (p.record.uri.toString() !== doc.uri.toString()) continue;
              const start = p.record.offset;
              const end = p.record.rdata.end;
              if (offset < start || offset > end) continue;
              const a = new vscode.CodeAction(`Add ${p.fix.term} to SPF (DMARC reports: ${p.service ?? p.target.source} fails)`, vscode.CodeActionKind.QuickFix);
              a.command = { title: a.title, command: APPLY_REPORT_FIX_COMMAND, arguments: [p.target] };
              out.push(a);
            }
            return out;
          },
        },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
  },
};
