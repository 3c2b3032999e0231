import * as vscode from 'vscode';
import { signinDetectionsKqlText } from '../../core/signins/kql';
import { openUntitled } from '../m365/documents';
import type { M365Log } from '../m365/log';
import { thresholds } from './analyze';

export interface KqlResult {
  document: string;
  days: number;
}

/**
 * "Sign-in Detections as KQL": the report's detections as KQL for Log Analytics and
 * Microsoft Sentinel, with the thresholds of the mailsec.signins.* settings, in a new
 * untitled document (Kusto when a Kusto extension provides the language, else plain text).
 */
export async function kqlCommand(days: number | undefined, log: M365Log): Promise<KqlResult | undefined> {
  let lookback = days;
  if (lookback === undefined) {
    const typed = await vscode.window.showInputBox({
      title: 'Sign-in detections as KQL',
      prompt: 'Days of sign-ins to look back over (the workspace keeps 30 to 90 by default)',
      value: '30',
      validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 ? undefined : 'A whole number of days, at least 1.'),
      ignoreFocusOut: true,
    });
    if (typed === undefined) return undefined;
    lookback = Number(typed.trim());
  }
  const scope = vscode.workspace.workspaceFolders?.[0]?.uri;
  const text = signinDetectionsKqlText({ days: lookback, thresholds: thresholds(scope) });
  const language = (await vscode.languages.getLanguages()).includes('kusto') ? 'kusto' : 'plaintext';
  const document = await openUntitled(language, text);
  log.info(`Wrote the sign-in detections as KQL (${lookback} days).`);
  return { document: document.uri.toString(), days: lookback };
}
