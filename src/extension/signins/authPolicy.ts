import * as vscode from 'vscode';
import { AuthPolicyInputError, authenticationPolicyScripts, AUTH_POLICY_NAME_MAX } from '../../core/powershell/authPolicy';
import { policyUsers } from '../../core/signins/policyUsers';
import { openScript, saveScriptAs } from '../m365/documents';
import type { M365Log } from '../m365/log';
import type { SigninSession } from './session';

export interface AuthPolicyResult {
  document: string;
  users: string[];
  warnings: string[];
}

async function pickUsers(session: SigninSession): Promise<string[] | undefined> {
  const current = session.get();
  const groups = current ? policyUsers(current.report) : undefined;
  if (!current || !groups || groups.legacy.length + groups.attacked.length === 0) {
    const typed = await vscode.window.showInputBox({
      title: 'Generate authentication policy script',
      prompt: current ? 'The last report has no users on legacy authentication and no account under attack. Users to block Basic authentication for (UPNs, separated by commas)' : 'Users to block Basic authentication for (UPNs, separated by commas). Analyze a sign-in log to choose from its report instead.',
      ignoreFocusOut: true,
    });
    return typed === undefined ? undefined : typed.split(/[,;\s]+/).filter(Boolean);
  }
  // Accounts under attack first (brute-forced, or sprayed and the password got through), then legacy users.
  const attacked = new Set(groups.attacked);
  const items: vscode.QuickPickItem[] = [
    ...groups.attacked.map((user) => ({ label: user, description: 'under attack', detail: 'Brute-forced, or a spraying address got past the password', picked: false })),
    ...current.report.legacyUsers
      .filter((u) => !attacked.has(u.user))
      .map((u) => ({
        label: u.user,
        description: `${u.signIns} legacy sign-in${u.signIns === 1 ? '' : 's'}`,
        detail: u.clientApps.map((c) => `${c.value} (${c.count})`).join(', '),
        picked: false,
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Block Basic authentication for these users',
    placeHolder: 'Their legacy clients stop working: move them to modern authentication first',
    canPickMany: true,
  });
  return picked?.map((p) => p.label);
}

/**
 * "Generate Authentication Policy Script": New-AuthenticationPolicy with Basic
 * authentication off, Set-User for the chosen users, in a new untitled PowerShell
 * document; the rollback one click away. Arguments (from the report panel or tests):
 * users, policy name.
 */
export async function authPolicyCommand(users: string[] | undefined, policyName: string | undefined, session: SigninSession, log: M365Log): Promise<AuthPolicyResult | undefined> {
  const chosen = Array.isArray(users) ? users : await pickUsers(session);
  if (!chosen || chosen.length === 0) return undefined;
  const configured = vscode.workspace.getConfiguration('mailsec').get<string>('signins.authPolicyName', 'Block Basic Authentication');
  const name =
    policyName ??
    (await vscode.window.showInputBox({
      title: 'Authentication policy name',
      value: configured,
      validateInput: (v) => (!v.trim() ? 'Give the policy a name.' : v.trim().length > AUTH_POLICY_NAME_MAX ? `At most ${AUTH_POLICY_NAME_MAX} characters.` : undefined),
      ignoreFocusOut: true,
    }));
  if (name === undefined) return undefined;
  let scripts;
  try {
    scripts = authenticationPolicyScripts({ policyName: name, users: chosen });
  } catch (e) {
    if (!(e instanceof AuthPolicyInputError)) throw e;
    void vscode.window.showErrorMessage(e.message);
    return undefined;
  }
  const document = await openScript('mailsec-authentication-policy.ps1', 'powershell', scripts.apply);
  log.info(`Generated an authentication policy script for ${scripts.users.length} user(s).`);
  for (const w of scripts.warnings) void vscode.window.showWarningMessage(w);
  void vscode.window
    .showInformationMessage(
      `Refuses Basic authentication for ${scripts.users.length} user(s), before the password is checked. It is not a Conditional Access policy: tenant-wide, block legacy authentication with Conditional Access.`,
      'Save As…',
      'Open Rollback Script',
    )
    .then((choice) => {
      if (choice === 'Save As…') void saveScriptAs(document);
      else if (choice) void openScript('mailsec-authentication-policy-rollback.ps1', 'powershell', scripts.rollback);
    });
  return { document: document.uri.toString(), users: scripts.users, warnings: scripts.warnings };
}
