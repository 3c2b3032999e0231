import type { CliCommand } from '../io';
import { checkCommand } from './check';
import { lintCommand } from './lint';
import { verifyCommand } from './verify';

/** The command table: one module per sub-command, registered here only. */
export const commands: CliCommand[] = [lintCommand, checkCommand, verifyCommand];
