import { guardedStdout } from './stdout';

/** What a CLI command may touch, passed in so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads standard input to the end (for `-`). */
  readStdin(): Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (colours allowed). */
  isTTY: boolean;
}

export interface CliCommand {
  name: string;
  /** Full usage text for `mailsec <name> --help`. */
  usage: string;
  /** Returns the process exit code. Throws UsageError for bad arguments. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/**
 * The tag of a UsageError. Each command is its own esbuild bundle with its own copy of this
 * class, so `instanceof` cannot tell a usage error thrown in a command's bundle from the one
 * dist/cli.js knows: isUsageError reads this registry-wide symbol instead.
 */
const USAGE_ERROR = Symbol.for('mailsec.cli.UsageError');

/** Bad command-line input: printed with the command's usage, never with a stack trace. */
export class UsageError extends Error {
  readonly [USAGE_ERROR] = true;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An error of node:util parseArgs (unknown option, missing value): bad usage, like UsageError. */
export function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Bad usage, whichever bundle threw it: a UsageError (by its tag) or a parseArgs error. */
export function isUsageError(e: unknown): e is Error {
  return (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[USAGE_ERROR] === true) || isParseArgsError(e);
}

/** The value of an option that takes one of a few words, or a UsageError naming them. */
export function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed.join('');
  throw new UsageError(`--${option} must be ${list}, not '${value ?? ''}'.`);
}

export function processIO(): CliIO {
  return {
    stdout: guardedStdout(),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}
