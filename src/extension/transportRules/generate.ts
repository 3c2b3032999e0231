import * as vscode from 'vscode';
import { transportRuleScripts, type TransportRuleScriptKind } from '../../core/powershell/transportRules';
import { planTransportRules, RULE_MODES, type RuleMode, type RulePlanNote } from '../../core/rules/transportRules';
import type { OrganizationSettings } from '../../core/headers/types';
import { openScript, saveScriptAs } from '../m365/documents';
import type { M365Log } from '../m365/log';
import { readOrganization } from '../m365/organization';
import { readPriority, readRuleOptions } from './settings';

export interface GenerateArgs {
  /** Skips the mode quick pick. */
  mode?: RuleMode;
  /** Which script to open first (default create); the others are offered in a notification. */
  script?: TransportRuleScriptKind;
}

export interface GenerateResult {
  document: string;
  script: TransportRuleScriptKind;
  rules: string[];
  notes: RulePlanNote[];
}

const MODE_ITEMS: Record<RuleMode, string> = {
  Audit: 'Only logs matches (message trace); no disclaimer yet. Start here.',
  AuditAndNotify: 'Logs matches and shows policy tips; no disclaimer yet.',
  Enforce: 'Prepends the disclaimers.',
};

async function pickMode(configured: RuleMode): Promise<RuleMode | undefined> {
  const items = [...RULE_MODES].sort((a, b) => (a === configured ? -1 : b === configured ? 1 : 0)).map((mode) => ({
    label: mode,
    description: mode === configured ? '(mailsec.transportRules.mode)' : '',
    detail: MODE_ITEMS[mode],
    mode,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Exchange transport rules: mode', placeHolder: 'Audit first: see what would match before the disclaimers go out' });
  return picked?.mode;
}

function noDisplayNamesWarning(org: OrganizationSettings): void {
  if (org.displayNames.some((n) => n.trim())) return;
  void vscode.window
    .showWarningMessage(
      'No internal display names are configured (mailsec.organization.displayNames, or displayNames in .mailsecrc.json): only the "sender could not be validated" rule was generated. Add the names outsiders impersonate (executives, finance) for the display-name rule.',
      'Open Settings',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'mailsec.organization.displayNames');
    });
}

/**
 * "Generate Exchange Transport Rules": the rule definitions from the settings, written as
 * Exchange Online PowerShell into one untitled PowerShell document per script kind
 * (mailsec-transport-rules-create.ps1 …, reused by the next run; Save As offers that
 * name); the update (Set-TransportRule) and rollback (Remove-TransportRule) scripts one
 * click away.
 */
export async function generateRules(args: GenerateArgs, log: M365Log): Promise<GenerateResult | undefined> {
  const org = await readOrganization();
  const options = readRuleOptions();
  const mode = args.mode ?? (await pickMode(options.mode ?? 'Audit'));
  if (!mode) return undefined;
  const plan = planTransportRules(org, { ...options, mode });
  // What Exchange Online would refuse: the script is not written.
  const blocking = plan.notes.filter((n) => n.code === 'rule-name-too-long' || n.code === 'rule-disclaimer-too-long');
  if (blocking.length) {
    void vscode.window.showErrorMessage(blocking.map((n) => n.message).join(' '));
    return undefined;
  }
  let scripts;
  try {
    scripts = transportRuleScripts(plan.rules, { priority: readPriority() });
  } catch (e) {
    void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    return undefined;
  }
  const first = args.script ?? 'create';
  const open = (kind: TransportRuleScriptKind) => openScript(`mailsec-transport-rules-${kind}.ps1`, 'powershell', scripts[kind]);
  const document = await open(first);
  log.info(`Generated the ${first} script for ${plan.rules.length} transport rule(s), mode ${mode}, ${plan.patternCharacters} characters of patterns.`);
  for (const n of plan.notes) (n.severity === 'info' ? log.info : log.warn).call(log, `${n.code}: ${n.message}`);
  noDisplayNamesWarning(org);
  const problems = plan.notes.filter((n) => n.severity === 'error' || (n.severity === 'warning' && n.code !== 'rule-no-display-names'));
  if (problems.length) void vscode.window.showWarningMessage(problems.map((n) => n.message).join(' '));
  const others = (['create', 'update', 'rollback'] as const).filter((k) => k !== first);
  const label = (k: TransportRuleScriptKind) => ({ create: 'Open Create Script', update: 'Open Update Script', rollback: 'Open Rollback Script' })[k];
  void vscode.window
    .showInformationMessage(`${plan.rules.length} transport rule(s) in ${mode} mode. The create script can be run again (it updates what exists); the rollback removes every mailsec rule and restores what the first run replaced.`, 'Save As…', ...others.map(label))
    .then((choice) => {
      if (choice === 'Save As…') return void saveScriptAs(document);
      const kind = others.find((k) => label(k) === choice);
      if (kind) void open(kind);
    });
  return { document: document.uri.toString(), script: first, rules: plan.rules.map((r) => r.name), notes: plan.notes };
}
