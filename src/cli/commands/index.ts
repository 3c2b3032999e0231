import type { CliCommand } from '../io';
import { bannedPasswordsCommand } from './banned-passwords';
import { lintCommand } from './lint';
import { signinsCommand } from './signins';

/** The command table: one module per sub-command, registered here only. */
export const commands: CliCommand[] = [lintCommand, bannedPasswordsCommand, signinsCommand];
