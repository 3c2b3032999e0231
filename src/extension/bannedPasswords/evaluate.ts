import * as vscode from 'vscode';
import { evaluatePassword } from '../../core/bannedPasswords/evaluate';
import { describeVerdict, passwordVerdict, verdictMarkdown, type PasswordVerdict } from '../../core/bannedPasswords/verdict';
import type { M365Log } from '../m365/log';
import { BANNED_LANGUAGE, type BannedListCache } from './analysis';

export interface EvaluateArgs {
  /** For tests and scripts; from the palette the password is typed into a password box. */
  password?: string;
  firstName?: string;
  lastName?: string;
  tenantName?: string;
  /** The list to use; default: the active (or a visible, or an open) banned-passwords document. */
  list?: vscode.Uri;
}

async function findList(args: EvaluateArgs): Promise<vscode.TextDocument | undefined> {
  if (args.list) return vscode.workspace.openTextDocument(args.list);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === BANNED_LANGUAGE) return active;
  return (
    vscode.window.visibleTextEditors.find((e) => e.document.languageId === BANNED_LANGUAGE)?.document ??
    vscode.workspace.textDocuments.find((d) => d.languageId === BANNED_LANGUAGE)
  );
}

interface FormValues {
  first: string;
  last: string;
  tenant: string;
  password: string;
}

/** The names and tenant typed last time (never the password), offered again. */
let remembered = { first: '', last: '', tenant: '' };

type FormItem = vscode.QuickPickItem & { key: keyof FormValues | 'evaluate' };

/**
 * One form for everything: the names, the tenant and the password in one list, each
 * item editable, then "Evaluate". The password lives only in this function's variables.
 */
async function askOnce(initial: Omit<FormValues, 'password'>, password: string | undefined): Promise<FormValues | undefined> {
  const values: FormValues = { ...initial, password: password ?? '' };
  const title = 'Evaluate password against banned list';
  for (;;) {
    const items: FormItem[] = [
      { key: 'password', label: '$(key) Password', description: values.password ? 'typed (not stored, not shown)' : 'not typed yet' },
      { key: 'first', label: "$(person) User's first name", description: values.first || '(none)' },
      { key: 'last', label: "$(person) User's last name", description: values.last || '(none)' },
      { key: 'tenant', label: '$(organization) Tenant name', description: values.tenant || '(none)' },
      { key: 'evaluate', label: '$(check) Evaluate', description: values.password ? '' : 'type the password first' },
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: 'Entra rejects passwords that contain the user\'s names or the tenant name: fill in what applies, then Evaluate',
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    if (pick.key === 'evaluate' && values.password) return values;
    const key = pick.key === 'evaluate' ? 'password' : pick.key;
    const typed = await vscode.window.showInputBox({
      title,
      prompt: key === 'password' ? 'The password to check. It is not stored, logged or sent anywhere.' : `${pick.label.replace(/^\$\([^)]*\) /, '')} (optional)`,
      value: key === 'password' ? '' : values[key],
      password: key === 'password',
      ignoreFocusOut: true,
    });
    if (typed !== undefined) values[key] = key === 'password' ? typed : typed.trim();
    if (key === 'password' && typed && values.password) {
      // typed the password: straight to the result unless the names still need a look
      if (values.first || values.last || values.tenant) return values;
    }
  }
}

/**
 * "Evaluate Password Against Banned List": one form (names, tenant, password), the names
 * and tenant remembered for the next time, the password held only in this function's
 * variables: not stored, not logged (the log says that an evaluation happened and its
 * score), not sent anywhere. The scoring opens as a Markdown breakdown beside the list;
 * it names the banned terms found as the list spells them, never the password's text.
 */
export async function evaluatePasswordCommand(args: EvaluateArgs, cache: BannedListCache, log: M365Log): Promise<PasswordVerdict | undefined> {
  const document = await findList(args);
  if (!document) {
    void vscode.window.showErrorMessage('Open a custom banned password list first (a .bannedpasswords file, or any text file switched to the "Banned Password List" language).');
    return undefined;
  }
  const config = vscode.workspace.getConfiguration('mailsec', document.uri);
  const tenantSetting = config.get<string>('bannedPasswords.tenantName', '');
  const initial = {
    first: args.firstName ?? remembered.first,
    last: args.lastName ?? remembered.last,
    tenant: args.tenantName ?? (remembered.tenant || tenantSetting),
  };
  const scripted = args.password !== undefined;
  const values = scripted ? { ...initial, password: args.password! } : await askOnce(initial, undefined);
  if (!values || values.password === '') return undefined;
  remembered = { first: values.first, last: values.last, tenant: values.tenant };
  const { lint } = cache.get(document);
  const terms = lint.terms.map((t) => t.text);
  const verdict = passwordVerdict(
    evaluatePassword(values.password, { bannedTerms: terms, userFirstName: values.first, userLastName: values.last, tenantName: values.tenant }),
  );
  values.password = '';
  const { title } = describeVerdict(verdict, terms.length);
  log.info(`Evaluated a password against ${terms.length} banned terms of ${vscode.workspace.asRelativePath(document.uri)}: ${verdict.accepted ? 'accepted' : 'rejected'}, ${verdict.score} points.`);
  const markdown = verdictMarkdown(verdict, { name: vscode.workspace.asRelativePath(document.uri), size: terms.length }, remembered);
  if (!scripted) {
    const breakdown = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', breakdown.uri);
    } catch {
      await vscode.window.showTextDocument(breakdown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }
  if (verdict.accepted) void vscode.window.showInformationMessage(title);
  else void vscode.window.showWarningMessage(title);
  return verdict;
}
