import * as vscode from 'vscode';
import { cnameConflicts, dkimCnameFix, dkimOwnerParts, expandCnameTarget } from '../../core/zone/fixes/dkimCname';
import { recordAt } from '../../core/zone/query';
import { workspaceEdit } from '../diagnostics';
import type { ZoneAnalysisCache } from './analysisCache';
import { registerCommand } from '../registry';

export const MOVE_DKIM_COMMAND = 'mailsec.zone.moveDkimBehindCname';

/**
 * "Move DKIM key behind a CNAME": asks for (or takes from `mailsec.dkim.cnameTarget`,
 * or from the third argument) the host that will publish the key, replaces the TXT with
 * a CNAME to it, copies the TXT to create there to the clipboard and opens it in a new
 * zone document. Arguments: document URI, offset of the record, optional target.
 */
export function registerMoveDkim(context: vscode.ExtensionContext, cache: ZoneAnalysisCache): void {
  context.subscriptions.push(
    registerCommand(MOVE_DKIM_COMMAND, async (uri?: vscode.Uri, offset?: number, targetArg?: string) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!document) return undefined;
      const { analysis, lines } = cache.get(document);
      const at = offset ?? (editor ? lines.offsetAt({ line: editor.selection.active.line, character: editor.selection.active.character }) : 0);
      const rec = recordAt(analysis, at);
      const parts = rec && rec.type === 'TXT' ? dkimOwnerParts(rec.owner) : undefined;
      if (!rec || !parts) {
        void vscode.window.showErrorMessage('Put the cursor on a DKIM TXT record (<selector>._domainkey.<domain>) to move it behind a CNAME.');
        return undefined;
      }
      const conflicts = cnameConflicts(analysis.records, rec);
      if (conflicts.length) {
        void vscode.window.showErrorMessage(`${rec.owner} has other records (${conflicts.map((c) => c.type).join(', ')}); a CNAME must be alone at its name, so the key cannot move behind one.`);
        return undefined;
      }
      const template = targetArg ?? (vscode.workspace.getConfiguration('mailsec', document.uri).get<string>('dkim.cnameTarget', '') || undefined);
      let target: string | undefined;
      if (template !== undefined) {
        const r = expandCnameTarget(template, parts);
        if ('error' in r) {
          void vscode.window.showErrorMessage(`mailsec.dkim.cnameTarget: ${r.error}`);
          return undefined;
        }
        target = r.target;
      } else {
        const input = await vscode.window.showInputBox({
          title: 'Move DKIM key behind a CNAME',
          prompt: `Host name that will publish the key of ${rec.owner} (you can use {selector} and {domain})`,
          value: `${parts.selector}._domainkey.${parts.domain}.dkim.example.net`,
          validateInput: (v) => {
            const r = expandCnameTarget(v, parts);
            return 'error' in r ? r.error : undefined;
          },
        });
        if (input === undefined) return undefined;
        const r = expandCnameTarget(input, parts);
        if ('error' in r) return undefined;
        target = r.target;
      }
      const fix = dkimCnameFix(rec, target);
      if (!(await vscode.workspace.applyEdit(workspaceEdit(document, lines, fix.edits)))) {
        void vscode.window.showErrorMessage('The zone file changed meanwhile; try again.');
        return undefined;
      }
      await vscode.env.clipboard.writeText(fix.externalRecord);
      const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content: fix.externalRecord });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      void vscode.window.showInformationMessage(`${rec.owner} is now a CNAME to ${target}. Create the TXT record shown beside (also on the clipboard) at the host that serves ${target}.`);
      return { target, externalRecord: fix.externalRecord, externalDocument: doc.uri.toString() };
    }),
  );
}
