import * as vscode from 'vscode';
import { REPORTS_FROM_WEBVIEW, REPORTS_VIEW_TYPE, type ReportsFromWebview, type ReportsPanelData, type ReportsRendered, type ReportsToWebview } from '../../shared/reportsPanel';
import { createPanel, TypedPanel } from '../webview/panel';
import { APPLY_REPORT_FIX_COMMAND } from './commandIds';

/** The DMARC/TLS reports panel: one per window, reused for the next set of reports. */
export class ReportsPanel {
  private typed: TypedPanel<ReportsToWebview, ReportsFromWebview> | undefined;
  private current: ReportsPanelData | undefined;
  private readonly renderWaiters: ((r: ReportsRendered) => void)[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  async show(data: ReportsPanelData, timeoutMs = 20_000): Promise<ReportsRendered | undefined> {
    this.current = data;
    const rendered = new Promise<ReportsRendered | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.renderWaiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    if (this.typed) {
      this.typed.panel.title = data.title;
      this.typed.panel.reveal(undefined, true);
      void this.post();
    } else {
      const panel = createPanel(this.context, { viewType: REPORTS_VIEW_TYPE, title: data.title, script: 'reports' });
      const typed = new TypedPanel<ReportsToWebview, ReportsFromWebview>(panel, REPORTS_FROM_WEBVIEW);
      this.typed = typed;
      typed.onMessage((m) => this.handle(m));
      panel.onDidDispose(() => {
        typed.dispose();
        if (this.typed === typed) this.typed = undefined;
      });
    }
    return rendered;
  }

  private post(): void {
    if (this.typed && this.current) void this.typed.post({ type: 'view', data: this.current });
  }

  private handle(m: ReportsFromWebview): void {
    if (m.type === 'ready') this.post();
    else if (m.type === 'rendered') for (const w of this.renderWaiters.splice(0)) w(m.rendered);
    else if (m.type === 'applyFix') {
      const t = m.target as unknown;
      const ok = typeof t === 'object' && t !== null && typeof (t as { domain?: unknown }).domain === 'string' && typeof (t as { source?: unknown }).source === 'string' && Number.isInteger((t as { fix?: unknown }).fix);
      if (ok) void vscode.commands.executeCommand(APPLY_REPORT_FIX_COMMAND, t);
    }
  }
}
