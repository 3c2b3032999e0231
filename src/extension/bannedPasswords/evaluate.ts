import * as vscode from 'vscode';
import { evaluatePassword } from '../../core/bannedPasswords/evaluate';
import { describeVerdict, passwordVerdict, type PasswordVerdict } from '../../core/bannedPasswords/verdict';
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

async function ask(value: string | undefined, prompt: string, initial: string): Promise<string | undefined> {
  if (value !== undefined) return value;
  return vscode.window.showInputBox({ title: 'Evaluate password against banned list', prompt, value: initial, ignoreFocusOut: true });
}

/**
 * "Evaluate Password Against Banned List": the password is typed into a password box and
 * held only in this function's variables. It is not stored, not logged (the log says
 * that an evaluation happened and its score), not put in a document and not sent anywhere;
 * the result names the banned terms found as the list spells them, never the password's text.
 */
/** The names typed last time (never the password), offered again. */
let lastNames = { first: '', last: '' };

export async function evaluatePasswordCommand(args: EvaluateArgs, cache: BannedListCache, log: M365Log): Promise<PasswordVerdict | undefined> {
  const document = await findList(args);
  if (!document) {
    void vscode.window.showErrorMessage('Open a custom banned password list first (a .bannedpasswords file, or any text file switched to the "Banned Password List" language).');
    return undefined;
  }
  const config = vscode.workspace.getConfiguration('mailsec', document.uri);
  const first = await ask(args.firstName, "The user's first name (optional: Entra rejects passwords containing it)", lastNames.first);
  if (first === undefined) return undefined;
  const last = await ask(args.lastName, "The user's last name (optional)", lastNames.last);
  if (last === undefined) return undefined;
  const tenantSetting = config.get<string>('bannedPasswords.tenantName', '');
  const tenant = await ask(args.tenantName ?? (tenantSetting || undefined), 'The tenant name (optional; set mailsec.bannedPasswords.tenantName to skip this question)', '');
  if (tenant === undefined) return undefined;
  lastNames = { first, last };
  const password =
    args.password ??
    (await vscode.window.showInputBox({
      title: 'Evaluate password against banned list',
      prompt: 'The password to check. It is not stored, logged or sent anywhere.',
      password: true,
      ignoreFocusOut: true,
    }));
  if (password === undefined || password === '') return undefined;
  const { lint } = cache.get(document);
  const terms = lint.terms.map((t) => t.text);
  const verdict = passwordVerdict(evaluatePassword(password, { bannedTerms: terms, userFirstName: first, userLastName: last, tenantName: tenant }));
  const { title, detail } = describeVerdict(verdict, terms.length);
  log.info(`Evaluated a password against ${terms.length} banned terms of ${vscode.workspace.asRelativePath(document.uri)}: ${verdict.accepted ? 'accepted' : 'rejected'}, ${verdict.score} points.`);
  const message = `${title} ${detail.replace(/\n/g, ' ')}`;
  if (verdict.accepted) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
  return verdict;
}
