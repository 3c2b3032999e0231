import * as vscode from 'vscode';
import { GENERATE_RULES_COMMAND, TEST_RULES_COMMAND } from '../m365/commandIds';
import { ReportDocuments } from '../m365/documents';
import type { M365Log } from '../m365/log';
import type { GenerateArgs } from './generate';
import { registerCommand } from '../registry';

// The implementations (and the core they use) load when a command first runs.
/* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see m365/commandIds.ts */
const generate = () => require('./generate') as typeof import('./generate');
const testHeader = () => require('./testHeader') as typeof import('./testHeader');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Exchange transport rules as code: generate the PowerShell, test the rules against a header. */
export function registerTransportRules(context: vscode.ExtensionContext, log: M365Log): void {
  const reports = new ReportDocuments();
  context.subscriptions.push(
    reports,
    registerCommand(GENERATE_RULES_COMMAND, (args?: GenerateArgs) => generate().generateRules(args ?? {}, log)),
    registerCommand(TEST_RULES_COMMAND, (uri?: vscode.Uri) => testHeader().testRules(uri instanceof vscode.Uri ? uri : undefined, reports, log)),
  );
}
