import type * as vscode from 'vscode';
import type { Feature } from '../features';
import { registerCheckCommands } from './commands';
import { liveChecks } from './service';
import { registerVerifyCommand } from './verify';

/** Live DNS checks: Check DKIM / SPF / DMARC / MX / Mail Domain, Verify Message Authentication, the results panel. */
export const liveFeature: Feature = {
  register(context: vscode.ExtensionContext): void {
    const live = liveChecks(context);
    registerCheckCommands(context, live);
    registerVerifyCommand(context, live);
  },
};
