import * as vscode from 'vscode';
import { ANALYZE_SIGNINS_COMMAND, AUTH_POLICY_COMMAND, EXPORT_REPORT_COMMAND, SIGNIN_KQL_COMMAND } from '../m365/commandIds';
import type { M365Log } from '../m365/log';
import type { ExportFormat } from './export';
import type { SigninReportPanel } from './panel';
import { SigninSession } from './session';
import { registerCommand } from '../registry';

// The implementations (csv-parse and the sign-in core among them) load when a command first runs.
/* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see m365/commandIds.ts */
const analyze = () => require('./analyze') as typeof import('./analyze');
const exporter = () => require('./export') as typeof import('./export');
const authPolicy = () => require('./authPolicy') as typeof import('./authPolicy');
const panels = () => require('./panel') as typeof import('./panel');
const kql = () => require('./kql') as typeof import('./kql');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Sign-in logs: analyze (streamed, with progress) into the report panel, export, the authentication policy script. */
export function registerSignins(context: vscode.ExtensionContext, log: M365Log): SigninSession {
  const session = new SigninSession();
  let panel: SigninReportPanel | undefined;
  const reportPanel = () => (panel ??= new (panels().SigninReportPanel)(context, log));
  context.subscriptions.push(
    registerCommand(ANALYZE_SIGNINS_COMMAND, (uri?: vscode.Uri) => analyze().analyzeCommand(uri instanceof vscode.Uri ? uri : undefined, session, reportPanel(), log)),
    registerCommand(EXPORT_REPORT_COMMAND, (format?: ExportFormat, target?: vscode.Uri) => exporter().exportReportCommand(format, target, session, log)),
    registerCommand(AUTH_POLICY_COMMAND, (users?: string[], policyName?: string) =>
      authPolicy().authPolicyCommand(Array.isArray(users) ? users : undefined, typeof policyName === 'string' ? policyName : undefined, session, log),
    ),
    registerCommand(SIGNIN_KQL_COMMAND, (days?: number) => kql().kqlCommand(typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : undefined, log)),
  );
  return session;
}
