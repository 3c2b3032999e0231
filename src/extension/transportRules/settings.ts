import * as vscode from 'vscode';
import { RULE_MODES, type RuleMode, type TransportRuleOptions } from '../../core/rules/transportRules';

/** Names, texts and mode of the rules, from `mailsec.transportRules.*` (empty means mailsec's default). */
export function readRuleOptions(scope?: vscode.Uri): TransportRuleOptions {
  const config = vscode.workspace.getConfiguration('mailsec', scope);
  const text = (key: string): string | undefined => config.get<string>(key, '').trim() || undefined;
  const mode = config.get<string>('transportRules.mode', 'Audit');
  return {
    mode: (RULE_MODES as readonly string[]).includes(mode) ? (mode as RuleMode) : 'Audit',
    senderNotValidated: { name: text('transportRules.senderNotValidated.name'), text: text('transportRules.senderNotValidated.text') },
    internalDisplayName: { name: text('transportRules.internalDisplayName.name'), text: text('transportRules.internalDisplayName.text') },
  };
}

/** `mailsec.transportRules.priority`: a whole number, or undefined to let Exchange put the rules last. */
export function readPriority(scope?: vscode.Uri): number | undefined {
  const v = vscode.workspace.getConfiguration('mailsec', scope).get<number | null>('transportRules.priority', null);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}
