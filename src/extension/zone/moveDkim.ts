import * as vscode from 'vscode';
import { cnameConflicts, dkimCnameFix, dkimOwnerParts, expandCnameTarget, movedNotice, webFormRecord, type WebFormValue } from '../../core/zone/fixes/dkimCname';
import { recordAt } from '../../core/zone/query';
import { workspaceEdit } from '../diagnostics';
import type { ZoneAnalysisCache } from './analysisCache';
import type { BackgroundZones } from './background';
import { registerCommand } from '../registry';

export const MOVE_DKIM_COMMAND = 'mailsec.zone.moveDkimBehindCname';

/**
 * Documents of this scheme are zone *fragments*: records to create at another DNS host.
 * The zone linter checks them as such (lintOptionsFor: no SOA check, no web-form warning).
 */
export const FRAGMENT_SCHEME = 'mailsec-fragment';

/** The read-only fragments opened beside the zone (the external half of the fix). */
class Fragments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
  add(host: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: FRAGMENT_SCHEME, path: `/${host}.zone`, query: String(this.next++) });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}

const FORMS: (vscode.QuickPickItem & { form: WebFormValue })[] = [
  { label: 'One string', description: 'most DNS hosts\' web forms', detail: 'The value as one line of text, as the form\'s Value field takes it.', form: 'one-string' },
  { label: 'Split into 255-byte strings', description: '"…" "…"', detail: 'For hosts that ask for the strings of a long TXT record separately (quoted, space-separated).', form: 'split' },
];

/** The target template: `mailsec.dkim.cnameTargetTemplate`, else the older `mailsec.dkim.cnameTarget`. */
function configuredTemplate(scope: vscode.Uri): string | undefined {
  const config = vscode.workspace.getConfiguration('mailsec', scope);
  return config.get<string>('dkim.cnameTargetTemplate', '') || config.get<string>('dkim.cnameTarget', '') || undefined;
}

/**
 * "Move DKIM key behind a CNAME": takes the host that will publish the key from the third
 * argument or `mailsec.dkim.cnameTargetTemplate`, else asks (an empty box, an example in
 * the placeholder: nothing invented); replaces the TXT with a CNAME to it; puts on the
 * clipboard what the DNS host's web form wants (host name and value on labelled lines,
 * the value as one string or split, chosen in a quick pick or by the fourth argument);
 * and opens the record to create as a read-only zone fragment beside the zone.
 * Arguments: document URI, offset of the record, optional target, optional value form.
 */
/** Why a command that needs the analysis on the extension host does not run on a large document. */
export function largeFileMessage(document: vscode.TextDocument, what: string): string {
  return `${what} is not offered in zone files of ${document.lineCount.toLocaleString('en')} lines: they are analysed in the background (mailsec.zone.backgroundAnalysisLines). Run \`mailsec lint --fix\` on the file, or edit a smaller part of the zone.`;
}

export function registerMoveDkim(context: vscode.ExtensionContext, cache: ZoneAnalysisCache, background: BackgroundZones): void {
  const fragments = new Fragments();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(FRAGMENT_SCHEME, fragments));
  context.subscriptions.push(
    registerCommand(MOVE_DKIM_COMMAND, async (uri?: vscode.Uri, offset?: number, targetArg?: string, formArg?: WebFormValue) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!document) return undefined;
      if (background.isLarge(document)) {
        void vscode.window.showErrorMessage(largeFileMessage(document, 'Moving a DKIM key behind a CNAME'));
        return undefined;
      }
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
      const template = targetArg ?? configuredTemplate(document.uri);
      let target: string | undefined;
      if (template !== undefined) {
        const r = expandCnameTarget(template, parts);
        if ('error' in r) {
          void vscode.window.showErrorMessage(targetArg === undefined ? `mailsec.dkim.cnameTargetTemplate: ${r.error}` : r.error);
          return undefined;
        }
        target = r.target;
      } else {
        const input = await vscode.window.showInputBox({
          title: 'Move DKIM key behind a CNAME',
          prompt: `Host name your DKIM provider gives for the key of ${rec.owner} ({selector} and {domain} are filled in). Set mailsec.dkim.cnameTargetTemplate to skip this question.`,
          value: '',
          placeHolder: `e.g. ${parts.selector}._domainkey.${parts.domain}.dkim.example.net or {selector}.dkim.{domain}.example.net`,
          ignoreFocusOut: true,
          validateInput: (v) => {
            if (!v.trim()) return undefined; // no error while the box is still empty
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
      let form = formArg;
      if (!form) {
        const picked = await vscode.window.showQuickPick(FORMS, { title: 'Copy the TXT value for the DNS host\'s web form', placeHolder: 'How does the DNS host that serves the key take a long value?', ignoreFocusOut: true });
        if (!picked) return undefined;
        form = picked.form;
      }
      if (!(await vscode.workspace.applyEdit(workspaceEdit(document, lines, fix.edits)))) {
        void vscode.window.showErrorMessage('The zone file changed meanwhile; try again.');
        return undefined;
      }
      const clipboard = webFormRecord(fix, form);
      await vscode.env.clipboard.writeText(clipboard);
      const host = target.replace(/\.$/, '');
      const doc = await vscode.workspace.openTextDocument(fragments.add(host, fix.externalRecord));
      await vscode.languages.setTextDocumentLanguage(doc, 'dns-zone');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      void vscode.window.showInformationMessage(movedNotice(rec.owner, target));
      return { target, externalRecord: fix.externalRecord, externalDocument: doc.uri.toString(), clipboard, form };
    }),
  );
}
