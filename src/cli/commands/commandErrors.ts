/**
 * Error handling for the DNS commands (check, verify): their contract is exit 3 for
 * "could not check", bad usage included, so CI can tell it from a failing domain (2).
 */
import type { CliIO } from '../io';
import { UsageError, isParseArgsError } from '../io';

export async function runChecked(name: string, usage: string, io: CliIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.stderr(`mailsec ${name}: ${(e as Error).message}\n\n${usage}\n`);
      return 3;
    }
    if (e instanceof Error && e.name === 'AbortError') {
      io.stderr(`mailsec ${name}: cancelled.\n`);
      return 3;
    }
    io.stderr(`mailsec ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}
