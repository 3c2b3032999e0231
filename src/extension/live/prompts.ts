import * as vscode from 'vscode';
import { DISCOVER, domainProblem, ipProblem, selectorProblem, senderProblem } from '../../core/checks/inputs';

/** The last domain typed, offered again in the next box. */
let lastDomain = '';

/** Asks for a domain (validated as it is typed); undefined when the box is closed. */
export async function askDomain(title: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt: 'Domain to check, e.g. example.com',
    value: lastDomain,
    ignoreFocusOut: true,
    validateInput: (v) => domainProblem(v),
  });
  if (value !== undefined) lastDomain = value.trim();
  return value?.trim();
}

export async function askSelector(domain: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: `Check DKIM for ${domain}`,
    prompt: `Selector (the s= of a DKIM-Signature), several separated by commas, or "${DISCOVER}" to try the selectors of mailsec.dkim.selectors`,
    value: DISCOVER,
    valueSelection: [0, DISCOVER.length],
    ignoreFocusOut: true,
    validateInput: (v) => selectorProblem(v),
  });
  return value?.trim();
}

/** Optional client IP: empty means "do not evaluate". */
export async function askIp(title: string, prompt: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: '192.0.2.1 or 2001:db8::1 (leave empty to skip)',
    ignoreFocusOut: true,
    validateInput: (v) => ipProblem(v, true),
  });
  return value?.trim();
}

export async function askSender(title: string, domain: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt: 'Envelope sender (MAIL FROM) to evaluate',
    value: `postmaster@${domain}`,
    ignoreFocusOut: true,
    validateInput: (v) => senderProblem(v, true),
  });
  return value?.trim();
}
