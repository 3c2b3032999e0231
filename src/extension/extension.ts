import type * as vscode from 'vscode';
import { features } from './features';

/**
 * Activation only wires features together; each feature registers its own
 * providers and commands and keeps its work lazy (parsing, DNS, mailauth).
 */
export function activate(context: vscode.ExtensionContext): void {
  for (const feature of features) feature.register(context);
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
