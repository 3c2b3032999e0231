import type { CliCommand } from '../io';
import { lintCommand } from './lint';

/** The command table: one module per sub-command, registered here only. */
export const commands: CliCommand[] = [lintCommand];
