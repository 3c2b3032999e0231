import type * as vscode from 'vscode';
import type { M365Log } from '../m365/log';
import { registerAnalyzeSignins } from './analyze';
import { registerAuthPolicy } from './authPolicy';
import { registerExportReport } from './export';
import { SigninReportPanel } from './panel';
import { SigninSession } from './session';

/** Sign-in logs: analyze (streamed, with progress) into the report panel, export, the authentication policy script. */
export function registerSignins(context: vscode.ExtensionContext, log: M365Log): SigninSession {
  const session = new SigninSession();
  registerAnalyzeSignins(context, session, new SigninReportPanel(context, log), log);
  registerExportReport(context, session, log);
  registerAuthPolicy(context, session, log);
  return session;
}
