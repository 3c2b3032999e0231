/**
 * The one exit-status table of every `mailsec` command, and `--fail-on`, which lets CI choose
 * what breaks a build:
 *
 *   0   clean
 *   1   warnings only
 *   2   errors or failures found
 *   3   could not run (input unreadable, DNS unreachable)
 *   64  bad usage (sysexits' EX_USAGE), printed with the command's usage
 *
 * How a command uses it (a new command does the same):
 *   - spread FAIL_ON_OPTION into its parseArgs options and end its usage text with EXIT_STATUS_USAGE;
 *   - reduce what it found to an Outcome ('clean' | 'warnings' | 'errors'), with outcomeOf(counts)
 *     or outcomeOfVerdict(verdict), and return exitStatus(outcome, failOn(values['fail-on']));
 *   - return EXIT.couldNotRun when it could not do its work, and throw UsageError for bad
 *     arguments: run.ts turns it into 64 with the usage (see commandErrors.ts).
 */
import { oneOf } from './io';

export const EXIT = { clean: 0, warnings: 1, errors: 2, couldNotRun: 3, usage: 64 } as const;

export type Outcome = 'clean' | 'warnings' | 'errors';
export type FailOn = 'error' | 'warning' | 'never';

export const FAIL_ON_OPTION = { 'fail-on': { type: 'string', default: 'warning' } } as const;

/** The exit-status lines every `--help` ends with. */
export const EXIT_STATUS_USAGE = `  --fail-on error|warning|never  what makes the exit status non-zero (default warning)

Exit status: 0 clean, 1 warnings only, 2 errors or failures found, 3 could not run
(input unreadable, DNS unreachable), 64 bad usage. --fail-on error turns 1 into 0;
--fail-on never turns 1 and 2 into 0.`;

export function failOn(value: string | undefined): FailOn {
  return oneOf('fail-on', value ?? 'warning', ['error', 'warning', 'never'] as const);
}

export function exitStatus(outcome: Outcome, mode: FailOn): number {
  if (outcome === 'clean' || mode === 'never') return EXIT.clean;
  if (outcome === 'warnings') return mode === 'warning' ? EXIT.warnings : EXIT.clean;
  return EXIT.errors;
}

/** Errors over warnings over clean; infos never count. */
export function outcomeOf(counts: { errors: number; warnings: number }): Outcome {
  return counts.errors > 0 ? 'errors' : counts.warnings > 0 ? 'warnings' : 'clean';
}

/** The verdict words of the checks (pass / warn / fail). */
export function outcomeOfVerdict(verdict: 'pass' | 'warn' | 'fail'): Outcome {
  return verdict === 'fail' ? 'errors' : verdict === 'warn' ? 'warnings' : 'clean';
}
