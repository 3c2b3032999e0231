import type { CliCommand } from '../io';

/** The command table: one module per sub-command, registered here only. */
export const commands: CliCommand[] = [];
