/**
 * What a command's error becomes: bad usage exits 64 with the command's usage; anything else
 * (an unreadable input, an unreachable DNS server, a cancelled run) is "could not run", 3.
 * runCli (run.ts, in dist/cli.js) and the DNS commands' runChecked (in their own bundles) share
 * it, and it recognises usage errors by tag, never by `instanceof` across bundles.
 */
import { EXIT } from '../exitStatus';
import type { CliIO } from '../io';
import { isUsageError } from '../io';

export function reportCommandError(name: string, usage: string, io: CliIO, e: unknown): number {
  if (isUsageError(e)) {
    io.stderr(`mailsec ${name}: ${e.message}\n\n${usage.endsWith('\n') ? usage : usage + '\n'}`);
    return EXIT.usage;
  }
  if (e instanceof Error && e.name === 'AbortError') {
    io.stderr(`mailsec ${name}: cancelled.\n`);
    return EXIT.couldNotRun;
  }
  io.stderr(`mailsec ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT.couldNotRun;
}

/** Runs a command body, turning what it throws into an exit status (the DNS commands, check and verify). */
export async function runChecked(name: string, usage: string, io: CliIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    return reportCommandError(name, usage, io, e);
  }
}
