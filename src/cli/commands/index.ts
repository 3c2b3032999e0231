import type { CliCommand } from '../io';
import { analyzeCommand } from './analyze';

/** The command table: one module per sub-command, registered here only. */
export const commands: CliCommand[] = [analyzeCommand];
