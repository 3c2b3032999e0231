import type { CliCommand } from '../io';
import { analyzeCommand } from './analyze';
import { bannedPasswordsCommand } from './banned-passwords';
import { checkCommand } from './check';
import { lintCommand } from './lint';
import { signinsCommand } from './signins';
import { transportRulesCommand } from './transport-rules';
import { verifyCommand } from './verify';

/** The command table: one module per sub-command, registered here only. */
export const commands: CliCommand[] = [lintCommand, checkCommand, verifyCommand, analyzeCommand, bannedPasswordsCommand, signinsCommand, transportRulesCommand];
