import type * as vscode from 'vscode';
import type { M365Log } from '../m365/log';
import { BannedListCache } from './analysis';
import { registerBannedCodeActions } from './codeActions';
import { registerBannedDiagnostics } from './diagnostics';
import { registerEvaluatePassword } from './evaluate';

/** Entra ID custom banned password lists: diagnostics, quick-fixes, password evaluation. */
export function registerBannedPasswords(context: vscode.ExtensionContext, log: M365Log): void {
  const cache = new BannedListCache();
  registerBannedDiagnostics(context, cache);
  registerBannedCodeActions(context, cache);
  registerEvaluatePassword(context, cache, log);
}
