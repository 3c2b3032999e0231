import * as vscode from 'vscode';
import { EVALUATE_PASSWORD_COMMAND } from '../m365/commandIds';
import type { M365Log } from '../m365/log';
import { BannedListCache } from './analysis';
import { registerBannedCodeActions } from './codeActions';
import { registerBannedDiagnostics } from './diagnostics';
import type { EvaluateArgs } from './evaluate';
import { registerCommand } from '../registry';

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see m365/commandIds.ts */
const evaluate = () => require('./evaluate') as typeof import('./evaluate');

/** Entra ID custom banned password lists: diagnostics, quick-fixes, password evaluation. */
export function registerBannedPasswords(context: vscode.ExtensionContext, log: M365Log): void {
  const cache = new BannedListCache();
  registerBannedDiagnostics(context, cache);
  registerBannedCodeActions(context, cache);
  context.subscriptions.push(registerCommand(EVALUATE_PASSWORD_COMMAND, (args?: EvaluateArgs) => evaluate().evaluatePasswordCommand(args ?? {}, cache, log)));
}
