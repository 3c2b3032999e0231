import type * as vscode from 'vscode';
import type { Feature } from '../features';
import { registerHeaderCommands } from './commands';
import { registerHeaderDiagnostics } from './diagnostics';

/** Email headers: diagnostics on header text, Analyze Email Header and its panel. */
export const headersFeature: Feature = {
  register(context: vscode.ExtensionContext): void {
    registerHeaderDiagnostics(context);
    registerHeaderCommands(context);
  },
};
