import type * as vscode from 'vscode';
import type { SigninReport } from '../../core/signins/index';

/** The last sign-in report of this window: what export and the auth-policy script work from. */
export class SigninSession {
  private current: { uri: vscode.Uri; report: SigninReport } | undefined;
  private readonly listeners = new Set<(uri: vscode.Uri, report: SigninReport) => void>();

  set(uri: vscode.Uri, report: SigninReport): void {
    this.current = { uri, report };
    for (const l of this.listeners) l(uri, report);
  }

  get(): { uri: vscode.Uri; report: SigninReport } | undefined {
    return this.current;
  }

  onDidChange(listener: (uri: vscode.Uri, report: SigninReport) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
