import type * as vscode from 'vscode';
import { registerBannedPasswords } from '../bannedPasswords/register';
import type { Feature } from '../features';
import { registerSignins } from '../signins/register';
import { registerTransportRules } from '../transportRules/register';
import { registerLog } from './log';

/** Microsoft 365 admin tasks: transport rules as code, banned-password lists, sign-in logs (one log for the three). */
export const m365Feature: Feature = {
  register(context: vscode.ExtensionContext): void {
    const log = registerLog(context);
    registerTransportRules(context, log);
    registerBannedPasswords(context, log);
    registerSignins(context, log);
  },
};
