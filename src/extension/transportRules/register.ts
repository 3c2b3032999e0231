import type * as vscode from 'vscode';
import type { M365Log } from '../m365/log';
import { registerGenerateRules } from './generate';
import { registerTestRules } from './testHeader';

/** Exchange transport rules as code: generate the PowerShell, test the rules against a header. */
export function registerTransportRules(context: vscode.ExtensionContext, log: M365Log): void {
  registerGenerateRules(context, log);
  registerTestRules(context, log);
}
