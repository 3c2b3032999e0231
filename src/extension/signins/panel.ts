import * as vscode from 'vscode';
import { BLOCK_LEGACY_AUTH_URL, type SigninReport } from '../../core/signins/index';
import { SIGNINS_FROM_WEBVIEW, SIGNINS_VIEW_TYPE, type SigninsFromWebview, type SigninsRendered, type SigninsToWebview } from '../../shared/signinsPanel';
import { createPanel, TypedPanel } from '../webview/panel';
import type { M365Log } from '../m365/log';
import { AUTH_POLICY_COMMAND, EXPORT_REPORT_COMMAND } from '../m365/commandIds';

/** Users the panel may ask a script for: strings that are users of the report shown, at most its list. */
function checkedUsers(users: unknown, report: SigninReport): string[] {
  if (!Array.isArray(users)) return [];
  const known = new Set(report.legacyUsers.map((u) => u.user));
  return users.filter((u): u is string => typeof u === 'string' && known.has(u)).slice(0, known.size);
}

/**
 * The sign-in report panel: one per window, reused for the next log. It is sent the
 * report when its page is ready (again after it was hidden and comes back), and answers
 * export, authentication-policy and guide requests through the same commands the palette
 * runs.
 */
export class SigninReportPanel {
  private typed: TypedPanel<SigninsToWebview, SigninsFromWebview> | undefined;
  private current: { file: string; report: SigninReport } | undefined;
  private readonly renderWaiters: ((r: SigninsRendered) => void)[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: M365Log,
  ) {}

  /** Shows the report; resolves with what the page rendered (undefined if it did not answer in time). */
  async show(file: string, report: SigninReport, timeoutMs = 20_000): Promise<SigninsRendered | undefined> {
    this.current = { file, report };
    const rendered = new Promise<SigninsRendered | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.renderWaiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    if (this.typed) {
      this.typed.panel.reveal(undefined, true);
      this.typed.panel.title = `Sign-ins: ${file.split('/').pop()}`;
      void this.post();
    } else {
      this.open(file);
    }
    return rendered;
  }

  private open(file: string): void {
    const panel = createPanel(this.context, { viewType: SIGNINS_VIEW_TYPE, title: `Sign-ins: ${file.split('/').pop()}`, script: 'signins' });
    const typed = new TypedPanel<SigninsToWebview, SigninsFromWebview>(panel, SIGNINS_FROM_WEBVIEW);
    this.typed = typed;
    typed.onMessage((m) => this.handle(m));
    panel.onDidDispose(() => {
      typed.dispose();
      if (this.typed === typed) this.typed = undefined;
    });
  }

  private post(): Thenable<boolean> | undefined {
    if (!this.typed || !this.current) return undefined;
    return this.typed.post({ type: 'report', file: this.current.file, report: this.current.report, guideUrl: BLOCK_LEGACY_AUTH_URL });
  }

  private handle(m: SigninsFromWebview): void {
    switch (m.type) {
      case 'ready':
        void this.post();
        break;
      case 'rendered':
        for (const w of this.renderWaiters.splice(0)) w(m.rendered);
        break;
      case 'export':
        if (m.format === 'csv' || m.format === 'markdown') void vscode.commands.executeCommand(EXPORT_REPORT_COMMAND, m.format);
        break;
      case 'authPolicy': {
        const users = this.current ? checkedUsers(m.users, this.current.report) : [];
        if (!users.length) {
          void vscode.window.showInformationMessage('Choose users in the report first (the boxes in "Users still signing in with legacy authentication").');
          break;
        }
        void vscode.commands.executeCommand(AUTH_POLICY_COMMAND, users);
        break;
      }
      case 'openGuide':
        void vscode.env.openExternal(vscode.Uri.parse(BLOCK_LEGACY_AUTH_URL));
        break;
      default:
        this.log.warn('The sign-in report panel sent a message mailsec does not know.');
    }
  }
}
